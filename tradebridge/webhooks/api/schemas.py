"""Request and response bodies of the webhook endpoints API. Inputs name their fields and
forbid others (`StrictIn`)."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema

from tradebridge.companies.api.schemas import StrictIn
from tradebridge.core.api.params import one_of
from tradebridge.webhooks.enums import SUBSCRIBABLE_EVENT_TYPES, DeliveryStatus
from tradebridge.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

EventTypeParam = Annotated[str, one_of(SUBSCRIBABLE_EVENT_TYPES)]
DeliveryStatusParam = Annotated[str, one_of(DeliveryStatus.values)]
_URL_DESCRIPTION = "https URL that receives the events (http only to localhost in development)."


class EndpointIn(StrictIn):
    url: str = Field(..., min_length=1, max_length=2000, description=_URL_DESCRIPTION)
    description: str = Field("", max_length=200)
    event_types: list[EventTypeParam] = Field(
        default_factory=list, max_length=20, description="Event types to send; empty: all."
    )
    is_active: bool = True


class EndpointPatchIn(StrictIn):
    url: str | None = Field(None, min_length=1, max_length=2000, description=_URL_DESCRIPTION)
    description: str | None = Field(None, max_length=200)
    event_types: list[EventTypeParam] | None = Field(None, max_length=20)
    is_active: bool | None = None


class EndpointOut(Schema):
    id: UUID
    url: str
    description: str
    event_types: list[str] = Field(..., description="Empty: every event type.")
    is_active: bool
    secret: str | None = Field(
        ..., description="The `whsec_` signing secret; null unless you may manage the company."
    )
    previous_secret_expires_at: datetime | None = Field(
        ..., description="After a rotation, the old secret also signs until then."
    )
    created_at: datetime
    updated_at: datetime


class AttemptOut(Schema):
    attempted_at: datetime
    status_code: int | None
    duration_ms: int
    error: str


class DeliveryOut(Schema):
    id: UUID
    event_id: str = Field(..., description="The `webhook-id` header: the same on every retry.")
    event_type: str
    status: str
    attempt_count: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str
    last_response_body: str
    delivered_at: datetime | None
    created_at: datetime
    data: dict[str, Any] = Field(..., description="The event's payload (`data` of the body).")
    attempts: list[AttemptOut]


class DeliveryFilters(Schema):
    status: DeliveryStatusParam | None = None


def endpoint_out(endpoint: WebhookEndpoint, *, show_secret: bool) -> dict[str, Any]:
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": list(endpoint.event_types),
        "is_active": endpoint.is_active,
        "secret": endpoint.secret if show_secret else None,
        "previous_secret_expires_at": endpoint.previous_secret_expires_at
        if endpoint.previous_secret
        else None,
        "created_at": endpoint.created_at,
        "updated_at": endpoint.updated_at,
    }


def _attempt_out(attempt: WebhookAttempt) -> dict[str, Any]:
    return {
        "attempted_at": attempt.attempted_at,
        "status_code": attempt.status_code,
        "duration_ms": attempt.duration_ms,
        "error": attempt.error,
    }


def delivery_out(delivery: WebhookDelivery) -> dict[str, Any]:
    return {
        "id": delivery.id,
        "event_id": delivery.event.event_id,
        "event_type": delivery.event.event_type,
        "status": delivery.status,
        "attempt_count": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "last_attempt_at": delivery.last_attempt_at,
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
        "last_response_body": delivery.last_response_body,
        "delivered_at": delivery.delivered_at,
        "created_at": delivery.created_at,
        "data": delivery.event.payload,
        "attempts": [_attempt_out(attempt) for attempt in delivery.attempt_log.all()],
    }
