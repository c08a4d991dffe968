"""Reads of webhooks, scoped to the actor's company: another company's endpoint or delivery
raises the same `NotFound` as a missing one. Every active member reads endpoints and the
delivery log; only members who may manage the company see signing secrets."""

import uuid

from django.db.models import Prefetch, QuerySet

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.core.errors import NotFound
from tradebridge.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint


def secret_visible_to(actor: Membership) -> bool:
    """Whether the actor may read an endpoint's signing secret (MANAGE_COMPANY)."""
    return has_permission(actor, Permission.MANAGE_COMPANY)


def webhook_endpoint_list_for_member(*, actor: Membership) -> QuerySet[WebhookEndpoint]:
    """The endpoints of the actor's company, oldest first; none for an inactive membership."""
    if not actor.is_active:
        return WebhookEndpoint.objects.none()
    return WebhookEndpoint.objects.filter(company_id=actor.company_id).order_by("created_at", "id")


def webhook_endpoint_get_for_member(
    *, actor: Membership, endpoint_id: uuid.UUID, for_update: bool = False
) -> WebhookEndpoint:
    """One endpoint of the actor's company; `for_update` locks it (inside a transaction).
    Raises NotFound (missing, another company's, or an inactive membership)."""
    endpoints = WebhookEndpoint.objects.filter(id=endpoint_id, company_id=actor.company_id)
    if for_update:
        endpoints = endpoints.select_for_update()
    endpoint = endpoints.first() if actor.is_active else None
    if endpoint is None:
        raise NotFound(endpoint_id=str(endpoint_id))
    return endpoint


def webhook_delivery_list_for_member(
    *, actor: Membership, endpoint_id: uuid.UUID, status: str | None = None
) -> QuerySet[WebhookDelivery]:
    """The deliveries of one of the actor's endpoints, newest first, each with its event and
    its attempts (oldest first). Raises NotFound as `webhook_endpoint_get_for_member`."""
    endpoint = webhook_endpoint_get_for_member(actor=actor, endpoint_id=endpoint_id)
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
    if status:
        deliveries = deliveries.filter(status=status)
    return (
        deliveries.select_related("event")
        .prefetch_related(
            Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("attempted_at", "id"))
        )
        .order_by("-created_at", "-id")
    )


def webhook_delivery_get_for_member(
    *, actor: Membership, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    """One delivery of one of the actor's endpoints, with its event and attempts. Raises
    NotFound (missing, another endpoint's or company's, or an inactive membership)."""
    delivery = (
        webhook_delivery_list_for_member(actor=actor, endpoint_id=endpoint_id)
        .filter(id=delivery_id)
        .first()
    )
    if delivery is None:
        raise NotFound(delivery_id=str(delivery_id))
    return delivery
