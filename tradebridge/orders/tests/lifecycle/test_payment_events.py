"""Payments' events move the order in the money's transaction: disputes resolved, withdrawn,
updated; events about orders that do not exist, or seen twice, change nothing."""

import uuid
from decimal import Decimal

import pytest

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderEvent
from tradebridge.orders.services.lifecycle import (
    order_confirm,
    order_dispute_open,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
from tradebridge.orders.services.payment_events import (
    order_on_escrow_released,
    order_on_instalment_paid,
    order_on_payment_received,
)
from tradebridge.orders.tests.lifecycle.conftest import DAY, T0, Parties, kinds, pay, place, reload
from tradebridge.payments.events import EscrowReleased, InstalmentPaid, PaymentReceived
from tradebridge.payments.models import Dispute
from tradebridge.payments.selectors import escrow_summary
from tradebridge.payments.services.disputes import (
    dispute_decide,
    dispute_respond,
    dispute_withdraw,
)

pytestmark = pytest.mark.django_db


def disputed(parties: Parties, *, deliver: bool = True) -> tuple[Order, Dispute]:
    order = place(parties, deposit_percent="100")
    pay(order, "full", now=T0)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + DAY)
    order_ship(
        actor=parties.supplier, order_id=order.pk, carrier="DHL", tracking_number="9", now=T0
    )
    if deliver:
        order_mark_delivered(actor=parties.supplier, order_id=order.pk, now=T0 + 2 * DAY)
    dispute = order_dispute_open(
        actor=parties.buyer,
        order_id=order.pk,
        reason="quality",
        description="Bladders leak.",
        requested_refund=Money.of("400.00", "EUR"),
        now=T0 + 3 * DAY,
    )
    return order, dispute


def test_a_partial_refund_completes_the_order_and_releases_the_rest(parties: Parties) -> None:
    order, dispute = disputed(parties)
    operator = UserFactory.create(is_staff=True)

    dispute_decide(
        operator=operator,
        dispute_id=dispute.pk,
        resolution="partial_refund",
        refund_amount=Money.of("250.00", "EUR"),
    )

    order = reload(order)
    assert order.status == OrderStatus.COMPLETED
    summary = escrow_summary(order_id=order.pk)
    assert (summary.refunded.amount, summary.released.amount, summary.held.amount) == (
        Decimal("250.00"),
        Decimal("750.00"),
        Decimal(0),
    )
    resolved = order.events.get(kind="dispute_resolved")
    assert resolved.data["resolution"] == "partial_refund"
    assert (resolved.data["amount"], resolved.data["currency"]) == ("250.00", "EUR")


def test_the_supplier_accepting_refunds_and_completes(parties: Parties) -> None:
    order, dispute = disputed(parties)

    dispute_respond(actor=parties.sales, dispute_id=dispute.pk, response="accept")

    order = reload(order)
    assert order.status == OrderStatus.COMPLETED
    assert escrow_summary(order_id=order.pk).refunded.amount == Decimal("400.00")


@pytest.mark.parametrize("deliver", [True, False])
def test_a_withdrawn_dispute_returns_the_order_where_it_was(
    parties: Parties, deliver: bool
) -> None:
    order, dispute = disputed(parties, deliver=deliver)

    dispute_withdraw(actor=parties.buyer, dispute_id=dispute.pk)

    order = reload(order)
    assert order.status == (OrderStatus.DELIVERED if deliver else OrderStatus.SHIPPED)
    assert kinds(order)[-1] == "dispute_withdrawn"
    assert escrow_summary(order_id=order.pk).held.amount == Decimal("1000.00")


def test_a_countered_dispute_is_noted_on_the_timeline(parties: Parties) -> None:
    order, dispute = disputed(parties)

    dispute_respond(
        actor=parties.supplier,
        dispute_id=dispute.pk,
        response="counter",
        counter_refund=Money.of("100.00", "EUR"),
        now=T0 + 4 * DAY,
    )

    order = reload(order)
    assert order.status == OrderStatus.DISPUTED
    assert order.events.get(kind="dispute_updated").data == {
        "dispute_id": str(dispute.pk),
        "status": "supplier_countered",
    }


def test_an_instalment_paid_twice_is_recorded_once(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    deposit = escrow_summary(order_id=order.pk).instalments[0]

    order_on_instalment_paid(InstalmentPaid(order.pk, deposit.id, "deposit"))

    assert kinds(reload(order)).count("deposit_paid") == 1
    assert reload(order).status == OrderStatus.IN_PRODUCTION


def test_events_about_unknown_orders_change_nothing(db: None) -> None:
    unknown = uuid.uuid4()

    order_on_instalment_paid(InstalmentPaid(unknown, uuid.uuid4(), "deposit"))
    order_on_escrow_released(EscrowReleased(unknown, "10.00", "EUR"))

    assert not OrderEvent.objects.exists()


def test_a_part_payment_is_on_the_timeline_with_what_is_still_due(parties: Parties) -> None:
    order = place(parties)  # 1000.00 EUR, a 300.00 deposit
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", amount="100.00", key="first")
    pay(order, "deposit", amount="120.00", key="second")
    pay(order, "deposit", amount="120.00", key="second")  # the same transfer again
    parts = OrderEvent.objects.filter(order=order, kind="part_paid").order_by("id")
    assert [(e.data["amount"], e.data["left"], e.data["currency"]) for e in parts] == [
        ("100.00", "200.00", "EUR"),
        ("120.00", "80.00", "EUR"),
    ]
    assert {e.data["instalment_kind"] for e in parts} == {"deposit"}
    pay(order, "deposit")  # the rest settles it: deposit_paid, no third part payment
    assert kinds(order).count("part_paid") == 2
    assert kinds(order).count("deposit_paid") == 1


def test_a_part_payment_event_seen_twice_is_recorded_once(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", amount="100.00")
    deposit = next(v for v in escrow_summary(order_id=order.pk).instalments)
    order_on_payment_received(PaymentReceived(order.pk, deposit.id, "100.00", "EUR"))
    assert kinds(order).count("part_paid") == 1
