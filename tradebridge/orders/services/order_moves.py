"""The mechanics every order status change shares (the lifecycle verbs, the payment event
handlers and the timers use them; nothing else should):

- `order_move`: check the table, write the status and its time stamps, one timeline event, one
  audit event, the outbox rows for both companies, and publish `OrderStatusChanged` — all in
  the caller's transaction, on an order row the caller has locked;
- `order_note`: one timeline event (and its audit event) without a move;
- the money steps: refund or release everything the order's escrow still holds, cancel unpaid
  instalments, set the balance's due date;
- the stock steps: commit or release the order's reservations;
- `production_start`: into production, with the shipping deadline.

Lock order: the order's escrow hold first (payments' `escrow_lock`), then the order's row,
then its lines and reservations. Payments imposes it: its services lock the hold and publish
their events inside that lock, so orders' handlers lock the order after the hold; a verb
locking the order first and then the hold (through a refund) would deadlock against a payment
arriving at the same moment.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from tradebridge.core.events import publish
from tradebridge.core.money import Money
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.orders.emails import order_event_email_schedule
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.events import OrderStatusChanged
from tradebridge.orders.models import Order, OrderEvent
from tradebridge.orders.services.reservations import reservations_commit, reservations_release
from tradebridge.orders.transitions import ORDER_TRANSITIONS
from tradebridge.payments.enums import InstalmentKind, InstalmentStatus
from tradebridge.payments.selectors import escrow_summary, payment_settings
from tradebridge.payments.services.escrow import (
    escrow_cancel_unpaid,
    escrow_refund,
    escrow_release,
    instalment_due_set,
)
from tradebridge.webhooks.services import outbox_add


@dataclass(frozen=True, slots=True)
class Doer:
    """Who moves an order: a member of one of its companies, or the platform (both None)."""

    user_id: UUID | None = None
    company_id: UUID | None = None


SYSTEM = Doer()
_UNPAID = frozenset({InstalmentStatus.PENDING, InstalmentStatus.PARTIALLY_PAID})


def order_move(
    order: Order,
    target: OrderStatus,
    *,
    kind: str,
    doer: Doer,
    now: datetime,
    data: Mapping[str, Any] | None = None,
    webhook: str | None = None,
    **stamps: object,
) -> None:
    """Move the locked `order` to `target` (raises InvalidTransition, nothing written), set
    `stamps` (model fields), write the `kind` timeline event with `data`, its audit event and,
    with `webhook` (an outbox event type), the outbox rows for the buyer and the supplier."""
    previous = OrderStatus(order.status)
    ensure_transition(ORDER_TRANSITIONS, current=previous, target=target)
    order.status = target
    for name, value in stamps.items():
        setattr(order, name, value)
    order.save(update_fields=["status", *stamps, "updated_at"])
    details = {"from": previous.value, "to": target.value, **(data or {})}
    order_note(order, kind, doer=doer, now=now, data=details)
    if webhook is not None:
        order_webhook(order, webhook, data=data)
    publish(
        OrderStatusChanged(
            order_id=order.pk,
            buyer_id=order.buyer_id,
            supplier_id=order.supplier_id,
            previous=previous.value,
            status=target.value,
            by=kind,
        )
    )


def order_note(
    order: Order, kind: str, *, doer: Doer, now: datetime, data: Mapping[str, Any] | None = None
) -> OrderEvent:
    """Append one `kind` event to the order's timeline, and its audit event (`order.<kind>`);
    the people it concerns are e-mailed after the commit (`orders.emails`)."""
    event = OrderEvent.objects.create(
        order=order,
        kind=kind,
        actor_user_id=doer.user_id,
        company_id=doer.company_id,
        data=dict(data or {}),
        created_at=now,
    )
    audit_record(
        action=f"order.{kind}",
        object_type="order",
        object_id=order.pk,
        actor_user_id=doer.user_id,
        company_id=doer.company_id,
        data={"reference": order.reference, **(data or {})},
        occurred_at=now,
    )
    order_event_email_schedule(event)
    return event


def order_webhook(order: Order, event_type: str, *, data: Mapping[str, Any] | None = None) -> None:
    """One outbox event for each company of the order (their endpoints that subscribe)."""
    payload = order_payload(order) | dict(data or {})
    for company_id in (order.buyer_id, order.supplier_id):
        outbox_add(company_id=company_id, event_type=event_type, payload=payload)


def order_payload(order: Order) -> dict[str, Any]:
    """What integrators get about an order in every webhook (ids and amounts as strings)."""
    return {
        "order_id": str(order.pk),
        "reference": order.reference,
        "status": order.status,
        "buyer_id": str(order.buyer_id),
        "supplier_id": str(order.supplier_id),
        "po_number": order.po_number,
        "total": {"amount": str(order.total), "currency": order.currency},
    }


def money_data(amount: Money) -> dict[str, str]:
    """An amount as timeline data (`amount` and `currency`, the timeline's convention)."""
    return {"amount": str(amount.amount), "currency": amount.currency}


# --- money -------------------------------------------------------------------------------------


def held(order: Order) -> Money:
    """What the order's escrow holds now (paid in, less released and refunded)."""
    return escrow_summary(order_id=order.pk).held


def refund_held(order: Order, *, key: str, reason: str) -> Money:
    """Refund everything the escrow holds to the buyer (nothing when it holds nothing); return
    the amount. Idempotent on `key` (payments')."""
    amount = held(order)
    if amount.amount > 0:
        escrow_refund(order_id=order.pk, key=key, amount=None, reason=reason)
    return amount


def release_held(order: Order, *, key: str, reason: str) -> Money:
    """Release everything the escrow holds to the supplier (less the commission); return the
    amount. Idempotent on `key` (payments')."""
    amount = held(order)
    if amount.amount > 0:
        escrow_release(order_id=order.pk, key=key, amount=None, reason=reason)
    return amount


def upfront_unpaid(order: Order) -> bool:
    """Whether an instalment due before production (the deposit or the full price) is unpaid."""
    upfront = {InstalmentKind.DEPOSIT, InstalmentKind.FULL}
    return any(
        view.kind in upfront and view.status in _UNPAID
        for view in escrow_summary(order_id=order.pk).instalments
    )


def balance_unpaid_id(order: Order) -> UUID | None:
    """The balance instalment's id while some of it is unpaid, else None."""
    for view in escrow_summary(order_id=order.pk).instalments:
        if view.kind == InstalmentKind.BALANCE and view.status in _UNPAID:
            return view.id
    return None


def balance_due_set(order: Order, *, due_at: datetime) -> None:
    """Make the unpaid balance due at `due_at` (no-op when the balance is paid or absent)."""
    instalment_id = balance_unpaid_id(order)
    if instalment_id is not None:
        instalment_due_set(instalment_id=instalment_id, due_at=due_at)


def upfront_due_set(order: Order, *, due_at: datetime) -> None:
    """Make the unpaid deposit (or full payment) due at `due_at`."""
    upfront = {InstalmentKind.DEPOSIT, InstalmentKind.FULL}
    for view in escrow_summary(order_id=order.pk).instalments:
        if view.kind in upfront and view.status in _UNPAID:
            instalment_due_set(instalment_id=view.id, due_at=due_at)


def days(count: int) -> timedelta:
    return timedelta(days=count)


# --- cancellation and production --------------------------------------------------------------


def order_cancel_locked(
    order: Order,
    *,
    reason: str,
    doer: Doer,
    now: datetime,
    note: str = "",
    keep_paid: bool = False,
) -> Money:
    """Cancel the locked order: refund everything held (`keep_paid`: release it to the
    supplier instead: the buyer defaulted on its balance), cancel unpaid instalments, release
    its stock; one `cancelled` event with `reason` (the timeline's codes: buyer_cancelled,
    ship_by_passed, declined, confirmation_expired, deposit_expired, balance_unpaid). Return
    the amount refunded (or released)."""
    data: dict[str, Any] = {"reason": reason, **({"note": note} if note else {})}
    order_move(
        order,
        OrderStatus.CANCELLED,
        kind="cancelled",
        doer=doer,
        now=now,
        data=data,
        webhook="order.cancelled",
        cancelled_at=now,
        cancel_reason=reason,
    )
    settle = release_held if keep_paid else refund_held
    settled = settle(order, key=f"order:{order.pk}:cancel", reason=f"order_{reason}")
    escrow_cancel_unpaid(order_id=order.pk)
    if reservations_release(order_id=order.pk, now=now, committed_too=True):
        order_note(order, "stock_released", doer=SYSTEM, now=now)
    return settled


def production_start(order: Order, *, kind: str, doer: Doer, now: datetime) -> None:
    """Into production (the locked order, awaiting confirmation or its deposit): the stock it
    holds is sold (reservations committed) and the shipping deadline starts: `ship_by` = now +
    the lead time + the operator's shipping grace days."""
    grace = payment_settings().shipping_grace_days
    ship_by = now + days((order.lead_time_days or 0) + grace)
    order_move(
        order,
        OrderStatus.IN_PRODUCTION,
        kind=kind,
        doer=doer,
        now=now,
        data={"ship_by": ship_by.isoformat()},
        ship_by=ship_by,
    )
    reservations_commit(order_id=order.pk, now=now)
