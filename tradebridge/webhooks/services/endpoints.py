"""Managing a company's webhook endpoints: add, change, remove, rotate the signing secret.
Each needs MANAGE_COMPANY; another company's endpoint is NotFound. Each writes an audit
event (never the secret) in its transaction."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import ValidationFailed
from tradebridge.core.services.audit import audit_record
from tradebridge.webhooks.destinations import DestinationRefused, url_check_literal
from tradebridge.webhooks.enums import SUBSCRIBABLE_EVENT_TYPES
from tradebridge.webhooks.errors import EndpointLimitReached
from tradebridge.webhooks.models import WebhookEndpoint, new_webhook_secret
from tradebridge.webhooks.selectors import webhook_endpoint_get_for_member

MAX_ENDPOINTS_PER_COMPANY: Final = 20
# After a rotation the previous secret keeps signing (beside the new one) this long.
PREVIOUS_SECRET_OVERLAP: Final = timedelta(hours=24)
URL_MAX_LENGTH: Final = 2000


@dataclass(frozen=True, slots=True)
class EndpointChanges:
    """What `webhook_endpoint_update` changes; None leaves a field as it is."""

    url: str | None = None
    description: str | None = None
    event_types: Sequence[str] | None = None
    is_active: bool | None = None


def webhook_endpoint_create(
    *,
    actor: Membership,
    url: str,
    description: str = "",
    event_types: Sequence[str] = (),
    is_active: bool = True,
) -> WebhookEndpoint:
    """Add an endpoint to the actor's company with a fresh signing secret. Raises
    PermissionDenied, ValidationFailed (url, event_types), EndpointLimitReached."""
    ensure_can(actor, Permission.MANAGE_COMPANY)
    clean_url, clean_types = _clean_url(url), _clean_event_types(event_types)
    with transaction.atomic():
        # Lock the company's endpoints so two concurrent adds cannot both pass the limit.
        existing = WebhookEndpoint.objects.select_for_update().filter(company_id=actor.company_id)
        if len(existing) >= MAX_ENDPOINTS_PER_COMPANY:
            raise EndpointLimitReached(limit=MAX_ENDPOINTS_PER_COMPANY)
        endpoint = WebhookEndpoint.objects.create(
            company_id=actor.company_id,
            url=clean_url,
            description=description.strip()[:200],
            event_types=clean_types,
            is_active=is_active,
            created_by_id=actor.user_id,
        )
        _audit(actor, endpoint, "webhook_endpoint.created")
    return endpoint


def webhook_endpoint_update(
    *, actor: Membership, endpoint_id: uuid.UUID, changes: EndpointChanges
) -> WebhookEndpoint:
    """Change an endpoint's URL, description, event types or active flag. Raises NotFound,
    PermissionDenied, ValidationFailed (url, event_types)."""
    with transaction.atomic():
        endpoint = webhook_endpoint_get_for_member(
            actor=actor, endpoint_id=endpoint_id, for_update=True
        )
        ensure_can(actor, Permission.MANAGE_COMPANY)
        if changes.url is not None:
            endpoint.url = _clean_url(changes.url)
        if changes.description is not None:
            endpoint.description = changes.description.strip()[:200]
        if changes.event_types is not None:
            endpoint.event_types = _clean_event_types(changes.event_types)
        if changes.is_active is not None:
            endpoint.is_active = changes.is_active
        endpoint.save()
        _audit(actor, endpoint, "webhook_endpoint.updated")
    return endpoint


def webhook_endpoint_delete(*, actor: Membership, endpoint_id: uuid.UUID) -> None:
    """Remove an endpoint and its delivery log. Raises NotFound, PermissionDenied."""
    with transaction.atomic():
        endpoint = webhook_endpoint_get_for_member(
            actor=actor, endpoint_id=endpoint_id, for_update=True
        )
        ensure_can(actor, Permission.MANAGE_COMPANY)
        _audit(actor, endpoint, "webhook_endpoint.deleted")
        endpoint.delete()


def webhook_endpoint_secret_rotate(
    *, actor: Membership, endpoint_id: uuid.UUID, now: datetime | None = None
) -> WebhookEndpoint:
    """Give the endpoint a new signing secret; the current one keeps signing beside it for
    24 hours (a secret rotated again within them is dropped at once). Raises NotFound,
    PermissionDenied."""
    now = now or timezone.now()
    with transaction.atomic():
        endpoint = webhook_endpoint_get_for_member(
            actor=actor, endpoint_id=endpoint_id, for_update=True
        )
        ensure_can(actor, Permission.MANAGE_COMPANY)
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires_at = now + PREVIOUS_SECRET_OVERLAP
        endpoint.secret = new_webhook_secret()
        endpoint.save()
        _audit(actor, endpoint, "webhook_endpoint.secret_rotated")
    return endpoint


def _clean_url(url: str) -> str:
    clean = url.strip()
    if len(clean) > URL_MAX_LENGTH:
        raise ValidationFailed("The URL is too long.", field="url", reason="too_long")
    try:
        url_check_literal(clean)
    except DestinationRefused as exc:
        raise ValidationFailed(str(exc), field="url", reason=exc.reason) from exc
    return clean


def _clean_event_types(event_types: Sequence[str]) -> list[str]:
    unknown = sorted(set(event_types) - set(SUBSCRIBABLE_EVENT_TYPES))
    if unknown:
        raise ValidationFailed(
            "Unknown event types: " + ", ".join(unknown),
            field="event_types",
            reason="unknown",
            unknown=unknown,
        )
    return [value for value in SUBSCRIBABLE_EVENT_TYPES if value in set(event_types)]


def _audit(actor: Membership, endpoint: WebhookEndpoint, action: str) -> None:
    audit_record(
        action=action,
        object_type="webhook_endpoint",
        object_id=endpoint.id,
        actor_user_id=actor.user_id,
        company_id=actor.company_id,
        data={
            "url": endpoint.url,
            "event_types": endpoint.event_types,
            "is_active": endpoint.is_active,
        },
    )
