"""Relays running in parallel on PostgreSQL post each due delivery once: a delivery claimed
by one (under SELECT ... FOR UPDATE SKIP LOCKED) is skipped by the others."""

import pytest

from tradebridge.core.tests.concurrency import race
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models import WebhookAttempt, WebhookDelivery
from tradebridge.webhooks.services import deliveries_relay, outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory
from tradebridge.webhooks.tests.receiver import receiving


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_relays_post_each_delivery_once(people: People) -> None:
    with receiving() as receiver:
        WebhookEndpointFactory.create(company=people.company, url=receiver.url)
        for _ in range(12):
            outbox_add(company_id=people.company.id, event_type="order.paid", payload={})

        outcomes = race([deliveries_relay for _ in range(4)])

    assert outcomes == ["ok"] * 4
    ids = [received.headers["webhook-id"] for received in receiver.requests]
    assert len(ids) == len(set(ids)) == 12
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.SUCCEEDED
    }
    assert WebhookAttempt.objects.count() == 12
