"""Quote comparison: examples, then its laws as hypothesis properties (no database)."""

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, localcontext
from uuid import UUID

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradebridge.companies.enums import VerificationLevel
from tradebridge.core.fx import RatePoint, RateTable, RateUnavailable, convert
from tradebridge.core.money import InvalidCurrency, Money
from tradebridge.rfq.comparison import (
    LOWER_IS_BETTER,
    Basis,
    Column,
    ComparisonRow,
    CostLine,
    FrozenRate,
    QuoteTerms,
    QuoteTier,
    SupplierFacts,
    applicable_tier,
    compare_quotes,
    display_unit_price,
    order_rows,
    price_row,
)

# Property tests never fail on time: a loaded machine is slow, not wrong.
UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

DAY = date(2026, 12, 4)
SUBMITTED = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
RATES = {
    "USD": Decimal("1.1172"),
    "JPY": Decimal("175.68"),
    "CNY": Decimal("7.4326"),
    "GBP": Decimal("0.8338"),
    "KWD": Decimal("0.3551"),
}
CURRENCIES = ["EUR", *RATES]


def frozen(*codes: str, day: date = DAY) -> tuple[FrozenRate, ...]:
    return tuple(FrozenRate(code, RATES[code], day, "ECB") for code in codes if code != "EUR")


def facts(slug: str = "acme", **overrides: object) -> SupplierFacts:
    fields: dict[str, object] = {
        "name": slug.title(),
        "slug": slug,
        "verification_level": VerificationLevel.EMAIL_VERIFIED.value,
    }
    fields.update(overrides)
    return SupplierFacts(**fields)  # type: ignore[arg-type]


def quote(n: int = 1, **overrides: object) -> QuoteTerms:
    currency = str(overrides.get("currency", "USD"))
    fields: dict[str, object] = {
        "quote_id": UUID(int=n),
        "revision": 1,
        "submitted_at": SUBMITTED + timedelta(minutes=n),
        "supplier": facts(f"supplier-{n}"),
        "currency": currency,
        "tiers": (
            QuoteTier(100, Decimal("4.20")),
            QuoteTier(500, Decimal("3.90")),
            QuoteTier(2000, Decimal("3.50")),
        ),
        "moq": 100,
        "lead_time_days": 30,
        "incoterm": "FOB",
        "named_place": "Shanghai",
        "deposit_percent": Decimal(30),
        "balance_due": "before_shipment",
        "valid_until": date(2027, 1, 31),
        "rates": frozen(currency, "EUR"),
    }
    fields.update(overrides)
    return QuoteTerms(**fields)  # type: ignore[arg-type]


# --- examples ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "min_quantity", "priced"),
    [(100, 100, 100), (499, 100, 499), (500, 500, 500), (1999, 500, 1999), (5000, 2000, 5000)],
)
def test_the_tier_is_the_highest_minimum_reached(
    quantity: int, min_quantity: int, priced: int
) -> None:
    row = price_row(quote(), quantity=quantity, currency="USD")

    assert (row.tier.min_quantity, row.quantity, row.below_moq) == (min_quantity, priced, False)
    assert row.total == Money(row.tier.unit_price * priced, "USD")


def test_a_quantity_below_the_moq_is_priced_at_the_moq_and_flagged() -> None:
    row = price_row(quote(moq=300), quantity=50, currency="USD")

    assert (row.quantity, row.below_moq, row.tier.unit_price) == (300, True, Decimal("4.20"))
    assert row.total == Money(Decimal("1260.00"), "USD")


def test_conversion_uses_the_revisions_frozen_rates_across_eur() -> None:
    row = price_row(quote(rates=frozen("USD", "CNY")), quantity=1000, currency="CNY")

    with localcontext() as context:
        context.prec = 28
        expected = Decimal("3.90") * RATES["CNY"] / RATES["USD"]
    assert row.unit_price == Money(expected, "CNY")
    assert row.goods_total.amount == Decimal("3.90") * 1000 * RATES["CNY"] / RATES["USD"]
    assert (row.rate_date, row.rate_source, row.rate_frozen) == (DAY, "ECB", True)


def test_an_unfrozen_comparison_currency_takes_the_fallback_rate_and_says_so() -> None:
    table = RateTable("ECB", DAY, {"JPY": [RatePoint(DAY, RATES["JPY"])]})

    row = price_row(quote(), quantity=100, currency="JPY", fallback=table)

    assert row.rate_frozen is False
    assert row.unit_price == convert(Money(Decimal("4.20"), "USD"), "JPY", _table()).result


def test_without_any_rate_the_comparison_raises_rate_unavailable() -> None:
    with pytest.raises(RateUnavailable):
        compare_quotes([quote()], quantity=100, currency="JPY")


def test_an_unknown_comparison_currency_is_refused() -> None:
    with pytest.raises(InvalidCurrency):
        compare_quotes([quote()], quantity=100, currency="XXQ")


def test_amounts_stay_exact_and_round_only_in_the_output() -> None:
    row = price_row(quote(currency="EUR", rates=()), quantity=1000, currency="USD",
                    fallback=_table())  # fmt: skip
    shown = row.as_dict()

    assert row.total.amount == Decimal("3.90") * 1000 * RATES["USD"]
    assert shown["total"] == {"amount": "4357.08", "currency": "USD"}
    assert shown["unit_price"] == {"amount": "4.3571", "currency": "USD"}
    assert shown["quoted_unit_price"] == {"amount": "3.90", "currency": "EUR"}


def test_display_unit_price_keeps_four_decimals_and_the_minor_unit() -> None:
    assert display_unit_price(Money(Decimal("0.012345"), "USD")).as_dict()["amount"] == "0.0123"
    assert display_unit_price(Money(Decimal(100), "EUR")).as_dict()["amount"] == "100.00"
    assert display_unit_price(Money(Decimal("0.00015"), "KWD")).as_dict()["amount"] == "0.0002"


def test_best_values_are_marked_per_column_ties_included() -> None:
    cheap = quote(1, tiers=(QuoteTier(1, Decimal("3.00")),), lead_time_days=45)
    fast = quote(2, tiers=(QuoteTier(1, Decimal("5.00")),), lead_time_days=10,
                 supplier=facts("fast", verification_level="audited",
                                response_rate=Decimal("0.9")))  # fmt: skip
    same_deposit = quote(3, tiers=(QuoteTier(1, Decimal("4.00")),), lead_time_days=10)

    rows = compare_quotes([cheap, fast, same_deposit], quantity=10, currency="USD").rows
    best = {row.terms.quote_id.int: row.best for row in rows}

    assert best[1] == {Column.UNIT_PRICE, Column.TOTAL, Column.DEPOSIT_PERCENT}
    assert best[2] == {
        Column.LEAD_TIME_DAYS,
        Column.DEPOSIT_PERCENT,
        Column.VERIFICATION,
        Column.RESPONSE_RATE,
    }
    assert best[3] == {Column.LEAD_TIME_DAYS, Column.DEPOSIT_PERCENT}


def test_unknown_response_rates_sort_last_in_both_directions_and_are_never_best() -> None:
    known = quote(2, supplier=facts("known", response_rate=Decimal("0.4")))
    unknown = quote(1)

    for reverse in (False, True):
        rows = order_rows(
            compare_quotes([unknown, known], quantity=100, currency="USD").rows,
            by=Column.RESPONSE_RATE,
            reverse=reverse,
        )
        assert [row.terms.quote_id.int for row in rows] == [2, 1]
        assert Column.RESPONSE_RATE not in rows[1].best


def test_extra_cost_lines_make_a_delivered_basis() -> None:
    freight = CostLine("freight", Money(Decimal(200), "EUR"))

    comparison = compare_quotes(
        [quote(1)], quantity=100, currency="USD", extra_costs={UUID(int=1): [freight]}
    )
    row = comparison.rows[0]

    assert comparison.basis is Basis.DELIVERED
    assert row.extra_costs == Money(Decimal(200) * RATES["USD"], "USD")
    assert row.total == row.goods_total + row.extra_costs
    assert compare_quotes([quote(1)], quantity=100, currency="USD").basis is Basis.QUOTED


def test_the_output_names_the_contract_fields() -> None:
    shown = compare_quotes([quote(1)], quantity=500, currency="USD").as_dict()

    assert shown["currency"] == "USD"
    assert shown["quantity"] == 500
    assert shown["sort"] == "total"
    row = shown["rows"][0]
    assert row["quote_id"] == str(UUID(int=1))
    assert row["supplier"]["slug"] == "supplier-1"
    assert row["unit_price"] == {"amount": "3.90", "currency": "USD"}
    assert row["total"] == {"amount": "1950.00", "currency": "USD"}
    assert (row["lead_time_days"], row["incoterm"], row["deposit_percent"]) == (30, "FOB", "30")


def test_inconsistent_tiers_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="tiers"):
        quote(tiers=(QuoteTier(500, Decimal(1)), QuoteTier(100, Decimal(1))))
    with pytest.raises(ValueError, match="tiers"):
        quote(moq=50)


# --- properties ---------------------------------------------------------------------------

currencies = st.sampled_from(CURRENCIES)
prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(99999), places=4)


@st.composite
def quote_terms(draw: st.DrawFn, n: int) -> QuoteTerms:
    minima = sorted(draw(st.sets(st.integers(1, 10_000), min_size=1, max_size=5)))
    unit_prices = sorted(draw(st.lists(prices, min_size=len(minima), max_size=len(minima))),
                         reverse=True)  # fmt: skip
    currency = draw(currencies)
    return quote(
        n,
        submitted_at=SUBMITTED + timedelta(minutes=draw(st.integers(0, 3))),
        currency=currency,
        tiers=tuple(QuoteTier(m, p) for m, p in zip(minima, unit_prices, strict=True)),
        moq=draw(st.integers(minima[0], minima[0] + 500)),
        lead_time_days=draw(st.integers(0, 365)),
        deposit_percent=Decimal(draw(st.integers(0, 100))),
        supplier=facts(
            f"s{n}",
            verification_level=draw(st.sampled_from(list(VerificationLevel))).value,
            response_rate=draw(st.none() | st.decimals(0, 1, places=2)),
        ),
        rates=frozen(*draw(st.sets(currencies)), currency),
    )


quote_lists = st.integers(1, 6).flatmap(
    lambda size: st.tuples(*(quote_terms(n) for n in range(1, size + 1)))
)


def _table() -> RateTable:
    return RateTable("ECB", DAY, {code: [RatePoint(DAY, rate)] for code, rate in RATES.items()})


@UNTIMED
@given(terms=quote_terms(1), target=currencies, quantity=st.integers(1, 20_000))
def test_conversion_equals_core_fx_on_a_table_of_the_same_rates(
    terms: QuoteTerms, target: str, quantity: int
) -> None:
    row = price_row(terms, quantity=quantity, currency=target, fallback=_table())

    assert row.unit_price == convert(row.quoted_unit_price, target, _table()).result
    assert row.goods_total == convert(row.quoted_unit_price * row.quantity, target, _table()).result
    assert row.rate == convert(row.quoted_unit_price, target, _table()).rate


@UNTIMED
@given(terms=quote_terms(1), quantity=st.integers(1, 20_000))
def test_the_quotes_own_tier_applies_and_total_is_unit_times_quantity(
    terms: QuoteTerms, quantity: int
) -> None:
    row = price_row(terms, quantity=quantity, currency=terms.currency)
    reached = [tier for tier in terms.tiers if tier.min_quantity <= row.quantity]

    assert row.quantity == max(quantity, terms.moq)
    assert row.tier == reached[-1] == applicable_tier(terms.tiers, row.quantity)
    assert row.total == row.unit_price * row.quantity
    assert row.below_moq is (quantity < terms.moq)


@UNTIMED
@given(quotes=quote_lists, quantity=st.integers(1, 20_000))
def test_each_row_uses_its_own_quotes_tiers_never_another(
    quotes: tuple[QuoteTerms, ...], quantity: int
) -> None:
    rows = compare_quotes(quotes, quantity=quantity, currency="EUR", fallback=_table()).rows

    assert sorted(row.terms.quote_id for row in rows) == [q.quote_id for q in quotes]
    for row in rows:
        own = next(q for q in quotes if q.quote_id == row.terms.quote_id)
        assert row.tier in own.tiers
        assert row.quoted_unit_price == Money(row.tier.unit_price, own.currency)


@UNTIMED
@given(quotes=quote_lists, column=st.sampled_from(list(Column)), reverse=st.booleans())
def test_ordering_is_total_stable_and_independent_of_input_order(
    quotes: tuple[QuoteTerms, ...], column: Column, reverse: bool
) -> None:
    def ordered(items: tuple[QuoteTerms, ...]) -> list[UUID]:
        comparison = compare_quotes(
            items, quantity=700, currency="USD", fallback=_table(), sort_by=column, reverse=reverse
        )
        return [row.terms.quote_id for row in comparison.rows]

    forwards = ordered(quotes)
    assert forwards == ordered(tuple(reversed(quotes)))
    rows = compare_quotes(quotes, quantity=700, currency="USD", fallback=_table()).rows
    by_id = {row.terms.quote_id: row for row in rows}
    for before, after in itertools.pairwise(forwards):
        _assert_in_order(by_id[before], by_id[after], column, reverse)


def _assert_in_order(
    first: ComparisonRow, second: ComparisonRow, column: Column, reverse: bool
) -> None:
    a, b = first.value(column), second.value(column)
    if a is None or b is None:
        assert b is None
        return
    lower_first = (column in LOWER_IS_BETTER) != reverse
    assert (a <= b) if lower_first else (a >= b)
    if a == b:
        assert (first.terms.submitted_at, str(first.terms.quote_id)) < (
            second.terms.submitted_at,
            str(second.terms.quote_id),
        )


@UNTIMED
@given(quotes=quote_lists, quantity=st.integers(1, 5_000))
def test_best_markers_sit_on_the_true_extremes(
    quotes: tuple[QuoteTerms, ...], quantity: int
) -> None:
    rows = compare_quotes(quotes, quantity=quantity, currency="GBP", fallback=_table()).rows
    for column in Column:
        known = [value for row in rows if (value := row.value(column)) is not None]
        best = (min if column in LOWER_IS_BETTER else max)(known) if known else None
        for row in rows:
            assert (column in row.best) is (best is not None and row.value(column) == best)
