"""The transactional outbox: other apps announce what happened to a company here, inside the
transaction that made it happen."""

import json
from typing import Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from tradebridge.core.tasks import enqueue_on_commit
from tradebridge.webhooks.enums import SUBSCRIBABLE_EVENT_TYPES, DeliveryStatus
from tradebridge.webhooks.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from tradebridge.webhooks.tasks import webhooks_relay


def outbox_add(*, company_id: UUID, event_type: str, payload: dict[str, Any]) -> OutboxEvent | None:
    """Write the event and one pending delivery per active endpoint of `company_id` that
    subscribes to `event_type`, in the caller's transaction (call it inside the atomic block
    of the change it announces: a rollback leaves no event and no delivery). Return the
    event, or None when no endpoint wants it (nothing is written).

    `payload` must be JSON-serialisable with Django's encoder (Decimals, UUIDs and datetimes
    become strings). The relay is enqueued after the commit; it also runs every minute, so a
    lost enqueue delays a delivery and loses nothing. Not idempotent: each call is one event.
    Raises ValueError for an event type that is not in `webhooks.enums.EventType`.
    """
    if event_type not in SUBSCRIBABLE_EVENT_TYPES:
        raise ValueError(f"Unknown webhook event type: {event_type!r}")
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(company_id=company_id, is_active=True)
        if endpoint.subscribes_to(event_type)
    ]
    if not endpoints:
        return None
    return outbox_event_write(
        company_id=company_id, event_type=event_type, payload=payload, endpoints=endpoints
    )


def outbox_event_write(
    *,
    company_id: UUID,
    event_type: str,
    payload: dict[str, Any],
    endpoints: list[WebhookEndpoint],
) -> OutboxEvent:
    """Write one event and a pending delivery, due now, to each of `endpoints`; enqueue the
    relay after the commit. Used by `outbox_add` and by "send test event"."""
    now = timezone.now()
    event = OutboxEvent.objects.create(
        company_id=company_id,
        event_type=event_type,
        payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),
        created_at=now,
    )
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint, event=event, status=DeliveryStatus.PENDING, next_attempt_at=now
        )
        for endpoint in endpoints
    )
    enqueue_on_commit(webhooks_relay)
    return event
