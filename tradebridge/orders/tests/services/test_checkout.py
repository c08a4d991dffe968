"""Checkout: one purchase, one order per supplier and currency, re-priced from the catalog,
stock taken, escrow opened, cart emptied; and nothing written when it refuses."""

from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.catalog.errors import InsufficientStock
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductVariantFactory
from tradebridge.companies.enums import Role
from tradebridge.core.errors import PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent
from tradebridge.orders.enums import OrderSource, OrderStatus, ReservationStatus
from tradebridge.orders.errors import (
    CartEmpty,
    CartInvalid,
    PriceChanged,
    ProductUnavailable,
    ShipToRequired,
)
from tradebridge.orders.models import CartItem, Order, OrderEvent, Purchase, StockReservation
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.checkout import checkout_place
from tradebridge.orders.services.reservations import reservations_commit, reservations_release
from tradebridge.orders.tests.buying import (
    SHIP_TO,
    buyer_member,
    default_address,
    product,
    supplier_company,
)
from tradebridge.payments.enums import InstalmentKind
from tradebridge.payments.models import EscrowHold, Instalment

pytestmark = pytest.mark.django_db


def _nothing_written(member: object) -> None:
    assert Purchase.objects.count() == 0
    assert Order.objects.count() == 0
    assert EscrowHold.objects.count() == 0
    assert StockReservation.objects.count() == 0


def test_one_order_per_supplier_with_snapshots_escrow_timeline_and_empty_cart() -> None:
    member = buyer_member()
    first, second = supplier_company(), supplier_company()
    ball = product(first, stock=300, weight_kg=Decimal("0.45"), units_per_carton=50)
    red = ProductVariantFactory.create(product=ball, stock=None, options={"Colour": "red"})
    net = product(second, tiers=((1, "80.00"),))
    cart_item_add(actor=member, product_id=ball.pk, variant_id=red.pk, quantity=100)
    cart_item_add(actor=member, product_id=net.pk, quantity=2)
    now = timezone.now()

    purchase = checkout_place(
        actor=member,
        ship_to=SHIP_TO,
        po_number=" PO-77 ",
        incoterm="fob",
        named_place="Xiamen",
        now=now,
    )

    orders = {order.supplier_id: order for order in purchase.orders.all()}
    assert set(orders) == {first.pk, second.pk}
    balls = orders[first.pk]
    assert (balls.status, balls.currency, balls.total, balls.source) == (
        OrderStatus.AWAITING_CONFIRMATION,
        "USD",
        Decimal("450.0000"),
        OrderSource.CART,
    )
    assert (balls.po_number, balls.incoterm, balls.ship_to_city, balls.deposit_percent) == (
        "PO-77",
        "FOB",
        "Duisburg",
        Decimal(100),
    )
    assert balls.confirm_by is not None
    assert balls.confirm_by > now
    (line,) = balls.lines.all()
    assert (line.sku, line.variant_label, line.quantity, line.unit_price, line.line_total) == (
        red.sku,
        "Colour: red",
        100,
        Decimal("4.5000"),
        Decimal("450.0000"),
    )
    assert (line.hs_code, line.weight_kg, line.units_per_carton) == (
        "950662",
        Decimal("0.4500"),
        50,
    )
    assert orders[second.pk].total == Decimal("160.0000")
    hold = EscrowHold.objects.get(order_id=balls.pk)
    assert (hold.total, hold.currency, hold.order_reference) == (
        Decimal("450.0000"),
        "USD",
        balls.reference,
    )
    assert list(Instalment.objects.filter(hold=hold).values_list("kind", flat=True)) == [
        InstalmentKind.FULL
    ]
    assert list(OrderEvent.objects.filter(order=balls).values_list("kind", "actor_user_id")) == [
        ("placed", member.user_id)
    ]
    assert AuditEvent.objects.filter(action="order.placed", object_id=str(balls.pk)).count() == 1
    assert CartItem.objects.filter(cart__membership=member).count() == 0
    assert StockReservation.objects.count() == 0  # the variant is made to order


def test_stock_is_taken_and_held_per_line_then_released_once() -> None:
    member = buyer_member()
    ball = product(stock=300)
    cart_item_add(actor=member, product_id=ball.pk, quantity=100)

    purchase = checkout_place(actor=member, ship_to=SHIP_TO)

    order = purchase.orders.get()
    assert Product.objects.get(pk=ball.pk).stock == 200
    reservation = StockReservation.objects.get(order=order)
    assert (reservation.quantity, reservation.status, reservation.expires_at) == (
        100,
        ReservationStatus.HELD,
        order.deposit_due_at,
    )
    assert reservations_release(order_id=order.pk) == 1
    assert reservations_release(order_id=order.pk) == 0
    assert Product.objects.get(pk=ball.pk).stock == 300
    assert reservations_commit(order_id=order.pk) == 0


def test_committed_reservations_are_never_released() -> None:
    member = buyer_member()
    ball = product(stock=300)
    cart_item_add(actor=member, product_id=ball.pk, quantity=100)
    order = checkout_place(actor=member, ship_to=SHIP_TO).orders.get()

    assert reservations_commit(order_id=order.pk) == 1
    assert reservations_release(order_id=order.pk) == 0
    assert Product.objects.get(pk=ball.pk).stock == 200


def test_a_price_change_is_reported_once_then_the_same_checkout_goes_through() -> None:
    member = buyer_member()
    ball = product()
    cart_item_add(actor=member, product_id=ball.pk, quantity=100)
    ball.tiers.filter(min_quantity=100).update(unit_price=Decimal("4.75"))

    with pytest.raises(PriceChanged) as raised:
        checkout_place(actor=member, ship_to=SHIP_TO)

    (change,) = raised.value.details["lines"]
    assert (change["old"], change["new"]) == (
        {"amount": "4.50", "currency": "USD"},
        {"amount": "4.75", "currency": "USD"},
    )
    _nothing_written(member)
    assert CartItem.objects.get(cart__membership=member).unit_price_seen == Decimal("4.7500")
    purchase = checkout_place(actor=member, ship_to=SHIP_TO)
    assert purchase.orders.get().total == Decimal("475.0000")


def test_stock_gone_since_the_cart_was_filled_is_a_conflict_and_nothing_is_written() -> None:
    member = buyer_member()
    ball = product(stock=100)
    cart_item_add(actor=member, product_id=ball.pk, quantity=100)
    Product.objects.filter(pk=ball.pk).update(stock=99)

    with pytest.raises(InsufficientStock) as raised:
        checkout_place(actor=member, ship_to=SHIP_TO)

    assert (raised.value.details["available"], raised.value.details["requested"]) == (99, 100)
    _nothing_written(member)
    assert Product.objects.get(pk=ball.pk).stock == 99
    assert CartItem.objects.filter(cart__membership=member).count() == 1


def test_a_product_no_longer_sold_blocks_checkout() -> None:
    member = buyer_member()
    ball = product()
    item = cart_item_add(actor=member, product_id=ball.pk, quantity=10)
    Product.objects.filter(pk=ball.pk).update(status="draft")

    with pytest.raises(ProductUnavailable) as raised:
        checkout_place(actor=member, ship_to=SHIP_TO)

    assert raised.value.details == {"item_ids": [str(item.pk)]}
    _nothing_written(member)


def test_variant_quantities_below_the_moq_are_refused_at_checkout() -> None:
    member = buyer_member()
    ball = product()
    red = ProductVariantFactory.create(product=ball)
    item = cart_item_add(actor=member, product_id=ball.pk, variant_id=red.pk, quantity=5)

    with pytest.raises(CartInvalid) as raised:
        checkout_place(actor=member, ship_to=SHIP_TO)

    assert raised.value.details == {
        "lines": [{"item_id": str(item.pk), "code": "below_moq", "moq": 10, "quantity": 5}]
    }
    _nothing_written(member)


def test_an_empty_cart_and_a_missing_address_are_refused() -> None:
    member = buyer_member()
    with pytest.raises(CartEmpty):
        checkout_place(actor=member, ship_to=SHIP_TO)
    cart_item_add(actor=member, product_id=product().pk, quantity=10)
    with pytest.raises(ShipToRequired):
        checkout_place(actor=member, ship_to=None)
    _nothing_written(member)


def test_the_companys_default_address_is_used_when_none_is_given() -> None:
    member = buyer_member()
    default_address(member)
    cart_item_add(actor=member, product_id=product().pk, quantity=10)

    purchase = checkout_place(actor=member, ship_to=None)

    assert (purchase.ship_to_name, purchase.ship_to_country) == ("Main warehouse", "DE")
    assert purchase.orders.get().ship_to_name == "Main warehouse"


@pytest.mark.parametrize(
    ("field", "value"),
    [("incoterm", "XYZ"), ("po_number", "P" * 65), ("named_place", "x" * 121)],
)
def test_bad_terms_are_refused(field: str, value: str) -> None:
    member = buyer_member()
    cart_item_add(actor=member, product_id=product().pk, quantity=10)

    with pytest.raises(ValidationFailed) as raised:
        checkout_place(actor=member, ship_to=SHIP_TO, **{field: value})  # type: ignore[arg-type]

    assert raised.value.details["field"] == field
    _nothing_written(member)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SALES])
def test_roles_without_place_orders_cannot_check_out(role: Role) -> None:
    purchaser = buyer_member()
    member = buyer_member(role, company=purchaser.company)
    cart_item_add(actor=purchaser, product_id=product().pk, quantity=10)

    with pytest.raises(PermissionDenied):
        checkout_place(actor=member, ship_to=SHIP_TO)

    _nothing_written(member)


def test_one_supplier_selling_in_two_currencies_gets_two_orders() -> None:
    member = buyer_member()
    supplier = supplier_company()
    product(supplier)
    usd = product(supplier)
    eur = product(supplier, currency="EUR")
    cart_item_add(actor=member, product_id=usd.pk, quantity=10)
    cart_item_add(actor=member, product_id=eur.pk, quantity=10)

    purchase = checkout_place(actor=member, ship_to=SHIP_TO)

    assert sorted(purchase.orders.values_list("currency", flat=True)) == ["EUR", "USD"]
