from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.core.fx import (
    Conversion,
    RatePoint,
    RateTable,
    RateUnavailable,
    business_days_between,
    convert,
    rates_are_stale,
)
from tradebridge.core.money import InvalidCurrency, Money

FRIDAY = date(2026, 10, 30)
MONDAY = date(2026, 11, 2)

TABLE = RateTable(
    source="ECB",
    as_of=FRIDAY,
    points={
        "USD": [
            RatePoint(FRIDAY - timedelta(days=1), Decimal("1.1130")),
            RatePoint(FRIDAY, Decimal("1.1172")),
        ],
        "JPY": [RatePoint(FRIDAY, Decimal("175.68"))],
        "CNY": [RatePoint(FRIDAY, Decimal("7.4326"))],
        "GBP": [RatePoint(FRIDAY, Decimal("0.8338"))],
    },
)


def test_euro_to_another_currency_multiplies_by_its_rate():
    conversion = convert(Money(Decimal(100), "EUR"), "USD", TABLE)

    assert conversion == Conversion(
        source=Money(Decimal(100), "EUR"),
        result=Money(Decimal("111.72"), "USD"),
        rate=Decimal("1.1172"),
        rate_date=FRIDAY,
        rate_source="ECB",
    )


def test_into_euro_divides_by_the_rate():
    conversion = convert(Money(Decimal("111.72"), "USD"), "EUR", TABLE)

    assert conversion.result == Money(Decimal(100), "EUR")


def test_a_cross_rate_goes_through_the_euro():
    conversion = convert(Money(Decimal(1000), "CNY"), "USD", TABLE)

    assert conversion.rate == Decimal("1.1172") / Decimal("7.4326")
    assert conversion.result.rounded() == Money(Decimal("150.31"), "USD")


def test_the_result_is_not_rounded_until_asked():
    conversion = convert(Money(Decimal(1), "USD"), "JPY", TABLE)

    assert conversion.result.amount == Decimal("175.68") / Decimal("1.1172")
    assert conversion.result.rounded() == Money(Decimal(157), "JPY")


def test_same_currency_is_the_identity():
    money = Money(Decimal("12.34"), "GBP")

    conversion = convert(money, "GBP", TABLE)

    assert (conversion.result, conversion.rate, conversion.rate_date) == (money, Decimal(1), FRIDAY)


def test_an_earlier_date_uses_the_rate_in_force_then():
    conversion = convert(Money(Decimal(100), "EUR"), "USD", TABLE, on=FRIDAY - timedelta(days=1))

    assert conversion.result == Money(Decimal("111.30"), "USD")
    assert conversion.rate_date == FRIDAY - timedelta(days=1)


def test_over_a_weekend_the_last_published_rate_applies():
    conversion = convert(Money(Decimal(100), "EUR"), "USD", TABLE, on=MONDAY + timedelta(days=4))

    assert conversion.rate_date == FRIDAY
    assert conversion.result == Money(Decimal("111.72"), "USD")


def test_a_rate_older_than_the_look_back_is_unavailable():
    with pytest.raises(RateUnavailable) as error:
        convert(Money(Decimal(100), "EUR"), "USD", TABLE, on=FRIDAY + timedelta(days=8))

    assert error.value.details == {"currency": "USD", "on": "2026-11-07", "max_age_days": 7}
    assert error.value.code == "fx_rate_unavailable"


def test_no_rate_before_the_first_point_is_unavailable():
    with pytest.raises(RateUnavailable):
        convert(Money(Decimal(100), "EUR"), "JPY", TABLE, on=FRIDAY - timedelta(days=1))


def test_a_currency_without_rates_is_unavailable():
    with pytest.raises(RateUnavailable) as error:
        convert(Money(Decimal(100), "CHF"), "EUR", TABLE)

    assert error.value.details["currency"] == "CHF"


def test_the_cross_rate_date_is_the_older_leg():
    conversion = convert(Money(Decimal(1), "USD"), "GBP", TABLE, on=FRIDAY)

    assert conversion.rate_date == FRIDAY


def test_an_unknown_target_currency_is_invalid():
    with pytest.raises(InvalidCurrency):
        convert(Money(Decimal(1), "EUR"), "XYZ", TABLE)


rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(50000), places=4)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2)


def _table(rate_a, rate_b):
    return RateTable(
        source="ECB",
        as_of=FRIDAY,
        points={"USD": [RatePoint(FRIDAY, rate_a)], "JPY": [RatePoint(FRIDAY, rate_b)]},
    )


def _close(x: Decimal, y: Decimal) -> bool:
    return abs(x - y) <= abs(y) * Decimal("1e-20")


@given(amounts, rates, rates)
def test_a_cross_rate_equals_converting_through_the_euro(amount, rate_a, rate_b):
    table = _table(rate_a, rate_b)
    money = Money(amount, "USD")

    direct = convert(money, "JPY", table).result
    via_euro = convert(convert(money, "EUR", table).result, "JPY", table).result

    assert _close(direct.amount, via_euro.amount)


@given(amounts, rates, rates)
def test_there_and_back_returns_the_amount(amount, rate_a, rate_b):
    table = _table(rate_a, rate_b)
    money = Money(amount, "USD")

    back = convert(convert(money, "JPY", table).result, "USD", table).result

    assert _close(back.amount, amount)
    assert back.rounded() == money


@given(rates, rates)
def test_the_reverse_rate_is_the_inverse(rate_a, rate_b):
    table = _table(rate_a, rate_b)
    one = Money(Decimal(1), "USD")

    forward = convert(one, "JPY", table).rate
    backward = convert(Money(Decimal(1), "JPY"), "USD", table).rate

    assert _close(forward * backward, Decimal(1))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 12, 4), date(2026, 12, 4), 0),  # the same day
        (date(2026, 12, 4), date(2026, 12, 7), 1),  # Friday -> Monday
        (date(2026, 12, 4), date(2026, 12, 12), 5),  # Friday -> the next Saturday
        (date(2026, 10, 30), date(2026, 12, 7), 26),
        (date(2026, 12, 7), date(2026, 12, 4), 0),  # backwards
    ],
)
def test_business_days_between_counts_weekdays_after_the_start(start, end, expected):
    assert business_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("newest", "today", "stale"),
    [
        (date(2026, 12, 4), date(2026, 12, 7), False),  # Friday's rates on Monday
        (date(2026, 12, 2), date(2026, 12, 7), False),  # 3 business days
        (date(2026, 12, 1), date(2026, 12, 7), True),  # 4 business days
        (None, date(2026, 12, 7), True),
    ],
)
def test_rates_are_stale_after_three_business_days(newest, today, stale):
    assert rates_are_stale(newest, today=today) is stale
