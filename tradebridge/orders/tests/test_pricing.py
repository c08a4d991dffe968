"""The pure cart review (`orders.pricing`): tiers from summed quantities, MOQ and multiples,
samples, price changes, stock shortfalls, groups per supplier and currency."""

import uuid
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradebridge.catalog.pricing import PriceSchedule, Tier
from tradebridge.core.money import Money
from tradebridge.orders.pricing import (
    CartLine,
    LineProblem,
    ProductOffer,
    cart_review,
    unit_price_for,
)

SUPPLIER_A = uuid.UUID(int=1)
SUPPLIER_B = uuid.UUID(int=2)
SCHEDULE = PriceSchedule(
    currency="USD",
    tiers=(Tier(10, Decimal("5.00")), Tier(100, Decimal("4.50")), Tier(500, Decimal("4.00"))),
    moq=10,
    order_multiple=10,
)


def _offer(product_id: uuid.UUID, **fields: object) -> ProductOffer:
    values: dict[str, object] = {
        "product_id": product_id,
        "supplier_id": SUPPLIER_A,
        "supplier_name": "Supplier A",
        "schedule": SCHEDULE,
        "sample_price": Decimal("12.00"),
    }
    values.update(fields)
    return ProductOffer(**values)  # type: ignore[arg-type]


def _line(product_id: uuid.UUID, quantity: int, **fields: object) -> CartLine:
    values: dict[str, object] = {
        "item_id": uuid.uuid4(),
        "product_id": product_id,
        "variant_id": None,
        "quantity": quantity,
        "is_sample": False,
        "seen": Money(Decimal("5.00"), "USD"),
        "stock": None,
    }
    values.update(fields)
    return CartLine(**values)  # type: ignore[arg-type]


def test_tier_comes_from_the_sum_over_variants() -> None:
    product = uuid.uuid4()
    red, blue = uuid.uuid4(), uuid.uuid4()
    lines = [_line(product, 60, variant_id=red), _line(product, 60, variant_id=blue)]

    review = cart_review(lines, {product: _offer(product)})

    assert [line.unit_price for line in review.lines] == [Money(Decimal("4.50"), "USD")] * 2
    assert [line.line_total for line in review.lines] == [Money(Decimal("270.00"), "USD")] * 2
    assert review.groups[0].total == Money(Decimal("540.00"), "USD")
    assert not review.has_problems


def test_moq_and_multiple_are_judged_on_the_sum() -> None:
    product = uuid.uuid4()
    below = cart_review(
        [_line(product, 5, variant_id=uuid.uuid4()), _line(product, 4, variant_id=uuid.uuid4())],
        {product: _offer(product)},
    )
    uneven = cart_review([_line(product, 15)], {product: _offer(product)})

    assert [line.problems for line in below.lines] == [
        (LineProblem("below_moq", {"moq": 10, "quantity": 9}),)
    ] * 2
    assert below.lines[0].unit_price == Money(Decimal("5.00"), "USD")
    assert uneven.lines[0].problems == (
        LineProblem("not_order_multiple", {"order_multiple": 10, "quantity": 15, "nearest": 20}),
    )
    assert len(below.quantity_problems) == 2


def test_samples_cost_the_sample_price_and_skip_the_moq_and_the_tier_sum() -> None:
    product = uuid.uuid4()
    lines = [_line(product, 2, is_sample=True), _line(product, 100)]

    review = cart_review(lines, {product: _offer(product)})

    sample, bulk = review.lines
    assert sample.unit_price == Money(Decimal("12.00"), "USD")
    assert sample.problems == ()
    assert bulk.unit_price == Money(Decimal("4.50"), "USD")  # the sample does not count


def test_a_sample_of_a_product_without_samples_is_a_problem() -> None:
    product = uuid.uuid4()

    review = cart_review(
        [_line(product, 1, is_sample=True)], {product: _offer(product, sample_price=None)}
    )

    assert review.lines[0].problems == (LineProblem("sample_unavailable"),)


def test_price_changes_compare_with_what_was_seen() -> None:
    product = uuid.uuid4()
    seen_dearer = _line(product, 100, seen=Money(Decimal("4.80"), "USD"))

    review = cart_review([seen_dearer], {product: _offer(product)})

    assert review.price_changes == review.lines
    assert review.lines[0].line.seen == Money(Decimal("4.80"), "USD")


def test_stock_is_summed_per_row_samples_included() -> None:
    product = uuid.uuid4()
    lines = [_line(product, 20, stock=21), _line(product, 2, is_sample=True, stock=21)]

    review = cart_review(lines, {product: _offer(product)})

    expected = LineProblem("insufficient_stock", {"available": 21, "requested": 22})
    assert [line.problems for line in review.lines] == [(expected,), (expected,)]
    assert review.stock_shortfalls == review.lines


def test_unavailable_lines_are_marked_and_left_out_of_the_totals() -> None:
    sold, gone = uuid.uuid4(), uuid.uuid4()

    review = cart_review(
        [_line(sold, 10), _line(gone, 10)],
        {sold: _offer(sold), gone: _offer(gone, available=False)},
    )

    assert [line.available for line in review.lines] == [True, False]
    assert review.groups[0].total == Money(Decimal("50.00"), "USD")
    assert review.unavailable == (review.lines[1],)


def test_groups_per_supplier_and_currency_in_first_seen_order() -> None:
    a, b, a_eur = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    eur = PriceSchedule(currency="EUR", tiers=(Tier(1, Decimal("2.00")),), moq=1)
    offers = {
        a: _offer(a),
        b: _offer(b, supplier_id=SUPPLIER_B, supplier_name="Supplier B"),
        a_eur: _offer(a_eur, schedule=eur),
    }

    review = cart_review(
        [
            _line(b, 10),
            _line(a, 10),
            _line(a_eur, 3, seen=Money(Decimal(2), "EUR")),
            _line(a, 10, variant_id=uuid.uuid4()),
        ],
        offers,
    )

    assert [(g.supplier_id, g.currency, len(g.lines)) for g in review.groups] == [
        (SUPPLIER_B, "USD", 1),
        (SUPPLIER_A, "USD", 2),
        (SUPPLIER_A, "EUR", 1),
    ]
    assert review.groups[2].total == Money(Decimal("6.00"), "EUR")


def test_an_empty_cart_has_no_groups() -> None:
    review = cart_review([], {})

    assert review.is_empty
    assert not review.has_problems


# --- laws ---------------------------------------------------------------------------------

# The machine is shared: time is not what these laws are about.
UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
quantities = st.lists(st.integers(min_value=1, max_value=2_000), min_size=1, max_size=6)


@UNTIMED
@given(quantities)
def test_splitting_a_quantity_across_variants_never_changes_the_unit_price(
    parts: list[int],
) -> None:
    product = uuid.uuid4()
    split = cart_review(
        [_line(product, q, variant_id=uuid.uuid4()) for q in parts], {product: _offer(product)}
    )
    whole = cart_review([_line(product, sum(parts))], {product: _offer(product)})

    assert {line.unit_price for line in split.lines} == {whole.lines[0].unit_price}
    assert all(line.problems == whole.lines[0].problems for line in split.lines)


@UNTIMED
@given(st.integers(min_value=1, max_value=5_000), st.integers(min_value=0, max_value=5_000))
def test_more_units_never_cost_more_per_unit(quantity: int, more: int) -> None:
    assert unit_price_for(SCHEDULE, quantity + more) <= unit_price_for(SCHEDULE, quantity)


@UNTIMED
@given(quantities)
def test_a_group_total_is_the_sum_of_its_rounded_lines(parts: list[int]) -> None:
    product = uuid.uuid4()
    review = cart_review(
        [_line(product, q, variant_id=uuid.uuid4()) for q in parts], {product: _offer(product)}
    )

    group = review.groups[0]
    assert group.total == Money.total((line.line_total for line in group.lines), currency="USD")
    assert all(
        line.line_total == (line.unit_price * line.line.quantity).rounded() for line in group.lines
    )


@UNTIMED
@given(quantities, st.integers(min_value=0, max_value=10_000))
def test_a_row_falls_short_exactly_when_its_summed_demand_exceeds_its_stock(
    parts: list[int], stock: int
) -> None:
    product = uuid.uuid4()
    review = cart_review(
        [_line(product, q, stock=stock) for q in parts], {product: _offer(product)}
    )

    assert bool(review.stock_shortfalls) is (sum(parts) > stock)
