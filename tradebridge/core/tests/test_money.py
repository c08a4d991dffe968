from decimal import Decimal

import pytest
from babel import UnknownLocaleError
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.core.money import (
    CurrencyMismatch,
    InvalidAmount,
    InvalidCurrency,
    Money,
    is_currency,
    minor_units,
)

CURRENCIES = ["EUR", "USD", "JPY", "KWD", "CNY", "GBP", "CLF"]
amounts = st.decimals(
    min_value=Decimal(-1000000000),
    max_value=Decimal(1000000000),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)
currencies = st.sampled_from(CURRENCIES)
factors = st.integers(min_value=-10000, max_value=10000) | st.decimals(
    min_value=-1000, max_value=1000, places=3, allow_nan=False, allow_infinity=False
)


@st.composite
def money(draw, currency=None):
    return Money(draw(amounts), currency or draw(currencies))


@st.composite
def same_currency_pair(draw):
    currency = draw(currencies)
    return draw(money(currency)), draw(money(currency))


@pytest.mark.parametrize(
    ("currency", "digits"), [("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3), ("CLF", 4), ("CNY", 2)]
)
def test_minor_units_follow_iso_4217(currency, digits):
    assert minor_units(currency) == digits


@pytest.mark.parametrize("code", ["EUR", "USD", "CNY", "ROL", "XAU"])
def test_known_iso_codes_are_currencies(code):
    assert is_currency(code) is True


@pytest.mark.parametrize("code", ["eur", "EU", "EURO", "ABC", "", "123"])
def test_other_strings_are_not_currencies(code):
    assert is_currency(code) is False
    with pytest.raises(InvalidCurrency):
        Money(Decimal(1), code)


def test_float_amounts_are_refused():
    with pytest.raises(TypeError):
        Money(1.5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.of(1.5, "EUR")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_non_finite_amounts_are_refused(value):
    with pytest.raises(InvalidAmount):
        Money(value, "EUR")


def test_int_amounts_become_decimals():
    money = Money(12, "EUR")  # type: ignore[arg-type]

    assert money.amount == Decimal(12)
    assert isinstance(money.amount, Decimal)


def test_bool_is_not_an_amount():
    with pytest.raises(TypeError):
        Money(True, "EUR")  # type: ignore[arg-type]


def test_of_parses_wire_input():
    assert Money.of(" 12.50 ", "eur") == Money(Decimal("12.50"), "EUR")
    with pytest.raises(InvalidAmount):
        Money.of("twelve", "EUR")


def test_mixing_currencies_raises_currency_mismatch():
    eur, usd = Money(Decimal(1), "EUR"), Money(Decimal(1), "USD")

    for operation in (
        lambda: eur + usd,
        lambda: eur - usd,
        lambda: eur < usd,
        lambda: eur <= usd,
        lambda: eur > usd,
        lambda: eur >= usd,
    ):
        with pytest.raises(CurrencyMismatch) as error:
            operation()
        assert error.value.details == {"left": "EUR", "right": "USD"}
        assert error.value.code == "currency_mismatch"


def test_money_in_different_currencies_is_unequal_but_comparable_for_equality():
    assert Money(Decimal(1), "EUR") != Money(Decimal(1), "USD")
    assert Money(Decimal("1.0"), "EUR") == Money(Decimal("1.00"), "EUR")
    assert hash(Money(Decimal("1.0"), "EUR")) == hash(Money(Decimal("1.00"), "EUR"))


@pytest.mark.parametrize("other", [1.5, 2, Decimal(2), "2"])
def test_adding_a_non_money_raises_type_error(other):
    with pytest.raises(TypeError):
        Money(Decimal(1), "EUR") + other


@pytest.mark.parametrize("factor", [1.5, True, "2", Money(Decimal(2), "EUR")])
def test_multiplying_by_anything_but_int_or_decimal_raises_type_error(factor):
    with pytest.raises(TypeError):
        Money(Decimal(1), "EUR") * factor


def test_multiplication_is_exact_and_works_from_both_sides():
    price = Money(Decimal("4.2035"), "USD")

    assert price * 3 == Money(Decimal("12.6105"), "USD")
    assert 3 * price == price * 3
    assert price * Decimal("0.5") == Money(Decimal("2.10175"), "USD")


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("2.345", "EUR", "2.35"),
        ("2.344999", "EUR", "2.34"),
        ("-2.345", "EUR", "-2.35"),
        ("0.5", "JPY", "1"),
        ("1.0005", "KWD", "1.001"),
        ("7", "EUR", "7.00"),
    ],
)
def test_rounded_is_half_up_to_the_minor_unit(amount, currency, expected):
    assert Money.of(amount, currency).rounded().as_dict()["amount"] == expected


def test_arithmetic_never_rounds_on_its_own():
    third = Money(Decimal("0.001"), "EUR")

    assert (third * 5).amount == Decimal("0.005")


@pytest.mark.parametrize(
    ("money", "expected"),
    [
        (Money(Decimal("12.5"), "EUR"), {"amount": "12.50", "currency": "EUR"}),
        (Money(Decimal("4.2035"), "USD"), {"amount": "4.2035", "currency": "USD"}),
        (Money(Decimal("1E+3"), "JPY"), {"amount": "1000", "currency": "JPY"}),
        (Money(Decimal(0), "KWD"), {"amount": "0.000", "currency": "KWD"}),
        (Money(Decimal(-3), "EUR"), {"amount": "-3.00", "currency": "EUR"}),
    ],
)
def test_as_dict_is_the_wire_form(money, expected):
    assert money.as_dict() == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en_US", "€1,234.50"), ("de_DE", "1.234,50\xa0€"), ("fr_FR", "1\u202f234,50\xa0€")],
)
def test_format_is_localised_and_rounded(locale, expected):
    assert Money(Decimal("1234.499"), "EUR").format(locale) == expected


def test_format_of_yen_has_no_decimals():
    assert Money(Decimal("1234.5"), "JPY").format("ja_JP") == "￥1,235"


def test_format_alternating_locales_keeps_each_ones_form():
    price = Money(Decimal("1234.5"), "EUR")

    shown = [price.format(locale) for locale in ["de_DE", "en_US", "de_DE", "en_US"]]

    assert shown == ["1.234,50\xa0€", "€1,234.50", "1.234,50\xa0€", "€1,234.50"]


@pytest.mark.parametrize("locale", ["xx_XX", "de-DE"])
def test_format_refuses_an_unknown_locale_every_time(locale):
    for _attempt in range(2):
        with pytest.raises((UnknownLocaleError, ValueError)):
            Money(Decimal(1), "EUR").format(locale)


def test_total_sums_one_currency_and_refuses_another():
    items = [Money(Decimal("1.10"), "EUR"), Money(Decimal("2.20"), "EUR")]

    assert Money.total(items, currency="EUR") == Money(Decimal("3.30"), "EUR")
    assert Money.total([], currency="JPY") == Money.zero("JPY")
    with pytest.raises(CurrencyMismatch):
        Money.total([*items, Money(Decimal(1), "USD")], currency="EUR")


def test_negation_and_absolute_value():
    assert -Money(Decimal("2.5"), "EUR") == Money(Decimal("-2.5"), "EUR")
    assert abs(Money(Decimal("-2.5"), "EUR")) == Money(Decimal("2.5"), "EUR")
    assert Money.zero("EUR").is_zero() is True


@given(same_currency_pair())
def test_addition_commutes(pair):
    a, b = pair
    assert a + b == b + a


@given(st.data())
def test_addition_associates(data):
    currency = data.draw(currencies)
    a, b, c = (data.draw(money(currency)) for _ in range(3))
    assert (a + b) + c == a + (b + c)


@given(money())
def test_adding_the_negation_gives_zero(a):
    assert a + (-a) == Money.zero(a.currency)
    negated = -a
    assert -negated == a


@given(same_currency_pair())
def test_subtraction_is_adding_the_negation(pair):
    a, b = pair
    assert a - b == a + (-b)
    assert (a - b) + b == a


@given(money(), factors, factors)
def test_multiplication_associates(a, k, m):
    assert (a * k) * m == a * (k * m)


@given(same_currency_pair(), factors)
def test_multiplication_distributes_over_addition(pair, k):
    a, b = pair
    assert (a + b) * k == a * k + b * k


@given(same_currency_pair())
def test_order_agrees_with_amounts(pair):
    a, b = pair
    assert (a < b) == (a.amount < b.amount)
    assert (a <= b) == (not a > b)
    assert (a >= b) == (not a < b)


@given(money())
def test_rounding_is_idempotent_and_within_half_a_minor_unit(a):
    once = a.rounded()
    half_unit = Decimal(1).scaleb(-minor_units(a.currency)) / 2
    assert once.rounded() == once
    assert abs(once.amount - a.amount) <= half_unit
    assert once.amount.as_tuple().exponent == -minor_units(a.currency)


@given(money())
def test_wire_form_round_trips_exactly(a):
    wire = a.as_dict()
    assert Money.of(wire["amount"], wire["currency"]) == a


def test_minor_units_of_an_unknown_code_is_invalid():
    with pytest.raises(InvalidCurrency) as error:
        minor_units("XYZ")

    assert error.value.details == {"currency": "XYZ"}


def test_str_is_the_wire_amount_and_code():
    assert str(Money(Decimal("12.5"), "EUR")) == "12.50 EUR"
