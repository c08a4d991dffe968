"""The order lifecycle verbs, one service per verb (`orders.transitions.ORDER_TRANSITIONS`).

Each runs in one transaction: find the order through the tenant-scoped selector (another
company's order: NotFound), lock its escrow hold then its row (the lock order payments' events
impose: `orders.services.order_moves`), check the side (a buyer's verb by the supplier:
PermissionDenied, reason `wrong_side`) and the role (FULFIL_ORDERS for the supplier's verbs,
PLACE_ORDERS for the buyer's), check the table (InvalidTransition, nothing written), then
write the status, its deadlines, the timeline event, the audit event and the outbox rows
(`orders.services.order_moves`). Replaying a verb the order already went through answers
InvalidTransition (409): the API's Idempotency-Key replays the first answer instead.

Supplier: `order_confirm`, `order_decline`, `order_production_done`, `order_ship`,
`order_mark_delivered`, `order_cancel_unpaid_balance`. Buyer: `order_cancel`,
`order_confirm_receipt`, `order_dispute_open`.
Payments' events: `orders.services.payment_events`; timers: `orders.services.timers`.

When the balance falls due (the deal's `balance_due`; a cart order has none, or a deposit
plan's balance before shipment): `before_shipment` (and blank) — when production is done,
and the order waits for it in `awaiting_balance`; `against_documents` — when the order ships
(the shipping documents are issued then); `on_delivery` — at delivery; `net_30` — 30 days
after delivery. Each due date is that moment + the operator's deposit deadline days, except
net_30. Only the first waits before shipping; the others are the buyer's credit terms.
"""

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from tradebridge.core.money import Money
from tradebridge.core.transitions import ensure_transition
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.lifecycle_errors import (
    BalanceGraceNotOver,
    ProtectionWindowClosed,
    ShipDeadlineNotPassed,
)
from tradebridge.orders.models import Order
from tradebridge.orders.selectors import (
    order_balance_grace_ends_at,
    order_get_for_company,
    order_side,
)
from tradebridge.orders.services.order_moves import (
    Doer,
    balance_due_set,
    balance_unpaid_id,
    days,
    order_cancel_locked,
    order_move,
    order_note,
    order_webhook,
    production_start,
    release_held,
    upfront_due_set,
    upfront_unpaid,
)
from tradebridge.orders.transitions import (
    ORDER_ACTIONS,
    ORDER_TRANSITIONS,
    SHIP_DEADLINE_STATUSES,
    OrderSide,
)
from tradebridge.payments.models import Dispute
from tradebridge.payments.selectors import payment_settings
from tradebridge.payments.services.disputes import dispute_open
from tradebridge.payments.services.escrow import escrow_lock

_PERMISSION = {
    OrderSide.BUYER: Permission.PLACE_ORDERS,
    OrderSide.SUPPLIER: Permission.FULFIL_ORDERS,
}
_MAX_SHIPPING_TEXT = 100
# When the balance falls due, for `balance_due` values other than before_shipment.
BALANCE_AT_SHIPMENT = "against_documents"
BALANCE_AT_DELIVERY = frozenset({"on_delivery", "net_30"})


def _locked(actor: Membership, order_id: UUID, action: str) -> tuple[Order, Doer]:
    """Lock the actor's company's order, check the side, the role and that `action` starts
    from the order's status (InvalidTransition with `action` and `allowed` statuses)."""
    rule = ORDER_ACTIONS[action]
    order_get_for_company(actor=actor, order_id=order_id)  # 404 before taking any lock
    escrow_lock(order_id=order_id)
    order = order_get_for_company(actor=actor, order_id=order_id, for_update=True)
    if order_side(order, company_id=actor.company_id) != rule.side:
        raise PermissionDenied(reason="wrong_side", side=rule.side.value)
    ensure_can(actor, _PERMISSION[rule.side])
    if order.status not in rule.sources:
        raise InvalidTransition(
            f"Cannot {action} an order that is {order.status}.",
            current=order.status,
            action=action,
            allowed=sorted(status.value for status in rule.sources),
        )
    return order, Doer(user_id=actor.user_id, company_id=actor.company_id)


# --- the supplier's verbs ---------------------------------------------------------------------


def order_confirm(*, actor: Membership, order_id: UUID, now: datetime | None = None) -> Order:
    """The supplier accepts the order. With an upfront instalment unpaid it awaits the deposit
    (due when checkout said: `deposit_due_at`, or the operator's deposit days from now if it
    has none); else (no deposit, or already paid) production starts.
    Raises NotFound, PermissionDenied, InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "confirm")
        if not upfront_unpaid(order):
            _confirm_into_production(order, doer=doer, now=now)
            return order
        # The deadline set at checkout (confirmation deadline + deposit days) stands.
        due = order.deposit_due_at or now + days(payment_settings().deposit_deadline_days)
        order_move(
            order,
            OrderStatus.AWAITING_DEPOSIT,
            kind="confirmed",
            doer=doer,
            now=now,
            data={"deposit_due_at": due.isoformat()},
            webhook="order.confirmed",
            deposit_due_at=due,
        )
        upfront_due_set(order, due_at=due)
    return order


def _confirm_into_production(order: Order, *, doer: Doer, now: datetime) -> None:
    ensure_transition(
        ORDER_TRANSITIONS, current=OrderStatus(order.status), target=OrderStatus.IN_PRODUCTION
    )
    order_note(order, "confirmed", doer=doer, now=now)
    order_webhook(order, "order.confirmed")
    production_start(order, kind="production_started", doer=doer, now=now)


def order_decline(
    *, actor: Membership, order_id: UUID, note: str = "", now: datetime | None = None
) -> Order:
    """The supplier refuses an order awaiting its confirmation: cancelled (reason `declined`),
    anything paid refunded, stock released. Raises NotFound, PermissionDenied,
    InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "decline")
        order_cancel_locked(order, reason="declined", doer=doer, now=now, note=note[:500])
    return order


def order_production_done(
    *, actor: Membership, order_id: UUID, now: datetime | None = None
) -> Order:
    """The goods are made. With the balance due before shipment and unpaid, the order awaits
    it (due the operator's deposit days from now); otherwise it is ready to ship.
    Raises NotFound, PermissionDenied, InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "production-done")
        if balance_unpaid_id(order) is not None and _balance_before_shipment(order):
            due = now + days(payment_settings().deposit_deadline_days)
            order_move(
                order,
                OrderStatus.AWAITING_BALANCE,
                kind="production_done",
                doer=doer,
                now=now,
                data={"balance_due_at": due.isoformat()},
            )
            balance_due_set(order, due_at=due)
        else:
            order_move(order, OrderStatus.READY_TO_SHIP, kind="production_done", doer=doer, now=now)
    return order


def _balance_before_shipment(order: Order) -> bool:
    return order.balance_due not in {BALANCE_AT_SHIPMENT, *BALANCE_AT_DELIVERY}


def order_ship(
    *,
    actor: Membership,
    order_id: UUID,
    carrier: str,
    tracking_number: str,
    now: datetime | None = None,
) -> Order:
    """The supplier hands the goods to `carrier` (both texts required, at most 100 characters).
    With `against_documents` terms the balance falls due. The trade documents are issued by
    the OrderStatusChanged handler in this transaction. Raises NotFound, PermissionDenied,
    InvalidTransition, ValidationFailed (`carrier`/`tracking_number`: required, too_long)."""
    carrier, tracking_number = (
        _shipping_text("carrier", carrier),
        _shipping_text("tracking_number", tracking_number),
    )
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "ship")
        shipment = {"carrier": carrier, "tracking_number": tracking_number}
        order_move(
            order,
            OrderStatus.SHIPPED,
            kind="shipped",
            doer=doer,
            now=now,
            data=shipment,
            webhook="order.shipped",
            shipped_at=now,
            **shipment,
        )
        if order.balance_due == BALANCE_AT_SHIPMENT:
            balance_due_set(order, due_at=now + days(payment_settings().deposit_deadline_days))
    return order


def _shipping_text(field: str, value: str) -> str:
    value = value.strip()
    problem = "required" if not value else "too_long" if len(value) > _MAX_SHIPPING_TEXT else ""
    if problem:
        raise ValidationFailed(
            f"{field}: {problem}", field=field, reason=problem, errors={field: problem}
        )
    return value


def order_mark_delivered(
    *, actor: Membership, order_id: UUID, now: datetime | None = None
) -> Order:
    """The supplier reports the goods delivered: the buyer's protection window (the operator's
    protection days) starts now. Raises NotFound, PermissionDenied, InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "mark-delivered")
        order_delivered_locked(order, doer=doer, now=now, by="supplier")
    return order


def order_delivered_locked(order: Order, *, doer: Doer, now: datetime, by: str) -> None:
    """Deliver the locked shipped order (`by`: supplier, or timer): protection window from
    now; a balance due on delivery (or 30 days after) gets its due date."""
    protection_ends_at = now + days(payment_settings().protection_days)
    order_move(
        order,
        OrderStatus.DELIVERED,
        kind="delivered",
        doer=doer,
        now=now,
        data={"by": by, "protection_ends_at": protection_ends_at.isoformat()},
        webhook="order.delivered",
        delivered_at=now,
        protection_ends_at=protection_ends_at,
    )
    if order.balance_due == "net_30":
        balance_due_set(order, due_at=now + days(30))
    elif order.balance_due == "on_delivery":
        balance_due_set(order, due_at=now + days(payment_settings().deposit_deadline_days))


def order_cancel_unpaid_balance(
    *, actor: Membership, order_id: UUID, note: str = "", now: datetime | None = None
) -> Order:
    """The supplier cancels an order whose balance is still unpaid ORDER_BALANCE_GRACE_DAYS
    after it fell due (the buyer defaulted): cancelled (reason `balance_unpaid`), what the
    escrow holds (the deposit) released to the supplier less the commission, the unpaid
    balance cancelled, the stock back. Raises NotFound, PermissionDenied, InvalidTransition
    (BalanceGraceNotOver: before the grace ends)."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "cancel-unpaid")
        grace_ends_at = order_balance_grace_ends_at(order=order)
        if grace_ends_at is None or grace_ends_at > now:
            raise BalanceGraceNotOver(
                current=order.status,
                action="cancel-unpaid",
                grace_ends_at=grace_ends_at.isoformat() if grace_ends_at else None,
            )
        order_cancel_locked(
            order, reason="balance_unpaid", doer=doer, now=now, note=note[:500], keep_paid=True
        )
    return order


# --- the buyer's verbs ------------------------------------------------------------------------


def order_cancel(
    *, actor: Membership, order_id: UUID, note: str = "", now: datetime | None = None
) -> Order:
    """The buyer cancels: at will before production starts, or once the shipping deadline has
    passed without a shipment (in production or ready to ship). Everything paid is refunded
    (to the buyer's refund account), unpaid instalments are cancelled, stock is released.
    Raises NotFound, PermissionDenied, InvalidTransition (ShipDeadlineNotPassed: in production
    before `ship_by`)."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "cancel")
        reason = "buyer_cancelled"
        if order.status in SHIP_DEADLINE_STATUSES:
            if order.ship_by is None or order.ship_by > now:
                raise ShipDeadlineNotPassed(
                    current=order.status,
                    action="cancel",
                    ship_by=order.ship_by.isoformat() if order.ship_by else None,
                )
            reason = "ship_by_passed"
        order_cancel_locked(order, reason=reason, doer=doer, now=now, note=note[:500])
    return order


def order_confirm_receipt(
    *, actor: Membership, order_id: UUID, now: datetime | None = None
) -> Order:
    """The buyer has the goods (shipped or delivered) and is satisfied: completed, everything
    the escrow holds released to the supplier. Raises NotFound, PermissionDenied,
    InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "confirm-receipt")
        order_move(
            order,
            OrderStatus.COMPLETED,
            kind="receipt_confirmed",
            doer=doer,
            now=now,
            webhook="order.completed",
            completed_at=now,
            delivered_at=order.delivered_at or now,
        )
        release_held(order, key=f"order:{order.pk}:release:completed", reason="receipt_confirmed")
    return order


def order_dispute_open(
    *,
    actor: Membership,
    order_id: UUID,
    reason: str,
    description: str,
    requested_refund: Money,
    now: datetime | None = None,
) -> Dispute:
    """The buyer disputes a shipped order (e.g. not received) or a delivered one within its
    protection window: the order is disputed and payments' dispute opens (it checks the
    request against what is held and publishes DisputeOpened). Raises NotFound,
    PermissionDenied, InvalidTransition, ProtectionWindowClosed, and the dispute's own errors
    (ValidationFailed for a reason or amount it refuses)."""
    now = now or timezone.now()
    with transaction.atomic():
        order, doer = _locked(actor, order_id, "dispute")
        previous = OrderStatus(order.status)
        ends = order.protection_ends_at
        if previous == OrderStatus.DELIVERED and ends is not None and ends <= now:
            raise ProtectionWindowClosed(protection_ended_at=ends.isoformat())
        order.status = OrderStatus.DISPUTED  # before dispute_open: its DisputeOpened sees it
        order.save(update_fields=["status", "updated_at"])
        dispute = dispute_open(
            order_id=order.pk,
            order_reference=order.reference,
            buyer_id=order.buyer_id,
            supplier_id=order.supplier_id,
            opened_by_user_id=actor.user_id,
            reason=reason,
            description=description,
            requested_refund=requested_refund,
            now=now,
        )
        order_note(
            order,
            "dispute_opened",
            doer=doer,
            now=now,
            data={
                "from": previous.value,
                "to": order.status,
                "dispute_id": str(dispute.pk),
                "reason": reason,
            },
        )
    return dispute
