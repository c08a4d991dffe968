"""The order timers: one run, every minute (`orders.tasks.orders_timers_run`), with the clock
injected (`now`) so tests travel in time.

- confirmation: awaiting_confirmation with `confirm_by` <= now → cancelled
  (`confirmation_expired`): anything paid early refunded, stock released.
- deposit: awaiting_deposit with `deposit_due_at` <= now → cancelled (`deposit_expired`):
  partial payments refunded, stock released.
- shipping: in_production or ready_to_ship with `ship_by` <= now → timeline
  `ship_deadline_missed`, once; the buyer may now cancel with a full refund.
- protection: delivered with `protection_ends_at` <= now (no open dispute: a disputed order is
  not `delivered`) → completed (`completed`, by `protection_ended`), escrow released to the
  supplier.
- long transit: shipped with `shipped_at` + protection days + 30 days <= now (neither
  delivered, received nor disputed) → delivered (`by: timer`): the whole protection window
  starts then, so the buyer can still dispute (e.g. not received) before anything is released.
- balance: awaiting_balance with the balance unpaid past its due date → timeline
  `balance_overdue`, once (the buyer is reminded by e-mail); still unpaid
  ORDER_BALANCE_GRACE_DAYS later → timeline `balance_grace_ended`, once: the supplier may now
  cancel (`order_cancel_unpaid_balance`, keeping the deposit). The timer never cancels by
  itself: the supplier may prefer to wait for a late payment.

Each order is handled in its own transaction: its escrow hold and then its row are locked and
the condition checked again under the lock (a payment, a verb or another run may have moved it
meanwhile), so running twice, or in two processes, does each thing once. Returns how many
orders each timer moved.
"""

from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderEvent
from tradebridge.orders.selectors import (
    balance_unpaid_due_before,
    order_balance_grace_ends_at,
    order_timeline_has,
)
from tradebridge.orders.services.lifecycle import order_delivered_locked
from tradebridge.orders.services.order_moves import (
    SYSTEM,
    days,
    order_cancel_locked,
    order_move,
    order_note,
    release_held,
)
from tradebridge.orders.transitions import SHIP_DEADLINE_STATUSES
from tradebridge.payments.selectors import payment_settings
from tradebridge.payments.services.escrow import escrow_lock

# How long past the protection days a shipment may stay without news before it counts as
# delivered (the protection window then starts).
LONG_TRANSIT_EXTRA_DAYS = 30
SHIP_DEADLINE_MISSED = "ship_deadline_missed"
BALANCE_OVERDUE = "balance_overdue"
BALANCE_GRACE_ENDED = "balance_grace_ended"

type Step = Callable[[Order, datetime], bool]


def orders_timers_run(*, now: datetime) -> dict[str, int]:
    """Run every order timer once at `now` (see the module's table). Idempotent."""
    transit = days(payment_settings().protection_days + LONG_TRANSIT_EXTRA_DAYS)
    missed = OrderEvent.objects.filter(order_id=OuterRef("pk"), kind=SHIP_DEADLINE_MISSED)
    grace = days(settings.ORDER_BALANCE_GRACE_DAYS)
    due: dict[str, tuple[Q, Step]] = {
        "confirmation_expired": (
            Q(status=OrderStatus.AWAITING_CONFIRMATION, confirm_by__lte=now),
            _confirmation_expired,
        ),
        "deposit_expired": (
            Q(status=OrderStatus.AWAITING_DEPOSIT, deposit_due_at__lte=now),
            _deposit_expired,
        ),
        SHIP_DEADLINE_MISSED: (
            Q(status__in=SHIP_DEADLINE_STATUSES, ship_by__lte=now) & ~Q(Exists(missed)),
            _ship_deadline_missed,
        ),
        "protection_ended": (
            Q(status=OrderStatus.DELIVERED, protection_ends_at__lte=now),
            _protection_ended,
        ),
        "delivery_assumed": (
            Q(status=OrderStatus.SHIPPED, shipped_at__lte=now - transit),
            _delivery_assumed,
        ),
        BALANCE_OVERDUE: (_balance_late(BALANCE_OVERDUE, due_before=now), _balance_overdue),
        BALANCE_GRACE_ENDED: (
            _balance_late(BALANCE_GRACE_ENDED, due_before=now - grace),
            _balance_grace_ended,
        ),
    }
    return {name: _run(condition, step, now=now) for name, (condition, step) in due.items()}


def _balance_late(kind: str, *, due_before: datetime) -> Q:
    """Awaiting a balance unpaid since `due_before`, and not yet noted `kind`."""
    noted = OrderEvent.objects.filter(order_id=OuterRef("pk"), kind=kind)
    return (
        Q(status=OrderStatus.AWAITING_BALANCE)
        & Q(Exists(balance_unpaid_due_before(at=due_before)))
        & ~Q(Exists(noted))
    )


def _run(condition: Q, step: Step, *, now: datetime) -> int:
    ids = list(Order.objects.filter(condition).order_by("pk").values_list("pk", flat=True))
    return sum(_one(order_id, condition, step, now=now) for order_id in ids)


def _one(order_id: UUID, condition: Q, step: Step, *, now: datetime) -> bool:
    with transaction.atomic():
        escrow_lock(order_id=order_id)  # the hold before the order, as payments' events do
        order = Order.objects.select_for_update(of=("self",)).filter(condition, pk=order_id).first()
        return order is not None and step(order, now)


def _confirmation_expired(order: Order, now: datetime) -> bool:
    order_cancel_locked(order, reason="confirmation_expired", doer=SYSTEM, now=now)
    return True


def _deposit_expired(order: Order, now: datetime) -> bool:
    order_cancel_locked(order, reason="deposit_expired", doer=SYSTEM, now=now)
    return True


def _ship_deadline_missed(order: Order, now: datetime) -> bool:
    if order_timeline_has(order_id=order.pk, kind=SHIP_DEADLINE_MISSED):
        return False
    ship_by = order.ship_by.isoformat() if order.ship_by else None
    order_note(order, SHIP_DEADLINE_MISSED, doer=SYSTEM, now=now, data={"ship_by": ship_by})
    return True


def _balance_overdue(order: Order, now: datetime) -> bool:
    grace_ends_at = order_balance_grace_ends_at(order=order)
    data = {"grace_ends_at": grace_ends_at.isoformat() if grace_ends_at else None}
    order_note(order, BALANCE_OVERDUE, doer=SYSTEM, now=now, data=data)
    return True


def _balance_grace_ended(order: Order, now: datetime) -> bool:
    order_note(order, BALANCE_GRACE_ENDED, doer=SYSTEM, now=now)
    return True


def _protection_ended(order: Order, now: datetime) -> bool:
    order_move(
        order,
        OrderStatus.COMPLETED,
        kind="completed",
        doer=SYSTEM,
        now=now,
        data={"by": "protection_ended"},
        webhook="order.completed",
        completed_at=now,
    )
    release_held(order, key=f"order:{order.pk}:release:completed", reason="protection_ended")
    return True


def _delivery_assumed(order: Order, now: datetime) -> bool:
    order_delivered_locked(order, doer=SYSTEM, now=now, by="timer")
    return True
