"""How orders react to payments' events (mapped in `config/event_handlers.py`).

Payments publishes them inside its transaction, so each handler changes the order in the same
transaction as the money (a failure rolls both back). Payments knows orders only by id: a
handler for an unknown order does nothing. Each is idempotent (an event seen twice changes
nothing the second time) and locks the order's row first.

- `order_on_payment_received`: timeline `part_paid` when money applied to an instalment leaves
  some of it still owed (what was received, what is still due); the payment that settles it
  is `order_on_instalment_paid`'s.
- `order_on_instalment_paid`: timeline `deposit_paid` / `balance_paid` / `full_paid` and the
  `order.paid` webhook; the deposit (or full price) awaited → production starts; the balance
  awaited → ready to ship (the shipping deadline is moved to at least the grace days from now:
  the supplier waited for the buyer's money). Money arriving for a cancelled order is refunded
  at once; a balance arriving after completion is released at once.
- `order_on_dispute_opened`: a dispute opened elsewhere than `order_dispute_open` (which moves
  the order itself) puts the order in `disputed`.
- `order_on_dispute_updated`: timeline `dispute_updated`; a withdrawn dispute returns the
  order to the status it had when the dispute opened.
- `order_on_dispute_resolved`: timeline `dispute_resolved`; the order is completed and what
  the escrow still holds after the decided refund is released to the supplier.
- `order_on_escrow_released` / `order_on_escrow_refunded`: timeline entries with the amounts.
"""

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderEvent
from tradebridge.orders.selectors import order_timeline_has
from tradebridge.orders.services.order_moves import (
    SYSTEM,
    days,
    money_data,
    order_move,
    order_note,
    order_webhook,
    production_start,
    refund_held,
    release_held,
)
from tradebridge.payments.enums import DisputeStatus, InstalmentKind, InstalmentStatus
from tradebridge.payments.events import (
    DisputeOpened,
    DisputeResolved,
    DisputeUpdated,
    EscrowRefunded,
    EscrowReleased,
    InstalmentPaid,
    PaymentReceived,
)
from tradebridge.payments.models import Instalment
from tradebridge.payments.selectors import payment_settings

_WITHDRAWN = DisputeStatus.WITHDRAWN.value


def _locked(order_id: UUID) -> Order | None:
    return Order.objects.select_for_update(of=("self",)).filter(pk=order_id).first()


def order_on_payment_received(event: PaymentReceived) -> None:
    """Money was applied to an instalment that still owes some after it: a `part_paid` entry
    with the amount received and what is still due (`left`). An instalment paid in full is
    `order_on_instalment_paid`'s. Idempotent: one entry per instalment and total paid."""
    with transaction.atomic():
        order = _locked(event.order_id)
        instalment = Instalment.objects.filter(pk=event.instalment_id).first()
        if order is None or instalment is None:
            return
        if instalment.status != InstalmentStatus.PARTIALLY_PAID:
            return
        paid_total = str(instalment.paid_amount)
        if order_timeline_has(
            order_id=order.pk,
            kind="part_paid",
            instalment_id=str(instalment.pk),
            paid_total=paid_total,
        ):
            return
        left = Money(instalment.amount - instalment.paid_amount, instalment.currency).rounded()
        data = {
            "instalment_id": str(instalment.pk),
            "instalment_kind": instalment.kind,
            "paid_total": paid_total,
            "left": str(left.amount),
            **money_data(Money.of(event.amount, event.currency)),
        }
        order_note(order, "part_paid", doer=SYSTEM, now=timezone.now(), data=data)


def order_on_instalment_paid(event: InstalmentPaid) -> None:
    """An instalment of the order became paid (see the module's docstring). Its time is the
    instalment's `paid_at` (the clock the payment was applied with)."""
    with transaction.atomic():
        order = _locked(event.order_id)
        kind = f"{event.kind}_paid"
        if order is None or order_timeline_has(
            order_id=order.pk, kind=kind, instalment_id=str(event.instalment_id)
        ):
            return
        instalment = Instalment.objects.get(pk=event.instalment_id)
        now = instalment.paid_at or timezone.now()
        paid = Money(instalment.paid_amount, instalment.currency)
        data = {"instalment_id": str(event.instalment_id), **money_data(paid)}
        order_note(order, kind, doer=SYSTEM, now=now, data=data)
        order_webhook(order, "order.paid", data={"instalment": {"kind": event.kind, **data}})
        _after_payment(order, kind=event.kind, instalment_id=event.instalment_id, now=now)


def _after_payment(order: Order, *, kind: str, instalment_id: UUID, now: datetime) -> None:
    status = OrderStatus(order.status)
    upfront = kind in {InstalmentKind.DEPOSIT, InstalmentKind.FULL}
    if status == OrderStatus.AWAITING_DEPOSIT and upfront:
        production_start(order, kind="production_started", doer=SYSTEM, now=now)
    elif status == OrderStatus.AWAITING_BALANCE and kind == InstalmentKind.BALANCE:
        ship_by = now + days(payment_settings().shipping_grace_days)
        order_move(
            order,
            OrderStatus.READY_TO_SHIP,
            kind="ready_to_ship",
            doer=SYSTEM,
            now=now,
            ship_by=max(order.ship_by, ship_by) if order.ship_by else ship_by,
        )
    elif status == OrderStatus.CANCELLED:
        refund_held(
            order, key=f"order:{order.pk}:late-refund:{instalment_id}", reason="late_payment"
        )
    elif status == OrderStatus.COMPLETED:
        release_held(
            order, key=f"order:{order.pk}:late-release:{instalment_id}", reason="late_payment"
        )


def order_on_dispute_opened(event: DisputeOpened, *, now: datetime | None = None) -> None:
    """A dispute opened on a shipped or delivered order: the order is disputed (a no-op when
    `order_dispute_open` already moved it)."""
    now = now or timezone.now()
    with transaction.atomic():
        order = _locked(event.order_id)
        if order is None or order.status not in {OrderStatus.SHIPPED, OrderStatus.DELIVERED}:
            return
        order_move(
            order,
            OrderStatus.DISPUTED,
            kind="dispute_opened",
            doer=SYSTEM,
            now=now,
            data={"dispute_id": str(event.dispute_id)},
        )


def order_on_dispute_updated(event: DisputeUpdated, *, now: datetime | None = None) -> None:
    """The dispute moved (supplier answered, countered, escalated, withdrawn...): a timeline
    entry; a withdrawal returns the disputed order to where it was."""
    now = now or timezone.now()
    with transaction.atomic():
        order = _locked(event.order_id)
        if order is None:
            return
        dispute = {"dispute_id": str(event.dispute_id), "status": event.status}
        if event.status == _WITHDRAWN:
            _withdrawn(order, dispute_id=event.dispute_id, now=now)
        elif not order_timeline_has(order_id=order.pk, kind="dispute_updated", **dispute):
            order_note(order, "dispute_updated", doer=SYSTEM, now=now, data=dispute)


def _withdrawn(order: Order, *, dispute_id: UUID, now: datetime) -> None:
    if order.status != OrderStatus.DISPUTED:
        return
    order_move(
        order,
        _status_before_dispute(order, dispute_id),
        kind="dispute_withdrawn",
        doer=SYSTEM,
        now=now,
        data={"dispute_id": str(dispute_id)},
    )


def _status_before_dispute(order: Order, dispute_id: UUID) -> OrderStatus:
    opened = (
        OrderEvent.objects.filter(
            order=order, kind="dispute_opened", data__dispute_id=str(dispute_id)
        )
        .order_by("-id")
        .first()
    )
    previous = (opened.data or {}).get("from") if opened is not None else None
    if previous == OrderStatus.SHIPPED or order.delivered_at is None:
        return OrderStatus.SHIPPED
    return OrderStatus.DELIVERED


def order_on_dispute_resolved(event: DisputeResolved, *, now: datetime | None = None) -> None:
    """The dispute is decided or settled (`resolution`: full_refund, partial_refund, release;
    `refund_amount` already refunded by payments): the order completes and what the escrow
    still holds goes to the supplier. A resolution without a refund or release (a withdrawal
    reported as resolved) returns the order to where it was."""
    now = now or timezone.now()
    with transaction.atomic():
        order = _locked(event.order_id)
        if order is None or order.status != OrderStatus.DISPUTED:
            return
        if event.resolution in {"", _WITHDRAWN}:
            _withdrawn(order, dispute_id=event.dispute_id, now=now)
            return
        refund = Money.of(event.refund_amount or "0", event.currency or order.currency)
        order_move(
            order,
            OrderStatus.COMPLETED,
            kind="dispute_resolved",
            doer=SYSTEM,
            now=now,
            data={
                "dispute_id": str(event.dispute_id),
                "resolution": event.resolution,
                **money_data(refund),
            },
            webhook="order.completed",
            completed_at=now,
        )
        release_held(
            order, key=f"order:{order.pk}:release:dispute:{event.dispute_id}", reason="dispute"
        )


def order_on_escrow_released(event: EscrowReleased) -> None:
    """Timeline: money released to the supplier (amount before commission)."""
    _money_note(event.order_id, "escrow_released", event.amount, event.currency)


def order_on_escrow_refunded(event: EscrowRefunded) -> None:
    """Timeline: money refunded to the buyer."""
    _money_note(event.order_id, "escrow_refunded", event.amount, event.currency)


def _money_note(order_id: UUID, kind: str, amount: object, currency: str) -> None:
    order = Order.objects.filter(pk=order_id).first()
    if order is not None:
        data = money_data(Money.of(str(amount), currency))
        order_note(order, kind, doer=SYSTEM, now=timezone.now(), data=data)
