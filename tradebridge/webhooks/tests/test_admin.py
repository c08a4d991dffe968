"""The back office shows endpoints, outbox events and deliveries with their attempts, read-only,
and never a signing secret."""

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.webhooks.models import WebhookAttempt
from tradebridge.webhooks.services import outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_the_operator_reads_everything_but_changes_nothing(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    event = outbox_add(company_id=people.company.id, event_type="order.paid", payload={})
    assert event is not None
    delivery = event.deliveries.get()
    WebhookAttempt.objects.create(
        delivery=delivery, attempted_at=event.created_at, status_code=502, duration_ms=40
    )
    client = Client()
    client.force_login(OperatorFactory.create())

    pages = [
        "/admin/webhooks/webhookendpoint/",
        f"/admin/webhooks/webhookendpoint/{endpoint.id}/change/",
        "/admin/webhooks/outboxevent/",
        "/admin/webhooks/webhookdelivery/",
        f"/admin/webhooks/webhookdelivery/{delivery.id}/change/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert endpoint.secret not in response.content.decode(), path
    assert "502" in client.get(pages[-1]).content.decode()
    assert client.get("/admin/webhooks/webhookendpoint/add/").status_code == 403
    deleting = client.post(f"/admin/webhooks/webhookendpoint/{endpoint.id}/delete/")
    assert deleting.status_code == 403
