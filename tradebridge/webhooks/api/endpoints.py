"""Webhook endpoints of the actor's company: manage them, rotate their signing secret, read
the delivery log, resend a delivery, send a test event.

Every active member reads endpoints and deliveries; changes, resends and tests need
MANAGE_COMPANY (owners and admins), and only they see the signing secret. Another company's
endpoint or delivery answers 404, as one that does not exist.
"""

from collections.abc import Callable, Sequence
from typing import Any, overload
from uuid import UUID

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from tradebridge.companies.api.auth import auth_membership
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.pagination import PagePagination
from tradebridge.webhooks.api.schemas import (
    DeliveryFilters,
    DeliveryOut,
    EndpointIn,
    EndpointOut,
    EndpointPatchIn,
    delivery_out,
    endpoint_out,
)
from tradebridge.webhooks.models import WebhookEndpoint
from tradebridge.webhooks.selectors import (
    secret_visible_to,
    webhook_delivery_get_for_member,
    webhook_delivery_list_for_member,
    webhook_endpoint_get_for_member,
    webhook_endpoint_list_for_member,
)
from tradebridge.webhooks.services import (
    EndpointChanges,
    webhook_delivery_resend,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_secret_rotate,
    webhook_endpoint_test,
    webhook_endpoint_update,
)

router = Router(tags=["Webhooks"])

BASE = "/webhook-endpoints"
ONE = BASE + "/{endpoint_id}"


class _Presented[T: Model]:
    """A queryset presented row by row: pagination counts and slices it lazily."""

    def __init__(self, rows: QuerySet[T], present: Callable[[T], dict[str, Any]]) -> None:
        self._rows, self._present = rows, present

    def __len__(self) -> int:
        return self._rows.count()

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._present(row) for row in self._rows[index]]
        return self._present(self._rows[index])


def _out(request: HttpRequest, endpoint: WebhookEndpoint) -> dict[str, Any]:
    return endpoint_out(endpoint, show_secret=secret_visible_to(auth_membership(request)))


@router.get(BASE, response=list[EndpointOut], summary="List your company's webhook endpoints")
@paginate(PagePagination)
def endpoint_list(request: HttpRequest) -> Sequence[dict[str, Any]]:
    """Oldest first. The secret is shown to owners and admins only."""
    actor = auth_membership(request)
    show = secret_visible_to(actor)
    rows = webhook_endpoint_list_for_member(actor=actor)
    return _Presented(rows, lambda row: endpoint_out(row, show_secret=show))  # type: ignore[return-value]


@router.post(
    BASE,
    response={201: EndpointOut},
    summary="Add a webhook endpoint",
    openapi_extra=error_responses(409),
)
@idempotent
def endpoint_create(request: HttpRequest, payload: EndpointIn) -> Status[dict[str, Any]]:
    """Owners and admins. The answer carries the new signing secret. A URL that is not https,
    carries credentials or names a private address answers 422 (`details.field` = `url`);
    409 `webhook_endpoint_limit` past 20 endpoints."""
    endpoint = webhook_endpoint_create(
        actor=auth_membership(request),
        url=payload.url,
        description=payload.description,
        event_types=payload.event_types,
        is_active=payload.is_active,
    )
    return Status(201, _out(request, endpoint))


@router.get(ONE, response=EndpointOut, summary="Read a webhook endpoint")
def endpoint_read(request: HttpRequest, endpoint_id: UUID) -> dict[str, Any]:
    actor = auth_membership(request)
    return _out(request, webhook_endpoint_get_for_member(actor=actor, endpoint_id=endpoint_id))


@router.patch(ONE, response=EndpointOut, summary="Change a webhook endpoint")
def endpoint_update(
    request: HttpRequest, endpoint_id: UUID, payload: EndpointPatchIn
) -> dict[str, Any]:
    """Owners and admins: the fields given replace the endpoint's. `is_active: false` stops
    new events for it; deliveries it already had wait until it is active again."""
    changes = EndpointChanges(**payload.model_dump(exclude_none=True))
    endpoint = webhook_endpoint_update(
        actor=auth_membership(request), endpoint_id=endpoint_id, changes=changes
    )
    return _out(request, endpoint)


@router.delete(ONE, response={204: None}, summary="Remove a webhook endpoint")
def endpoint_delete(request: HttpRequest, endpoint_id: UUID) -> Status[None]:
    """Owners and admins. Its pending deliveries and its log go with it."""
    webhook_endpoint_delete(actor=auth_membership(request), endpoint_id=endpoint_id)
    return Status(204, None)


@router.post(ONE + "/rotate-secret", response=EndpointOut, summary="Rotate the signing secret")
@idempotent
def endpoint_rotate_secret(request: HttpRequest, endpoint_id: UUID) -> dict[str, Any]:
    """Owners and admins. A new secret signs from now on; the previous one also signs (a
    second signature in `webhook-signature`) for 24 hours, until `previous_secret_expires_at`."""
    endpoint = webhook_endpoint_secret_rotate(
        actor=auth_membership(request), endpoint_id=endpoint_id
    )
    return _out(request, endpoint)


@router.get(
    ONE + "/deliveries", response=list[DeliveryOut], summary="List an endpoint's deliveries"
)
@paginate(PagePagination)
def delivery_list(
    request: HttpRequest, endpoint_id: UUID, filters: Query[DeliveryFilters]
) -> Sequence[dict[str, Any]]:
    """Newest first, each with its attempts (oldest first); filter by `status`. Deliveries that
    succeeded or were given up leave the log, with their event, once untouched for
    WEBHOOKS_RETENTION_DAYS (30 by default); pending and failed ones always stay."""
    rows = webhook_delivery_list_for_member(
        actor=auth_membership(request), endpoint_id=endpoint_id, status=filters.status
    )
    return _Presented(rows, delivery_out)  # type: ignore[return-value]


@router.post(
    ONE + "/deliveries/{delivery_id}/resend",
    response=DeliveryOut,
    summary="Resend a delivery",
    openapi_extra=error_responses(409),
)
@idempotent
def delivery_resend(request: HttpRequest, endpoint_id: UUID, delivery_id: UUID) -> dict[str, Any]:
    """Owners and admins. The delivery is due now, with the same `webhook-id`, and its retry
    schedule starts again."""
    actor = auth_membership(request)
    webhook_delivery_resend(actor=actor, endpoint_id=endpoint_id, delivery_id=delivery_id)
    return delivery_out(
        webhook_delivery_get_for_member(
            actor=actor, endpoint_id=endpoint_id, delivery_id=delivery_id
        )
    )


@router.post(
    ONE + "/test",
    response={201: DeliveryOut},
    summary="Send a test event",
    openapi_extra=error_responses(409),
)
@idempotent
def endpoint_test(request: HttpRequest, endpoint_id: UUID) -> Status[dict[str, Any]]:
    """Owners and admins. Sends a `ping` event to this endpoint only (409
    `webhook_endpoint_inactive` when it is disabled)."""
    actor = auth_membership(request)
    delivery = webhook_endpoint_test(actor=actor, endpoint_id=endpoint_id)
    return Status(
        201,
        delivery_out(
            webhook_delivery_get_for_member(
                actor=actor, endpoint_id=endpoint_id, delivery_id=delivery.id
            )
        ),
    )
