"""Each lifecycle verb and each payment event, on its happy path and on its guards: statuses,
deadlines, timeline, money, stock, audit and webhook rows."""

from decimal import Decimal
from uuid import UUID

import pytest

from tradebridge.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderStatus, ReservationStatus
from tradebridge.orders.lifecycle_errors import ProtectionWindowClosed, ShipDeadlineNotPassed
from tradebridge.orders.models import Order
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_confirm,
    order_confirm_receipt,
    order_decline,
    order_dispute_open,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
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
    set_status,
    stocked_product,
)
from tradebridge.payments.models import Dispute, Instalment
from tradebridge.payments.selectors import escrow_summary
from tradebridge.webhooks.models import OutboxEvent
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def balance(order_id: UUID) -> Instalment:
    return Instalment.objects.get(hold__order_id=order_id, kind="balance")


def test_confirming_an_order_with_a_deposit_awaits_the_deposit(parties: Parties) -> None:
    order = place(parties)

    order_confirm(actor=parties.sales, order_id=order.pk, now=T0 + HOUR)

    order = reload(order)
    assert order.status == OrderStatus.AWAITING_DEPOSIT
    assert order.deposit_due_at == T0 + 48 * HOUR + 7 * DAY  # checkout's deadline stands
    assert kinds(order) == ["placed", "confirmed"]
    assert AuditEvent.objects.filter(action="order.confirmed", object_id=str(order.pk)).count() == 1


def test_paying_the_deposit_starts_production_with_its_shipping_deadline(parties: Parties) -> None:
    product = stocked_product(parties)
    order = place(parties, product=product, quantity=100)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)

    pay(order, "deposit", now=T0 + 2 * DAY)

    order = reload(order)
    assert order.status == OrderStatus.IN_PRODUCTION
    assert order.ship_by == T0 + 2 * DAY + 27 * DAY  # lead time 20 + grace 7
    assert kinds(order) == ["placed", "confirmed", "deposit_paid", "production_started"]
    assert reservation_statuses(order) == [ReservationStatus.COMMITTED]
    assert held(order) == Decimal("300.00")


def test_a_deposit_paid_before_the_confirmation_waits_for_it(parties: Parties) -> None:
    order = place(parties)
    pay(order, "deposit", now=T0 + HOUR)
    assert reload(order).status == OrderStatus.AWAITING_CONFIRMATION

    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + 2 * HOUR)

    order = reload(order)
    assert order.status == OrderStatus.IN_PRODUCTION
    assert order.ship_by == T0 + 2 * HOUR + 27 * DAY
    assert kinds(order)[-3:] == ["deposit_paid", "confirmed", "production_started"]


def test_confirming_twice_is_an_invalid_transition(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)

    with pytest.raises(InvalidTransition) as raised:
        order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)

    assert raised.value.details == {
        "current": "awaiting_deposit",
        "action": "confirm",
        "allowed": ["awaiting_confirmation"],
    }
    assert kinds(reload(order)) == ["placed", "confirmed"]


def test_the_buyer_cannot_confirm_and_a_viewer_cannot_either(parties: Parties) -> None:
    order = place(parties)

    with pytest.raises(PermissionDenied) as raised:
        order_confirm(actor=parties.buyer, order_id=order.pk)
    assert raised.value.details["reason"] == "wrong_side"
    with pytest.raises(PermissionDenied):
        order_confirm(actor=parties.supplier_viewer, order_id=order.pk)
    with pytest.raises(PermissionDenied):
        order_confirm(actor=parties.supplier_purchaser, order_id=order.pk)

    assert reload(order).status == OrderStatus.AWAITING_CONFIRMATION
    assert kinds(order) == ["placed"]


def test_declining_cancels_refunds_an_early_payment_and_releases_stock(parties: Parties) -> None:
    product = stocked_product(parties, stock=500)
    order = place(parties, product=product, quantity=100)
    pay(order, "deposit", amount="100.00")  # a partial payment, before the confirmation

    order_decline(actor=parties.sales, order_id=order.pk, note="Out of capacity", now=T0 + HOUR)

    order = reload(order)
    assert (order.status, order.cancel_reason, order.cancelled_at) == (
        OrderStatus.CANCELLED,
        "declined",
        T0 + HOUR,
    )
    summary = escrow_summary(order_id=order.pk)
    assert (summary.refunded.amount, summary.held.amount) == (Decimal("100.00"), Decimal(0))
    assert {view.status for view in summary.instalments} == {"cancelled"}
    product.refresh_from_db()
    assert product.stock == 500
    assert reservation_statuses(order) == [ReservationStatus.RELEASED]
    assert kinds(order)[-3:] == ["cancelled", "escrow_refunded", "stock_released"]
    event = order.events.get(kind="cancelled")
    assert event.data == {
        "from": "awaiting_confirmation",
        "to": "cancelled",
        "reason": "declined",
        "note": "Out of capacity",
    }


def test_production_done_awaits_a_balance_due_before_shipment(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)

    order_production_done(actor=parties.sales, order_id=order.pk, now=T0 + 10 * DAY)

    assert reload(order).status == OrderStatus.AWAITING_BALANCE
    assert balance(order.pk).due_at == T0 + 17 * DAY

    pay(order, "balance", now=T0 + 12 * DAY)

    order = reload(order)
    assert order.status == OrderStatus.READY_TO_SHIP
    assert order.ship_by == T0 + DAY + 27 * DAY  # later than the balance + 7 grace days
    assert kinds(order)[-3:] == ["production_done", "balance_paid", "ready_to_ship"]


def test_a_late_balance_moves_the_shipping_deadline(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)

    pay(order, "balance", now=T0 + 40 * DAY)

    assert reload(order).ship_by == T0 + 47 * DAY


@pytest.mark.parametrize("terms", ["against_documents", "on_delivery", "net_30"])
def test_with_credit_terms_production_done_is_ready_to_ship(parties: Parties, terms: str) -> None:
    order = place(parties, balance_due=terms)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)

    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)

    assert reload(order).status == OrderStatus.READY_TO_SHIP
    assert balance(order.pk).due_at is None


@pytest.mark.parametrize(
    ("terms", "due_after_ship", "due_after_delivery"),
    [
        ("against_documents", 7 * DAY, None),
        ("on_delivery", None, 7 * DAY),
        ("net_30", None, 30 * DAY),
    ],
)
def test_the_balance_falls_due_as_its_terms_say(
    parties: Parties, terms: str, due_after_ship: object, due_after_delivery: object
) -> None:
    order = place(parties, balance_due=terms)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    shipped, delivered = T0 + 11 * DAY, T0 + 20 * DAY

    order_ship(
        actor=parties.supplier, order_id=order.pk, carrier="DHL", tracking_number="1Z", now=shipped
    )
    assert balance(order.pk).due_at == (shipped + due_after_ship if due_after_ship else None)  # type: ignore[operator]
    order_mark_delivered(actor=parties.supplier, order_id=order.pk, now=delivered)

    expected = delivered + due_after_delivery if due_after_delivery else shipped + due_after_ship  # type: ignore[operator]
    assert balance(order.pk).due_at == expected


def shipped(parties: Parties) -> Order:
    """A fully prepaid order, confirmed, made and shipped on day 6."""
    order = place(parties, deposit_percent="100")
    pay(order, "full", now=T0)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 5 * DAY)
    order_ship(
        actor=parties.sales,
        order_id=order.pk,
        carrier=" Maersk ",
        tracking_number="MAEU123",
        now=T0 + 6 * DAY,
    )
    return reload(order)


def test_shipping_records_the_carrier_and_tells_both_companies(parties: Parties) -> None:
    for company in (parties.buyer.company, parties.supplier.company):
        WebhookEndpointFactory.create(company=company)

    order = shipped(parties)

    assert order.status == OrderStatus.SHIPPED
    assert (order.carrier, order.tracking_number, order.shipped_at) == (
        "Maersk",
        "MAEU123",
        T0 + 6 * DAY,
    )
    events = OutboxEvent.objects.filter(event_type="order.shipped")
    assert {event.company_id for event in events} == {
        parties.buyer.company_id,
        parties.supplier.company_id,
    }
    assert events.first().payload["tracking_number"] == "MAEU123"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("carrier", "tracking", "field", "reason"),
    [
        ("", "X1", "carrier", "required"),
        ("DHL", " ", "tracking_number", "required"),
        ("D" * 101, "X1", "carrier", "too_long"),
    ],
)
def test_shipping_needs_a_carrier_and_a_tracking_number(
    parties: Parties, carrier: str, tracking: str, field: str, reason: str
) -> None:
    order = set_status(place(parties), OrderStatus.READY_TO_SHIP)

    with pytest.raises(ValidationFailed) as raised:
        order_ship(
            actor=parties.supplier, order_id=order.pk, carrier=carrier, tracking_number=tracking
        )

    assert raised.value.details["errors"] == {field: reason}
    assert reload(order).status == OrderStatus.READY_TO_SHIP


def test_delivery_starts_the_protection_window(parties: Parties) -> None:
    order = shipped(parties)

    order_mark_delivered(actor=parties.supplier, order_id=order.pk, now=T0 + 20 * DAY)

    order = reload(order)
    assert order.status == OrderStatus.DELIVERED
    assert (order.delivered_at, order.protection_ends_at) == (T0 + 20 * DAY, T0 + 50 * DAY)


@pytest.mark.parametrize("deliver_first", [False, True])
def test_confirming_receipt_completes_and_releases_the_escrow(
    parties: Parties, deliver_first: bool
) -> None:
    order = shipped(parties)
    if deliver_first:
        order_mark_delivered(actor=parties.supplier, order_id=order.pk, now=T0 + 9 * DAY)

    order_confirm_receipt(actor=parties.purchaser, order_id=order.pk, now=T0 + 10 * DAY)

    order = reload(order)
    assert (order.status, order.completed_at) == (OrderStatus.COMPLETED, T0 + 10 * DAY)
    assert order.delivered_at == T0 + (9 if deliver_first else 10) * DAY
    summary = escrow_summary(order_id=order.pk)
    assert (summary.released.amount, summary.held.amount) == (Decimal("1000.00"), Decimal(0))
    assert kinds(order)[-2:] == ["receipt_confirmed", "escrow_released"]


def test_the_buyer_cancels_before_production_with_a_refund_of_the_partial_deposit(
    parties: Parties,
) -> None:
    product = stocked_product(parties, stock=300)
    order = place(parties, product=product, quantity=100)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", amount="120.00", now=T0 + DAY)

    order_cancel(actor=parties.purchaser, order_id=order.pk, note="Changed plans", now=T0 + 2 * DAY)

    order = reload(order)
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "buyer_cancelled")
    assert escrow_summary(order_id=order.pk).refunded.amount == Decimal("120.00")
    product.refresh_from_db()
    assert product.stock == 300


def test_in_production_the_buyer_may_cancel_only_after_the_shipping_deadline(
    parties: Parties,
) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    ship_by = reload(order).ship_by
    assert ship_by is not None

    with pytest.raises(ShipDeadlineNotPassed) as raised:
        order_cancel(actor=parties.buyer, order_id=order.pk, now=ship_by - HOUR)
    assert raised.value.code == "invalid_transition"
    assert reload(order).status == OrderStatus.IN_PRODUCTION

    order_cancel(actor=parties.buyer, order_id=order.pk, now=ship_by)

    order = reload(order)
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "ship_by_passed")
    assert escrow_summary(order_id=order.pk).refunded.amount == Decimal("300.00")


def test_the_buyer_cannot_cancel_while_the_balance_is_awaited(parties: Parties) -> None:
    order = set_status(place(parties), OrderStatus.AWAITING_BALANCE, ship_by=T0 - DAY)

    with pytest.raises(InvalidTransition):
        order_cancel(actor=parties.buyer, order_id=order.pk, now=T0)


def test_a_dispute_on_a_delivered_order_within_the_window(parties: Parties) -> None:
    order = shipped(parties)
    order_mark_delivered(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)

    dispute = order_dispute_open(
        actor=parties.buyer,
        order_id=order.pk,
        reason="quality",
        description="Seams split after one match.",
        requested_refund=Money.of("200.00", "EUR"),
        now=T0 + 39 * DAY,
    )

    order = reload(order)
    assert order.status == OrderStatus.DISPUTED
    assert Dispute.objects.get().pk == dispute.pk
    opened = order.events.get(kind="dispute_opened")
    assert opened.data == {
        "from": "delivered",
        "to": "disputed",
        "dispute_id": str(dispute.pk),
        "reason": "quality",
    }


def test_no_dispute_once_the_protection_window_closed(parties: Parties) -> None:
    order = shipped(parties)
    order_mark_delivered(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)

    with pytest.raises(ProtectionWindowClosed):
        order_dispute_open(
            actor=parties.buyer,
            order_id=order.pk,
            reason="quality",
            description="Late complaint.",
            requested_refund=Money.of("10.00", "EUR"),
            now=T0 + 40 * DAY,
        )

    assert reload(order).status == OrderStatus.DELIVERED
    assert not Dispute.objects.exists()
