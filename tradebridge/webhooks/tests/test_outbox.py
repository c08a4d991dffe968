"""`outbox_add`: one event and one pending delivery per active subscribed endpoint, written in
the caller's transaction; nothing when no endpoint wants the event, nothing after a rollback."""

import uuid
from decimal import Decimal

import pytest
from django.db import transaction

from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.webhooks.enums import DeliveryStatus, EventType
from tradebridge.webhooks.models import OutboxEvent, WebhookDelivery
from tradebridge.webhooks.services import outbox_add
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_one_pending_delivery_per_active_subscribed_endpoint() -> None:
    company = CompanyFactory.create()
    everything = WebhookEndpointFactory.create(company=company)
    orders_only = WebhookEndpointFactory.create(
        company=company, event_types=["order.created", "order.paid"]
    )
    WebhookEndpointFactory.create(company=company, event_types=["dispute.opened"])
    WebhookEndpointFactory.create(company=company, is_active=False)
    WebhookEndpointFactory.create()  # another company's

    event = outbox_add(
        company_id=company.id,
        event_type=EventType.ORDER_CREATED,
        payload={"order_id": uuid.UUID(int=7), "total": Decimal("12.50")},
    )

    assert event is not None
    assert event.event_id.startswith("evt_")
    assert len(event.event_id) == 36
    assert event.company_id == company.id
    assert event.payload == {"order_id": str(uuid.UUID(int=7)), "total": "12.50"}
    deliveries = WebhookDelivery.objects.filter(event=event)
    assert {d.endpoint_id for d in deliveries} == {everything.id, orders_only.id}
    assert {d.status for d in deliveries} == {DeliveryStatus.PENDING}
    assert all(d.next_attempt_at == event.created_at for d in deliveries)


def test_no_endpoint_wants_it_writes_nothing() -> None:
    company = CompanyFactory.create()
    WebhookEndpointFactory.create(company=company, event_types=["dispute.opened"])

    assert outbox_add(company_id=company.id, event_type="order.shipped", payload={}) is None
    assert OutboxEvent.objects.count() == 0
    assert WebhookDelivery.objects.count() == 0


def test_unknown_event_type_is_a_programming_error() -> None:
    company = CompanyFactory.create()
    WebhookEndpointFactory.create(company=company)

    with pytest.raises(ValueError, match=r"order\.shiped"):
        outbox_add(company_id=company.id, event_type="order.shiped", payload={})
    with pytest.raises(ValueError, match="ping"):
        outbox_add(company_id=company.id, event_type="ping", payload={})
    assert OutboxEvent.objects.count() == 0


def test_rolled_back_transaction_leaves_no_event_and_no_delivery() -> None:
    """N6: no event exists for a rolled-back transaction."""
    company = CompanyFactory.create()
    WebhookEndpointFactory.create(company=company)

    class Boom(Exception):
        pass

    def announce_then_fail() -> None:
        with transaction.atomic():
            assert outbox_add(company_id=company.id, event_type="order.paid", payload={})
            raise Boom

    with pytest.raises(Boom):
        announce_then_fail()

    assert OutboxEvent.objects.count() == 0
    assert WebhookDelivery.objects.count() == 0


def test_relay_is_enqueued_only_after_the_commit(
    django_capture_on_commit_callbacks: object,
) -> None:
    company = CompanyFactory.create()
    WebhookEndpointFactory.create(company=company)

    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[operator]
        outbox_add(company_id=company.id, event_type="order.paid", payload={})

    assert len(callbacks) == 1
