"""Pricing by quantity: examples, then the laws as hypothesis properties (Decimal only)."""

from datetime import date
from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tradebridge.catalog.pricing import (
    BelowMinimumOrder,
    InvalidLeadTime,
    InvalidPriceTiers,
    InvalidQuantity,
    NotOrderMultiple,
    PriceSchedule,
    Tier,
    lead_time_for_quantity,
    price_for_quantity,
    price_in_currency,
    validate_lead_time_steps,
    validate_tiers,
)
from tradebridge.core.fx import RatePoint, RateTable, RateUnavailable, convert
from tradebridge.core.money import InvalidCurrency, Money, minor_units

DAY = date(2026, 10, 30)
RATES = RateTable(
    source="ECB",
    as_of=DAY,
    points={
        "USD": [RatePoint(DAY, Decimal("1.1172"))],
        "JPY": [RatePoint(DAY, Decimal("175.68"))],
        "CNY": [RatePoint(DAY, Decimal("7.4326"))],
        "GBP": [RatePoint(DAY, Decimal("0.8338"))],
        "KWD": [RatePoint(DAY, Decimal("0.3551"))],
    },
)
CURRENCIES = ["EUR", "USD", "JPY", "CNY", "GBP", "KWD"]


def ball_schedule(**overrides: object) -> PriceSchedule:
    fields: dict[str, object] = {
        "currency": "USD",
        "tiers": (
            Tier(100, Decimal("4.20")),
            Tier(500, Decimal("3.90")),
            Tier(2000, Decimal("3.50")),
        ),
        "moq": 100,
    }
    fields.update(overrides)
    return PriceSchedule(**fields)  # type: ignore[arg-type]


# --- examples ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "unit", "total"),
    [
        (100, "4.20", "420.00"),
        (499, "4.20", "2095.80"),
        (500, "3.90", "1950.00"),
        (1999, "3.90", "7796.10"),
        (2000, "3.50", "7000.00"),
        (1_000_000, "3.50", "3500000.00"),
    ],
)
def test_a_quantity_pays_the_tier_whose_minimum_it_reaches(
    quantity: int, unit: str, total: str
) -> None:
    quote = price_for_quantity(ball_schedule(), quantity)

    assert quote.unit_price == Money(Decimal(unit), "USD")
    assert quote.total == Money(Decimal(total), "USD")
    assert quote.quantity == quantity


def test_the_total_is_rounded_half_up_to_the_minor_unit_and_the_unit_price_is_exact() -> None:
    schedule = ball_schedule(tiers=(Tier(1, Decimal("0.0125")),), moq=1)

    quote = price_for_quantity(schedule, 3)  # 0.0375

    assert quote.unit_price.amount == Decimal("0.0125")
    assert quote.total.amount == Decimal("0.04")


def test_below_the_moq_is_refused_with_the_moq() -> None:
    with pytest.raises(BelowMinimumOrder) as caught:
        price_for_quantity(ball_schedule(), 99)

    assert caught.value.code == "below_moq"
    assert caught.value.details == {"moq": 100, "quantity": 99}


def test_a_quantity_off_the_order_multiple_names_the_nearest_valid_one() -> None:
    schedule = ball_schedule(order_multiple=50, moq=100)

    with pytest.raises(NotOrderMultiple) as caught:
        price_for_quantity(schedule, 120)

    assert caught.value.code == "not_order_multiple"
    assert caught.value.details == {"order_multiple": 50, "quantity": 120, "nearest": 150}
    assert price_for_quantity(schedule, 150).total == Money(Decimal("630.00"), "USD")


@pytest.mark.parametrize("quantity", [0, -5])
def test_a_quantity_below_one_is_invalid(quantity: int) -> None:
    with pytest.raises(InvalidQuantity) as caught:
        price_for_quantity(ball_schedule(), quantity)

    assert caught.value.code == "invalid_quantity"


@pytest.mark.parametrize("value", [100.0, Decimal(100), "100", True])
def test_a_quantity_that_is_not_an_int_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        price_for_quantity(ball_schedule(), value)  # type: ignore[arg-type]


def test_a_float_price_is_refused_everywhere() -> None:
    with pytest.raises(TypeError):
        Tier(100, 4.2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Tier(100.0, Decimal("4.2"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ball_schedule(moq=100.0)
    quote = price_for_quantity(ball_schedule(), 100)
    with pytest.raises(TypeError):
        quote.unit_price * 1.5  # type: ignore[operator]


@pytest.mark.parametrize(
    ("tiers", "index", "reason"),
    [
        ((), None, "At least one price tier is required."),
        ((Tier(0, Decimal(1)),), 0, "A tier's minimum quantity must be at least 1."),
        ((Tier(1, Decimal(0)),), 0, "A tier's unit price must be a positive amount."),
        ((Tier(1, Decimal(-2)),), 0, "A tier's unit price must be a positive amount."),
        ((Tier(1, Decimal("NaN")),), 0, "A tier's unit price must be a positive amount."),
        ((Tier(1, Decimal("Infinity")),), 0, "A tier's unit price must be a positive amount."),
        ((Tier(1, Decimal("1e17")),), 0, "A tier's unit price must be a positive amount."),
        ((Tier(1, Decimal("1.00001")),), 0, "A unit price has at most 4 decimal places."),
        (
            (Tier(10, Decimal(2)), Tier(10, Decimal(1))),
            1,
            "Tier quantities must be strictly ascending.",
        ),
        (
            (Tier(10, Decimal(2)), Tier(5, Decimal(1))),
            1,
            "Tier quantities must be strictly ascending.",
        ),
        (
            (Tier(10, Decimal(2)), Tier(50, Decimal("2.01"))),
            1,
            "A larger quantity cannot cost more per unit than a smaller one.",
        ),
    ],
)
def test_bad_tiers_are_refused_naming_the_field_and_tier(
    tiers: tuple[Tier, ...], index: int | None, reason: str
) -> None:
    with pytest.raises(InvalidPriceTiers) as caught:
        validate_tiers(tiers)

    assert caught.value.code == "invalid_price_tiers"
    assert caught.value.message == reason
    assert caught.value.details.get("field") == "tiers"
    assert caught.value.details.get("index") == index


def test_equal_prices_and_trailing_zeros_are_allowed() -> None:
    validate_tiers((Tier(10, Decimal("2.500000")), Tier(50, Decimal("2.5"))))


def test_the_moq_must_be_reachable_by_a_tier_and_a_multiple_of_the_order_multiple() -> None:
    with pytest.raises(InvalidPriceTiers) as below:
        ball_schedule(moq=50)
    with pytest.raises(InvalidPriceTiers) as off:
        ball_schedule(moq=120, order_multiple=50)
    with pytest.raises(InvalidPriceTiers) as zero:
        ball_schedule(order_multiple=0)
    with pytest.raises(InvalidCurrency):
        ball_schedule(currency="XYZ")

    assert below.value.details["field"] == off.value.details["field"] == "moq"
    assert zero.value.details["field"] == "order_multiple"


def test_a_moq_above_the_lowest_tier_is_fine() -> None:
    quote = price_for_quantity(ball_schedule(moq=300), 300)

    assert quote.tier == Tier(100, Decimal("4.20"))


def test_conversion_records_the_rate_and_rounds_the_total_once() -> None:
    schedule = ball_schedule(currency="CNY", tiers=(Tier(1, Decimal("0.0333")),), moq=1)
    quote = price_for_quantity(schedule, 3)  # exact 0.0999 CNY, rounded 0.10

    converted = price_in_currency(quote, "USD", RATES)

    rate = Decimal("1.1172") / Decimal("7.4326")
    assert converted.rate == rate
    assert (converted.rate_date, converted.rate_source) == (DAY, "ECB")
    with localcontext() as context:
        context.prec = 28
        expected_total = Decimal("0.0999") * Decimal("1.1172") / Decimal("7.4326")
    assert (
        converted.total == Money(expected_total, "USD").rounded() == Money(Decimal("0.02"), "USD")
    )
    assert converted.original is quote
    assert converted.tier == quote.tier


def test_conversion_without_a_rate_raises() -> None:
    quote = price_for_quantity(ball_schedule(), 100)

    with pytest.raises(RateUnavailable):
        price_in_currency(quote, "BRL", RATES)


def test_conversion_to_the_same_currency_changes_nothing() -> None:
    quote = price_for_quantity(ball_schedule(), 777)

    converted = price_in_currency(quote, "USD", RATES)

    assert (converted.unit_price, converted.total, converted.rate) == (
        quote.unit_price,
        quote.total,
        Decimal(1),
    )


@pytest.mark.parametrize(
    ("quantity", "days"),
    [(1, 15), (499, 15), (500, 25), (4999, 25), (5000, 40), (10**6, 40)],
)
def test_lead_time_grows_by_quantity_steps(quantity: int, days: int) -> None:
    assert lead_time_for_quantity(15, [(500, 25), (5000, 40)], quantity) == days


def test_lead_time_unknown_without_base_or_reached_step() -> None:
    assert lead_time_for_quantity(None, [], 10) is None
    assert lead_time_for_quantity(None, [(500, 25)], 10) is None
    assert lead_time_for_quantity(None, [(500, 25)], 500) == 25


@pytest.mark.parametrize(
    ("base", "steps", "index"),
    [
        (15, [(500, 25), (500, 30)], 1),
        (15, [(500, 25), (100, 30)], 1),
        (15, [(0, 25)], 0),
        (15, [(500, 10)], 0),
        (None, [(500, 30), (1000, 20)], 1),
        (None, [(500, -1)], 0),
    ],
)
def test_bad_lead_time_steps_are_refused(
    base: int | None, steps: list[tuple[int, int]], index: int
) -> None:
    with pytest.raises(InvalidLeadTime) as caught:
        validate_lead_time_steps(base, steps)

    assert caught.value.code == "invalid_lead_time"
    assert caught.value.details == {"field": "lead_time_steps", "index": index}


def test_good_lead_time_steps_pass() -> None:
    validate_lead_time_steps(15, [(500, 15), (5000, 40)])
    validate_lead_time_steps(None, [])


# --- properties -------------------------------------------------------------------------

prices = st.decimals(
    min_value=Decimal("0.0001"),
    max_value=Decimal(100000),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


@st.composite
def schedules(draw: st.DrawFn) -> PriceSchedule:
    """Valid schedules: 1-6 tiers, ascending quantities, non-increasing unit prices."""
    count = draw(st.integers(min_value=1, max_value=6))
    quantities = sorted(
        draw(st.sets(st.integers(min_value=1, max_value=100_000), min_size=count, max_size=count))
    )
    unit_prices = sorted(draw(st.lists(prices, min_size=count, max_size=count)), reverse=True)
    tiers = tuple(Tier(q, p) for q, p in zip(quantities, unit_prices, strict=True))
    multiple = draw(st.sampled_from([1, 1, 2, 5, 12]))
    moq = -(-quantities[0] // multiple) * multiple
    currency = draw(st.sampled_from(CURRENCIES))
    return PriceSchedule(currency=currency, tiers=tiers, moq=moq, order_multiple=multiple)


@given(schedule=schedules(), data=st.data())
def test_totals_never_fall_when_quantity_rises_within_a_tier(
    schedule: PriceSchedule, data: st.DataObject
) -> None:
    multiple = schedule.order_multiple
    low = data.draw(st.integers(min_value=schedule.moq // multiple, max_value=200_000))
    step = data.draw(st.integers(min_value=1, max_value=1000))
    small, large = low * multiple, (low + step) * multiple
    small_quote = price_for_quantity(schedule, small)
    large_quote = price_for_quantity(schedule, large)
    assume(small_quote.tier == large_quote.tier)

    assert large_quote.total >= small_quote.total
    assert large_quote.unit_price == small_quote.unit_price


@given(schedule=schedules(), data=st.data())
def test_the_unit_price_never_rises_with_quantity(
    schedule: PriceSchedule, data: st.DataObject
) -> None:
    multiple = schedule.order_multiple
    low = data.draw(st.integers(min_value=schedule.moq // multiple, max_value=200_000))
    high = data.draw(st.integers(min_value=low, max_value=400_000))

    small_quote = price_for_quantity(schedule, low * multiple)
    large_quote = price_for_quantity(schedule, high * multiple)

    assert large_quote.unit_price <= small_quote.unit_price
    assert large_quote.tier.min_quantity >= small_quote.tier.min_quantity


@given(schedule=schedules(), data=st.data())
def test_the_chosen_tier_is_the_last_one_reached(
    schedule: PriceSchedule, data: st.DataObject
) -> None:
    multiple = schedule.order_multiple
    quantity = multiple * data.draw(st.integers(schedule.moq // multiple, 300_000))

    quote = price_for_quantity(schedule, quantity)

    reached = [tier for tier in schedule.tiers if tier.min_quantity <= quantity]
    assert quote.tier == reached[-1]
    assert quote.total == Money(quote.tier.unit_price * quantity, schedule.currency).rounded()
    assert isinstance(quote.total.amount, Decimal)
    assert isinstance(quote.unit_price.amount, Decimal)


@given(
    amount=prices,
    quantity=st.integers(min_value=1, max_value=100_000),
    source=st.sampled_from(CURRENCIES),
    target=st.sampled_from(CURRENCIES),
)
def test_a_round_trip_comes_back_within_rounding(
    amount: Decimal, quantity: int, source: str, target: str
) -> None:
    schedule = PriceSchedule(currency=source, tiers=(Tier(1, amount),), moq=1)
    quote = price_for_quantity(schedule, quantity)

    there = price_in_currency(quote, target, RATES)
    back = convert(there.unit_price, source, RATES).result

    # The exact unit price comes back to 28 significant digits; totals within one minor unit.
    assert abs(back.amount - quote.unit_price.amount) <= quote.unit_price.amount * Decimal("1e-20")
    back_total = convert(there.unit_price * quantity, source, RATES).result.rounded()
    minor = Decimal(1).scaleb(-minor_units(source))
    assert abs(back_total.amount - quote.total.amount) <= minor


@given(
    amount=prices,
    quantity=st.integers(min_value=1, max_value=100_000),
    source=st.sampled_from(CURRENCIES),
    target=st.sampled_from(CURRENCIES),
)
def test_a_cross_rate_equals_going_through_the_euro(
    amount: Decimal, quantity: int, source: str, target: str
) -> None:
    schedule = PriceSchedule(currency=source, tiers=(Tier(1, amount),), moq=1)
    quote = price_for_quantity(schedule, quantity)

    direct = price_in_currency(quote, target, RATES)
    via_eur = convert(convert(quote.unit_price, "EUR", RATES).result, target, RATES).result

    assert abs(direct.unit_price.amount - via_eur.amount) <= via_eur.amount * Decimal("1e-20")
    from_unit = Money(direct.unit_price.amount * quantity, target).rounded()
    assert abs(direct.total.amount - from_unit.amount) <= Decimal(1).scaleb(-minor_units(target))


@given(
    amount=prices,
    small=st.integers(min_value=1, max_value=50_000),
    extra=st.integers(min_value=0, max_value=50_000),
    target=st.sampled_from(CURRENCIES),
)
def test_converted_totals_never_fall_within_a_tier(
    amount: Decimal, small: int, extra: int, target: str
) -> None:
    schedule = PriceSchedule(currency="CNY", tiers=(Tier(1, amount),), moq=1)

    low = price_in_currency(price_for_quantity(schedule, small), target, RATES)
    high = price_in_currency(price_for_quantity(schedule, small + extra), target, RATES)

    assert high.total >= low.total
