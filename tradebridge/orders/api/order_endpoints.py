"""Order endpoints: the company's orders (as buyer and as supplier), one order with its lines,
timeline, payments, documents and dispute, and one POST per action of the order table.

Who sees what (`orders.selectors`): the active members of the buyer and of the supplier;
anyone else gets 404, as for an order that does not exist, and nothing changes. An action of
the other side (a buyer shipping), or by a role that may not take it (a viewer, a sales member
cancelling), answers 403; an action the order's status does not allow now answers 409
`invalid_transition` (`details.allowed`: the statuses it starts from). An unknown action is
no path (404). Every action honours `Idempotency-Key`.
"""

from collections.abc import Callable, Sequence
from typing import Annotated, Any, overload
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, StringConstraints

from tradebridge.companies.api.auth import auth_membership
from tradebridge.companies.models import Membership
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.pagination import PagePagination
from tradebridge.core.api.params import NO_NUL
from tradebridge.core.money import Money
from tradebridge.orders.api.order_schemas import (
    DisputeIn,
    NoteIn,
    OrderDetailOut,
    OrderOut,
    ShipIn,
    ShipToOut,
    dispute_out,
    document_out,
    line_out,
    order_fields,
    payments_out,
    timeline_out,
)
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order
from tradebridge.orders.selectors import (
    order_balance_grace_ends_at,
    order_dispute_latest,
    order_documents,
    order_get_for_company,
    order_lines,
    order_list_for_company,
    order_side,
    order_timeline,
)
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_cancel_unpaid_balance,
    order_confirm,
    order_confirm_receipt,
    order_decline,
    order_dispute_open,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
from tradebridge.orders.transitions import OrderSide, actions_open
from tradebridge.payments.selectors import escrow_summary

router = Router(tags=["orders"])


class OrderFilters(Schema):
    status: OrderStatus | None = Field(None, description="Only orders in this status.")
    role: OrderSide | None = Field(
        None, description="buyer: orders your company placed; supplier: orders it received."
    )
    q: Annotated[str, StringConstraints(max_length=100, pattern=NO_NUL)] = Field(
        "", description="Reference, PO number, the other company's name or a line's title."
    )


class _Presented:
    """The orders queryset presented row by row: pagination counts and slices it lazily."""

    def __init__(self, rows: QuerySet[Order], present: Callable[[Order], dict[str, Any]]) -> None:
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


@router.get("/orders", response=list[OrderOut], summary="List your company's orders")
@paginate(PagePagination)
def order_list(request: HttpRequest, filters: Query[OrderFilters]) -> Sequence[dict[str, Any]]:
    """The orders your company placed and received, newest first (`role` narrows to one
    side). Another company's orders are never listed, whatever the filters."""
    actor = auth_membership(request)
    orders = order_list_for_company(
        actor=actor, role=filters.role, status=filters.status, q=filters.q
    )
    present = lambda order: order_fields(order, role=_role(order, actor))  # noqa: E731
    return _Presented(orders, present)  # type: ignore[return-value]


@router.get("/orders/{order_id}", response=OrderDetailOut, summary="Read an order")
def order_read(request: HttpRequest, order_id: UUID) -> OrderDetailOut:
    """One order with its lines, timeline (oldest first), payments (the escrow and its
    instalments with their bank references), documents, latest dispute and the actions your
    company may take now."""
    actor = auth_membership(request)
    return order_detail(actor, order_get_for_company(actor=actor, order_id=order_id))


def order_detail(actor: Membership, order: Order) -> OrderDetailOut:
    """The whole order as `actor` sees it (the order came through the scoped selector)."""
    role = _role(order, actor)
    dispute = order_dispute_latest(order=order)
    return OrderDetailOut(
        **order_fields(order, role=role),
        incoterm=order.incoterm,
        named_place=order.named_place,
        notes=order.notes,
        deposit_percent=f"{order.deposit_percent.normalize():f}",
        balance_due=order.balance_due,
        lead_time_days=order.lead_time_days,
        fx=order.fx if isinstance(order.fx, dict) else {},
        ship_to=ShipToOut(
            name=order.ship_to_name,
            line1=order.ship_to_line1,
            line2=order.ship_to_line2,
            city=order.ship_to_city,
            postal_code=order.ship_to_postal_code,
            country=order.ship_to_country,
        ),
        carrier=order.carrier,
        tracking_number=order.tracking_number,
        cancel_reason=order.cancel_reason,
        actions=actions_open(
            status=OrderStatus(order.status),
            side=role,
            now=timezone.now(),
            ship_by=order.ship_by,
            protection_ends_at=order.protection_ends_at,
            balance_grace_ends_at=order_balance_grace_ends_at(order=order),
        ),
        lines=[line_out(line, currency=order.currency) for line in order_lines(order=order)],
        timeline=timeline_out(order_timeline(order=order)),
        payments=payments_out(escrow_summary(order_id=order.pk)),
        documents=[document_out(document) for document in order_documents(order=order)],
        dispute=dispute_out(dispute) if dispute is not None else None,
    )


def _role(order: Order, actor: Membership) -> OrderSide:
    return order_side(order, company_id=actor.company_id)


def _reread(request: HttpRequest, actor: Membership, order_id: UUID) -> OrderDetailOut:
    return order_detail(actor, order_get_for_company(actor=actor, order_id=order_id))


_ACTION_ERRORS = error_responses(403, 409)


# --- the supplier's actions --------------------------------------------------------------------


@router.post(
    "/orders/{order_id}/confirm",
    response=OrderDetailOut,
    summary="Confirm an order (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_confirm_action(request: HttpRequest, order_id: UUID) -> OrderDetailOut:
    """Accept an order awaiting your confirmation: it awaits the buyer's deposit, or goes into
    production when nothing is to pay upfront."""
    actor = auth_membership(request)
    order_confirm(actor=actor, order_id=order_id)
    return _reread(request, actor, order_id)


@router.post(
    "/orders/{order_id}/decline",
    response=OrderDetailOut,
    summary="Decline an order (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_decline_action(request: HttpRequest, order_id: UUID, payload: NoteIn) -> OrderDetailOut:
    """Refuse an order awaiting your confirmation: it is cancelled, anything paid is refunded
    and reserved stock released."""
    actor = auth_membership(request)
    order_decline(actor=actor, order_id=order_id, note=payload.note)
    return _reread(request, actor, order_id)


@router.post(
    "/orders/{order_id}/production-done",
    response=OrderDetailOut,
    summary="Report production finished (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_production_done_action(request: HttpRequest, order_id: UUID) -> OrderDetailOut:
    """The goods are made: the order awaits the balance (when due before shipment and unpaid)
    or is ready to ship."""
    actor = auth_membership(request)
    order_production_done(actor=actor, order_id=order_id)
    return _reread(request, actor, order_id)


@router.post(
    "/orders/{order_id}/ship",
    response=OrderDetailOut,
    summary="Ship an order (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_ship_action(request: HttpRequest, order_id: UUID, payload: ShipIn) -> OrderDetailOut:
    """Hand a ready order to its carrier, with the tracking number; the commercial invoice
    and packing list are issued."""
    actor = auth_membership(request)
    order_ship(
        actor=actor,
        order_id=order_id,
        carrier=payload.carrier,
        tracking_number=payload.tracking_number,
    )
    return _reread(request, actor, order_id)


@router.post(
    "/orders/{order_id}/mark-delivered",
    response=OrderDetailOut,
    summary="Mark an order delivered (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_mark_delivered_action(request: HttpRequest, order_id: UUID) -> OrderDetailOut:
    """The shipment arrived: the buyer's protection window starts."""
    actor = auth_membership(request)
    order_mark_delivered(actor=actor, order_id=order_id)
    return _reread(request, actor, order_id)


# --- the buyer's actions -----------------------------------------------------------------------


@router.post(
    "/orders/{order_id}/cancel-unpaid",
    response=OrderDetailOut,
    summary="Cancel an order whose balance is unpaid past the grace period (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_cancel_unpaid_action(
    request: HttpRequest, order_id: UUID, payload: NoteIn
) -> OrderDetailOut:
    """Cancel an order awaiting a balance still unpaid ORDER_BALANCE_GRACE_DAYS after its due
    date: you keep the deposit (released to you less the commission), the stock goes back.
    Before the grace ends: 409 `invalid_transition` with `grace_ends_at`."""
    actor = auth_membership(request)
    order_cancel_unpaid_balance(actor=actor, order_id=order_id, note=payload.note)
    return _reread(request, actor, order_id)


@router.post(
    "/orders/{order_id}/cancel",
    response=OrderDetailOut,
    summary="Cancel an order (buyer)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_cancel_action(request: HttpRequest, order_id: UUID, payload: NoteIn) -> OrderDetailOut:
    """Cancel before production starts, or once the shipping deadline passed without a
    shipment: everything paid is refunded and reserved stock released."""
    actor = auth_membership(request)
    order_cancel(actor=actor, order_id=order_id, note=payload.note)
    return _reread(request, actor, order_id)


@router.post(
    "/orders/{order_id}/confirm-receipt",
    response=OrderDetailOut,
    summary="Confirm receipt (buyer)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def order_confirm_receipt_action(request: HttpRequest, order_id: UUID) -> OrderDetailOut:
    """The goods arrived as ordered: the order completes and the escrow is released to the
    supplier."""
    actor = auth_membership(request)
    order_confirm_receipt(actor=actor, order_id=order_id)
    return _reread(request, actor, order_id)


@router.post(
    "/orders/{order_id}/dispute",
    response={201: OrderDetailOut},
    summary="Open a dispute (buyer)",
    openapi_extra=error_responses(403, 409),
)
@idempotent
def order_dispute_action(
    request: HttpRequest, order_id: UUID, payload: DisputeIn
) -> Status[OrderDetailOut]:
    """Dispute a shipped order, or a delivered one within its protection window, asking for a
    refund of at most what the escrow holds. The answer's `dispute` is the new dispute
    (follow it under `/api/v1/disputes/{id}`)."""
    actor = auth_membership(request)
    order_dispute_open(
        actor=actor,
        order_id=order_id,
        reason=payload.reason.value,
        description=payload.description,
        requested_refund=Money.of(
            payload.requested_refund.amount, payload.requested_refund.currency
        ),
    )
    return Status(201, _reread(request, actor, order_id))
