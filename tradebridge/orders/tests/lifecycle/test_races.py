"""Races on PostgreSQL: the order's row lock makes each verb happen once, and a verb racing
the timer or a payment converges on one outcome with the money conserved."""

from decimal import Decimal

import pytest

from tradebridge.core.tests.concurrency import race
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_confirm,
    order_confirm_receipt,
)
from tradebridge.orders.services.timers import orders_timers_run
from tradebridge.orders.tests.lifecycle.conftest import DAY, HOUR, T0, Parties, pay, place, reload
from tradebridge.payments.selectors import escrow_summary

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_ten_receipts_at_once_release_the_escrow_once(parties: Parties) -> None:
    order = place(parties, deposit_percent="100")
    pay(order, "full")
    order.status = OrderStatus.SHIPPED
    order.save(update_fields=["status"])

    outcomes = race([lambda: order_confirm_receipt(actor=parties.buyer, order_id=order.pk)] * 10)

    assert outcomes == ["invalid_transition"] * 9 + ["ok"]
    summary = escrow_summary(order_id=order.pk)
    assert (summary.released.amount, summary.held.amount) == (Decimal("1000.00"), Decimal(0))
    assert reload(order).events.filter(kind="receipt_confirmed").count() == 1


def test_the_buyer_cancelling_as_the_deposit_timer_fires_cancels_once(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", amount="100.00")
    due = T0 + 48 * HOUR + 7 * DAY

    def timer() -> None:
        orders_timers_run(now=due)

    outcomes = race(
        [lambda: order_cancel(actor=parties.buyer, order_id=order.pk, now=due), timer] * 3
    )

    # The timers never refuse; the buyer's first cancel wins unless a timer came first.
    assert outcomes.count("ok") in {3, 4}
    assert outcomes.count("invalid_transition") == 6 - outcomes.count("ok")
    order = reload(order)
    assert order.status == OrderStatus.CANCELLED
    expected = "buyer_cancelled" if outcomes.count("ok") == 4 else "deposit_expired"
    assert order.cancel_reason == expected
    assert order.events.filter(kind="cancelled").count() == 1
    summary = escrow_summary(order_id=order.pk)
    assert (summary.refunded.amount, summary.held.amount) == (Decimal("100.00"), Decimal(0))


@pytest.mark.parametrize("attempt", range(3))
def test_a_deposit_arriving_as_the_buyer_cancels_never_deadlocks(
    parties: Parties, attempt: int
) -> None:
    """Payments lock the escrow hold, then (in orders' handler) the order; the cancel locks the
    hold before the order too, so the two wait on each other in one order, never in a cycle.
    Whichever goes first, nothing stays held: paid then refunded, or paid after the cancel
    (held for review by payments)."""
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)

    outcomes = race(
        [
            lambda: order_cancel(actor=parties.buyer, order_id=order.pk),
            lambda: pay(order, "deposit"),
        ]
    )

    assert outcomes == ["ok", "ok"]
    assert reload(order).status == OrderStatus.CANCELLED
    summary = escrow_summary(order_id=order.pk)
    assert summary.held.amount == Decimal(0)
    assert summary.refunded.amount == summary.deposited.amount
