"""Deliveries a member asks for: resend one delivery now, or send a test event (`ping`).
Both need MANAGE_COMPANY; another company's endpoint or delivery is NotFound."""

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound
from tradebridge.core.services.audit import audit_record
from tradebridge.core.tasks import enqueue_on_commit
from tradebridge.core.transitions import ensure_transition
from tradebridge.webhooks.enums import DeliveryStatus, EventType
from tradebridge.webhooks.errors import EndpointInactive
from tradebridge.webhooks.models import WebhookDelivery
from tradebridge.webhooks.selectors import webhook_endpoint_get_for_member
from tradebridge.webhooks.services.outbox import outbox_event_write
from tradebridge.webhooks.tasks import webhooks_relay
from tradebridge.webhooks.transitions import DELIVERY_TRANSITIONS


def webhook_delivery_resend(
    *,
    actor: Membership,
    endpoint_id: uuid.UUID,
    delivery_id: uuid.UUID,
    now: datetime | None = None,
) -> WebhookDelivery:
    """Put a delivery back to pending, due now, with the retry schedule started again; it
    keeps its event, so the receiver sees the same `webhook-id`. Idempotent for a delivery
    already pending (it only becomes due now). Raises NotFound, PermissionDenied."""
    now = now or timezone.now()
    with transaction.atomic():
        endpoint = webhook_endpoint_get_for_member(actor=actor, endpoint_id=endpoint_id)
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(id=delivery_id, endpoint=endpoint)
            .first()
        )
        if delivery is None:
            raise NotFound(delivery_id=str(delivery_id))
        ensure_can(actor, Permission.MANAGE_COMPANY)
        if delivery.status != DeliveryStatus.PENDING:
            ensure_transition(
                DELIVERY_TRANSITIONS,
                current=DeliveryStatus(delivery.status),
                target=DeliveryStatus.PENDING,
            )
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = now
        delivery.retry_count = 0
        delivery.save(update_fields=["status", "next_attempt_at", "retry_count", "updated_at"])
        audit_record(
            action="webhook_delivery.resent",
            object_type="webhook_delivery",
            object_id=delivery.id,
            actor_user_id=actor.user_id,
            company_id=actor.company_id,
            data={"endpoint_id": endpoint.id, "event_id": delivery.event.event_id},
        )
        enqueue_on_commit(webhooks_relay)
    return delivery


def webhook_endpoint_test(*, actor: Membership, endpoint_id: uuid.UUID) -> WebhookDelivery:
    """Send a `ping` event to one endpoint (only to it, whatever it subscribes to). Raises
    NotFound, PermissionDenied, EndpointInactive."""
    with transaction.atomic():
        endpoint = webhook_endpoint_get_for_member(actor=actor, endpoint_id=endpoint_id)
        ensure_can(actor, Permission.MANAGE_COMPANY)
        if not endpoint.is_active:
            raise EndpointInactive(endpoint_id=str(endpoint.id))
        event = outbox_event_write(
            company_id=endpoint.company_id,
            event_type=EventType.PING,
            payload={"endpoint_id": endpoint.id, "message": "Test event from Tradebridge."},
            endpoints=[endpoint],
        )
        audit_record(
            action="webhook_endpoint.tested",
            object_type="webhook_endpoint",
            object_id=endpoint.id,
            actor_user_id=actor.user_id,
            company_id=actor.company_id,
            data={"event_id": event.event_id},
        )
    return WebhookDelivery.objects.select_related("event").get(event=event, endpoint=endpoint)
