"""The order timers with an injected clock (M10): each deadline acts once, at its time, and
never early; money and stock follow."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.catalog.models import Product
from tradebridge.core.errors import NotFound, PermissionDenied
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderStatus, ReservationStatus
from tradebridge.orders.lifecycle_errors import BalanceGraceNotOver
from tradebridge.orders.models import Order
from tradebridge.orders.selectors import order_balance_grace_ends_at
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_cancel_unpaid_balance,
    order_confirm,
    order_confirm_receipt,
    order_dispute_open,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
from tradebridge.orders.services.timers import orders_timers_run
from tradebridge.orders.tasks import orders_timers_run as orders_timers_task
from tradebridge.orders.tests.lifecycle.conftest import (
    DAY,
    HOUR,
    T0,
    Parties,
    held,
    kinds,
    pay,
    place,
    reload,
    reservation_statuses,
    stocked_product,
)
from tradebridge.orders.transitions import OrderSide, actions_open
from tradebridge.payments.models import Instalment
from tradebridge.payments.selectors import escrow_summary

pytestmark = pytest.mark.django_db

NOTHING = {
    "confirmation_expired": 0,
    "deposit_expired": 0,
    "ship_deadline_missed": 0,
    "protection_ended": 0,
    "delivery_assumed": 0,
    "balance_overdue": 0,
    "balance_grace_ended": 0,
}


def ran(**moved: int) -> dict[str, int]:
    return NOTHING | moved


def test_an_unconfirmed_order_cancels_at_its_confirmation_deadline(parties: Parties) -> None:
    product = stocked_product(parties, stock=50)
    order = place(parties, product=product, quantity=20)
    confirm_by = T0 + 48 * HOUR

    assert orders_timers_run(now=confirm_by - HOUR) == NOTHING
    assert orders_timers_run(now=confirm_by) == ran(confirmation_expired=1)
    assert orders_timers_run(now=confirm_by + HOUR) == NOTHING

    order = reload(order)
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "confirmation_expired")
    assert escrow_summary(order_id=order.pk).refunded.amount == Decimal(0)
    product.refresh_from_db()
    assert product.stock == 50
    assert reservation_statuses(order) == [ReservationStatus.RELEASED]
    assert kinds(order) == ["placed", "cancelled", "stock_released"]
    assert order.events.get(kind="cancelled").actor_user_id is None


def test_an_unpaid_deposit_cancels_at_its_deadline_and_a_partial_payment_is_refunded(
    parties: Parties,
) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    pay(order, "deposit", amount="50.00", now=T0 + DAY)
    due = reload(order).deposit_due_at
    assert due == T0 + 9 * DAY

    assert orders_timers_run(now=due - HOUR) == NOTHING
    assert orders_timers_run(now=due) == ran(deposit_expired=1)

    order = reload(order)
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "deposit_expired")
    summary = escrow_summary(order_id=order.pk)
    assert (summary.deposited.amount, summary.refunded.amount) == (Decimal(50), Decimal(50))
    assert [view.status for view in summary.instalments] == ["cancelled", "cancelled"]


def test_a_missed_shipping_deadline_lets_the_buyer_cancel_with_a_full_refund(
    parties: Parties,
) -> None:
    """M10: deposit paid -> the supplier misses the shipping date -> the buyer cancels."""
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    pay(order, "deposit", now=T0 + DAY)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    pay(order, "balance", now=T0 + 11 * DAY)
    ship_by = reload(order).ship_by
    assert ship_by == T0 + 28 * DAY
    assert held(order) == Decimal("1000.00")

    assert orders_timers_run(now=ship_by - HOUR) == NOTHING
    assert orders_timers_run(now=ship_by) == ran(ship_deadline_missed=1)
    assert orders_timers_run(now=ship_by + DAY) == NOTHING  # noted once
    assert reload(order).status == OrderStatus.READY_TO_SHIP

    order_cancel(actor=parties.buyer, order_id=order.pk, now=ship_by + 2 * DAY)

    order = reload(order)
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "ship_by_passed")
    summary = escrow_summary(order_id=order.pk)
    assert (summary.refunded.amount, summary.released.amount) == (Decimal("1000.00"), Decimal(0))
    assert kinds(order)[-3:] == ["ship_deadline_missed", "cancelled", "escrow_refunded"]


def ship(parties: Parties, order: Order, *, now: datetime) -> None:
    order_ship(
        actor=parties.supplier, order_id=order.pk, carrier="DHL", tracking_number="1Z9", now=now
    )


def delivered(parties: Parties) -> Order:
    order = place(parties, deposit_percent="100")
    pay(order, "full", now=T0)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 5 * DAY)
    order_ship(
        actor=parties.supplier,
        order_id=order.pk,
        carrier="DHL",
        tracking_number="1Z9",
        now=T0 + 6 * DAY,
    )
    order_mark_delivered(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    return reload(order)


def test_a_silent_protection_window_completes_the_order_and_releases_the_escrow(
    parties: Parties,
) -> None:
    order = delivered(parties)
    ends = T0 + 40 * DAY
    assert order.protection_ends_at == ends

    assert orders_timers_run(now=ends - HOUR) == NOTHING
    assert orders_timers_run(now=ends) == ran(protection_ended=1)
    assert orders_timers_run(now=ends + DAY) == NOTHING

    order = reload(order)
    assert (order.status, order.completed_at) == (OrderStatus.COMPLETED, ends)
    summary = escrow_summary(order_id=order.pk)
    assert (summary.released.amount, summary.held.amount) == (Decimal("1000.00"), Decimal(0))
    assert order.events.get(kind="completed").data["by"] == "protection_ended"


def test_an_open_dispute_holds_the_escrow_past_the_window(parties: Parties) -> None:
    order = delivered(parties)
    order_dispute_open(
        actor=parties.buyer,
        order_id=order.pk,
        reason="not_as_described",
        description="Size 4, not 5.",
        requested_refund=Money.of("400.00", "EUR"),
        now=T0 + 20 * DAY,
    )

    assert orders_timers_run(now=T0 + 60 * DAY) == NOTHING

    assert reload(order).status == OrderStatus.DISPUTED
    assert held(order) == Decimal("1000.00")


def test_receipt_confirmed_before_the_window_leaves_the_timer_nothing(parties: Parties) -> None:
    order = delivered(parties)
    order_confirm_receipt(actor=parties.buyer, order_id=order.pk, now=T0 + 12 * DAY)

    assert orders_timers_run(now=T0 + 60 * DAY) == NOTHING

    summary = escrow_summary(order_id=order.pk)
    assert summary.released.amount == Decimal("1000.00")


def test_a_shipment_without_news_counts_as_delivered_and_then_gets_its_window(
    parties: Parties,
) -> None:
    order = place(parties, deposit_percent="100")
    pay(order, "full", now=T0)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + DAY)
    order_ship(
        actor=parties.supplier,
        order_id=order.pk,
        carrier="DHL",
        tracking_number="1",
        now=T0 + 2 * DAY,
    )
    assumed = T0 + 2 * DAY + 60 * DAY  # protection days 30 + 30

    assert orders_timers_run(now=assumed - HOUR) == NOTHING
    assert orders_timers_run(now=assumed) == ran(delivery_assumed=1)

    order = reload(order)
    assert (order.status, order.delivered_at) == (OrderStatus.DELIVERED, assumed)
    assert order.protection_ends_at == assumed + 30 * DAY
    assert held(order) == Decimal("1000.00")
    assert orders_timers_run(now=assumed + 30 * DAY) == ran(protection_ended=1)
    assert reload(order).status == OrderStatus.COMPLETED


def test_the_task_runs_the_timers_at_the_current_time(parties: Parties) -> None:
    order = place(parties, now=timezone.now() - 3 * DAY)

    result = orders_timers_task.enqueue()

    assert result.return_value == ran(confirmation_expired=1)
    assert reload(order).status == OrderStatus.CANCELLED


def awaiting_balance(parties: Parties, product: Product | None = None) -> tuple[Order, datetime]:
    """Deposit paid, production done at T0 + 10 days: the balance is due; returns its due."""
    order = place(parties, product=product, quantity=20)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    pay(order, "deposit", now=T0 + DAY)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    due = Instalment.objects.get(hold__order_id=order.pk, kind="balance").due_at
    assert reload(order).status == OrderStatus.AWAITING_BALANCE
    assert due == T0 + 17 * DAY
    return order, due


def test_an_unpaid_balance_reminds_the_buyer_once_then_opens_the_supplier_cancellation(
    parties: Parties,
) -> None:
    product = stocked_product(parties, stock=50)
    order, due = awaiting_balance(parties, product)
    grace_ends = due + 7 * DAY
    assert actions_open_now(order, grace_ends - HOUR) == []

    assert orders_timers_run(now=due - HOUR) == NOTHING
    assert orders_timers_run(now=due) == ran(balance_overdue=1)
    assert orders_timers_run(now=due + DAY) == NOTHING  # reminded once
    with pytest.raises(BalanceGraceNotOver) as refused:
        order_cancel_unpaid_balance(
            actor=parties.supplier, order_id=order.pk, now=grace_ends - HOUR
        )
    assert refused.value.details["grace_ends_at"] == grace_ends.isoformat()
    assert orders_timers_run(now=grace_ends) == ran(balance_grace_ended=1)
    assert orders_timers_run(now=grace_ends + DAY) == NOTHING
    assert actions_open_now(order, grace_ends) == ["cancel-unpaid"]
    assert kinds(order)[-2:] == ["balance_overdue", "balance_grace_ended"]
    overdue = order.events.get(kind="balance_overdue")
    assert overdue.data == {"grace_ends_at": grace_ends.isoformat()}
    assert reload(order).status == OrderStatus.AWAITING_BALANCE  # the timer never cancels

    order_cancel_unpaid_balance(actor=parties.sales, order_id=order.pk, now=grace_ends + DAY)

    order = reload(order)
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "balance_unpaid")
    summary = escrow_summary(order_id=order.pk)
    assert (summary.released.amount, summary.refunded.amount) == (Decimal("300.00"), Decimal(0))
    assert [view.status for view in summary.instalments] == ["paid", "cancelled"]
    product.refresh_from_db()
    assert product.stock == 50
    assert reservation_statuses(order) == [ReservationStatus.RELEASED]


def test_a_balance_paid_late_but_within_the_grace_ships_as_usual(parties: Parties) -> None:
    order, due = awaiting_balance(parties)
    assert orders_timers_run(now=due) == ran(balance_overdue=1)

    pay(order, "balance", now=due + 2 * DAY)

    assert reload(order).status == OrderStatus.READY_TO_SHIP
    assert orders_timers_run(now=due + 30 * DAY) == ran(ship_deadline_missed=1)
    assert "balance_grace_ended" not in kinds(order)


def test_only_the_supplier_with_the_right_role_cancels_for_an_unpaid_balance(
    parties: Parties,
) -> None:
    order, due = awaiting_balance(parties)
    late = due + 8 * DAY
    with pytest.raises(PermissionDenied):
        order_cancel_unpaid_balance(actor=parties.buyer, order_id=order.pk, now=late)
    with pytest.raises(PermissionDenied):
        order_cancel_unpaid_balance(actor=parties.supplier_viewer, order_id=order.pk, now=late)
    with pytest.raises(NotFound):
        order_cancel_unpaid_balance(actor=parties.outsider_supplier, order_id=order.pk, now=late)
    assert reload(order).status == OrderStatus.AWAITING_BALANCE
    assert held(order) == Decimal("300.00")


def actions_open_now(order: Order, now: datetime) -> list[str]:
    order = reload(order)
    return actions_open(
        status=OrderStatus(order.status),
        side=OrderSide.SUPPLIER,
        now=now,
        ship_by=order.ship_by,
        protection_ends_at=order.protection_ends_at,
        balance_grace_ends_at=order_balance_grace_ends_at(order=order),
    )
