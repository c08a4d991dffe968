"""The cart services: adding, changing, removing lines, scoping, limits and the review."""

import uuid
from decimal import Decimal

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.errors import (
    BelowMinimumOrder,
    InsufficientStock,
    InvalidQuantity,
    NotOrderMultiple,
)
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductVariantFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.core.errors import NotFound, PermissionDenied
from tradebridge.core.money import Money
from tradebridge.orders.errors import (
    CartFull,
    OwnProduct,
    QuantityTooLarge,
    SampleUnavailable,
    VariantRequired,
)
from tradebridge.orders.models import CartItem
from tradebridge.orders.services import carts
from tradebridge.orders.services.carts import (
    cart_item_add,
    cart_item_remove,
    cart_item_update,
    cart_review_for_member,
)
from tradebridge.orders.tests.buying import buyer_member, product, supplier_company

pytestmark = pytest.mark.django_db


def _items(member: Membership) -> list[tuple[uuid.UUID, int, Decimal]]:
    return list(
        CartItem.objects.filter(cart__membership=member)
        .order_by("added_at", "id")
        .values_list("product_id", "quantity", "unit_price_seen")
    )


def test_add_creates_the_cart_and_records_the_price_seen() -> None:
    member = buyer_member()
    ball = product(stock=500)

    item = cart_item_add(actor=member, product_id=ball.pk, quantity=100)

    assert (item.quantity, item.unit_price_seen, item.currency_seen, item.stock_seen) == (
        100,
        Decimal("4.5000"),
        "USD",
        500,
    )
    assert item.cart.membership == member


def test_adding_the_same_line_again_sums_it() -> None:
    member = buyer_member()
    ball = product()

    cart_item_add(actor=member, product_id=ball.pk, quantity=50)
    item = cart_item_add(actor=member, product_id=ball.pk, quantity=50)

    assert _items(member) == [(ball.pk, 100, Decimal("4.5000"))]
    assert item.quantity == 100


def test_variant_lines_move_each_other_into_the_summed_tier() -> None:
    member = buyer_member()
    ball = product()
    red = ProductVariantFactory.create(product=ball)
    blue = ProductVariantFactory.create(product=ball)

    cart_item_add(actor=member, product_id=ball.pk, variant_id=red.pk, quantity=60)
    cart_item_add(actor=member, product_id=ball.pk, variant_id=blue.pk, quantity=60)

    assert [price for _, _, price in _items(member)] == [Decimal("4.5000"), Decimal("4.5000")]
    review = cart_review_for_member(member)
    assert review.price_changes == ()
    assert review.groups[0].total == Money(Decimal("540.00"), "USD")


@pytest.mark.parametrize(
    ("quantity", "error"),
    [
        (-1, InvalidQuantity),
        (0, InvalidQuantity),
        (1.5, InvalidQuantity),
        ("1e3", InvalidQuantity),
        (True, InvalidQuantity),
        (2**63, QuantityTooLarge),
        (5, BelowMinimumOrder),
        (15, NotOrderMultiple),
    ],
)
def test_bad_quantities_are_refused_and_nothing_is_added(quantity: object, error: type) -> None:
    member = buyer_member()
    ball = product(order_multiple=10)

    with pytest.raises(error):
        cart_item_add(actor=member, product_id=ball.pk, quantity=quantity)  # type: ignore[arg-type]

    assert _items(member) == []


def test_more_than_the_stock_left_is_a_conflict_also_when_summed() -> None:
    member = buyer_member()
    ball = product(stock=120)
    cart_item_add(actor=member, product_id=ball.pk, quantity=100)

    with pytest.raises(InsufficientStock) as raised:
        cart_item_add(actor=member, product_id=ball.pk, quantity=30)

    assert raised.value.details["requested"] == 130
    assert raised.value.details["available"] == 120
    assert _items(member) == [(ball.pk, 100, Decimal("4.5000"))]


def test_a_sold_out_product_is_refused_before_the_cart_is_locked(
    django_assert_max_num_queries,
) -> None:
    member = buyer_member()
    ball = product(stock=0)

    with django_assert_max_num_queries(4), pytest.raises(InsufficientStock) as raised:
        cart_item_add(actor=member, product_id=ball.pk, quantity=2)

    assert (raised.value.details["requested"], raised.value.details["available"]) == (2, 0)
    assert _items(member) == []


@pytest.mark.parametrize(
    "hide",
    [
        {"status": ProductStatus.DRAFT},
        {"status": ProductStatus.SUSPENDED},
    ],
)
def test_products_a_buyer_cannot_see_are_not_found(hide: dict[str, object]) -> None:
    member = buyer_member()
    ball = product()
    Product.objects.filter(pk=ball.pk).update(**hide)

    with pytest.raises(NotFound):
        cart_item_add(actor=member, product_id=ball.pk, quantity=10)

    assert _items(member) == []


def test_a_suspended_suppliers_product_is_not_found() -> None:
    member = buyer_member()
    supplier = supplier_company(is_active=False)
    ball = product(supplier)

    with pytest.raises(NotFound):
        cart_item_add(actor=member, product_id=ball.pk, quantity=10)


def test_a_variant_of_another_product_is_not_found_and_variants_are_required() -> None:
    member = buyer_member()
    ball = product()
    ProductVariantFactory.create(product=ball)
    foreign = ProductVariantFactory.create()

    with pytest.raises(NotFound):
        cart_item_add(actor=member, product_id=ball.pk, variant_id=foreign.pk, quantity=10)
    with pytest.raises(VariantRequired):
        cart_item_add(actor=member, product_id=ball.pk, quantity=10)

    assert _items(member) == []


def test_samples_need_a_sample_offer_and_cost_the_sample_price() -> None:
    member = buyer_member()
    plain = product()
    sampled = product(sample_available=True, sample_price=Decimal("25.00"))

    with pytest.raises(SampleUnavailable):
        cart_item_add(actor=member, product_id=plain.pk, quantity=1, is_sample=True)
    item = cart_item_add(actor=member, product_id=sampled.pk, quantity=2, is_sample=True)

    assert (item.quantity, item.unit_price_seen, item.is_sample) == (2, Decimal("25.0000"), True)


def test_a_company_cannot_buy_its_own_products() -> None:
    supplier = supplier_company()
    member = buyer_member(Role.OWNER, company=supplier)
    ball = product(supplier)

    with pytest.raises(OwnProduct):
        cart_item_add(actor=member, product_id=ball.pk, quantity=10)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SALES])
def test_roles_without_place_orders_cannot_fill_a_cart(role: Role) -> None:
    member = buyer_member(role)
    ball = product()

    with pytest.raises(PermissionDenied):
        cart_item_add(actor=member, product_id=ball.pk, quantity=10)

    assert _items(member) == []


def test_the_cart_holds_a_limited_number_of_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(carts, "MAX_CART_LINES", 2)
    member = buyer_member()
    first, second, third = product(), product(), product()
    cart_item_add(actor=member, product_id=first.pk, quantity=10)
    cart_item_add(actor=member, product_id=second.pk, quantity=10)

    with pytest.raises(CartFull):
        cart_item_add(actor=member, product_id=third.pk, quantity=10)
    cart_item_add(actor=member, product_id=first.pk, quantity=10)  # an existing line grows

    assert [q for _, q, _ in _items(member)] == [20, 10]


def test_update_and_remove_reprice_the_products_other_lines() -> None:
    member = buyer_member()
    ball = product()
    red = ProductVariantFactory.create(product=ball)
    blue = ProductVariantFactory.create(product=ball)
    first = cart_item_add(actor=member, product_id=ball.pk, variant_id=red.pk, quantity=60)
    second = cart_item_add(actor=member, product_id=ball.pk, variant_id=blue.pk, quantity=60)

    cart_item_update(actor=member, item_id=first.pk, quantity=20)
    assert [price for _, _, price in _items(member)] == [Decimal("5.0000"), Decimal("5.0000")]
    cart_item_update(actor=member, item_id=first.pk, quantity=40)
    cart_item_remove(actor=member, item_id=second.pk)

    assert _items(member) == [(ball.pk, 40, Decimal("5.0000"))]


def test_another_members_item_is_not_found_and_left_alone() -> None:
    owner = buyer_member()
    colleague = buyer_member(company=owner.company)
    stranger = buyer_member()
    ball = product()
    item = cart_item_add(actor=owner, product_id=ball.pk, quantity=10)

    for intruder in (colleague, stranger):
        with pytest.raises(NotFound):
            cart_item_update(actor=intruder, item_id=item.pk, quantity=20)
        with pytest.raises(NotFound):
            cart_item_remove(actor=intruder, item_id=item.pk)

    assert _items(owner) == [(ball.pk, 10, Decimal("5.0000"))]


def test_the_review_shows_catalog_changes_without_accepting_them() -> None:
    member = buyer_member()
    ball = product(stock=200)
    cart_item_add(actor=member, product_id=ball.pk, quantity=100)
    ball.tiers.filter(min_quantity=100).update(unit_price=Decimal("4.20"))
    Product.objects.filter(pk=ball.pk).update(stock=80)

    review = cart_review_for_member(member)

    (line,) = review.lines
    assert line.price_changed
    assert (line.line.seen, line.unit_price) == (
        Money(Decimal("4.5"), "USD"),
        Money(Decimal("4.2"), "USD"),
    )
    assert review.stock_shortfalls == (line,)
    assert _items(member) == [(ball.pk, 100, Decimal("4.5000"))]  # unchanged by reading
