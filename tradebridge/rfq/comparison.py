"""Quote comparison: every live quote of an RFQ on one basis. Pure: no ORM, frozen dataclasses.

Rules:

- Each quote is priced with its *own* tiers at the RFQ's quantity: the tier with the highest
  `min_quantity` not above it. A quantity below the quote's MOQ is priced at the MOQ (the
  least the supplier sells) and the row is flagged `below_moq`.
- Amounts are converted into the comparison currency at the rates the quote's revision froze
  (units per 1 EUR, cross rates through EUR, exactly as `core.fx.convert`). A currency the
  revision did not freeze (the buyer compares in a third currency) takes its rate from the
  `fallback` table, and the row says so (`rate_frozen` false).
- Amounts stay exact in the rows; they are rounded only in `as_dict` (display): totals to the
  currency's minor unit, unit prices to at most four decimals (the stored precision, so that a
  0.012 USD screw does not show as 0.01).
- The basis is the quoted price (`Basis.QUOTED`). The landed-cost issue adds a delivered basis
  by passing extra cost lines per quote (`extra_costs`): they are converted the same way and
  added to the row's total.
- Rows sort by any `Column`, stably: ties are broken by submission time, then quote id, so
  the order is total. The best value of each column is marked on every row that holds it.
"""

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from tradebridge.companies.enums import VerificationLevel
from tradebridge.core.fx import RatePoint, RateTable, RateUnavailable, convert
from tradebridge.core.money import Money, minor_units

UNIT_PRICE_DECIMALS = 4  # as stored (DecimalField decimal_places=4)
_FROZEN_MAX_AGE_DAYS = 36_600  # a frozen rate is used whatever its age: it is the quote's
VERIFICATION_RANK = {level.value: rank for rank, level in enumerate(VerificationLevel)}


class Basis(enum.StrEnum):
    """What the compared total covers: the quoted goods (later also delivered, landed)."""

    QUOTED = "quoted"
    DELIVERED = "delivered"


class Column(enum.StrEnum):
    """A sortable column; `LOWER_IS_BETTER` tells the best direction."""

    UNIT_PRICE = "unit_price"
    TOTAL = "total"
    LEAD_TIME_DAYS = "lead_time_days"
    DEPOSIT_PERCENT = "deposit_percent"
    VERIFICATION = "verification"
    RESPONSE_RATE = "response_rate"


LOWER_IS_BETTER = frozenset(
    {Column.UNIT_PRICE, Column.TOTAL, Column.LEAD_TIME_DAYS, Column.DEPOSIT_PERCENT}
)


@dataclass(frozen=True, slots=True)
class FrozenRate:
    """A rate a revision recorded: units of `currency` per 1 EUR, published `on` by `source`."""

    currency: str
    rate: Decimal
    on: date
    source: str


@dataclass(frozen=True, slots=True)
class SupplierFacts:
    """What the buyer sees of the supplier beside its price."""

    name: str
    slug: str
    verification_level: str
    certifications: tuple[str, ...] = ()
    response_rate: Decimal | None = None  # percent, last 90 days; None when unknown
    median_response_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteTier:
    min_quantity: int
    unit_price: Decimal


@dataclass(frozen=True, slots=True)
class CostLine:
    """An extra cost of a quote on a delivered basis (freight, duty): the landed-cost seam."""

    label: str
    amount: Money


@dataclass(frozen=True, slots=True)
class QuoteTerms:
    """A live quote's current revision, as compared. `tiers` ascend by `min_quantity` and the
    lowest one is at most `moq` (the services validate this; a broken value raises ValueError)."""

    quote_id: UUID
    revision: int
    submitted_at: datetime
    supplier: SupplierFacts
    currency: str
    tiers: tuple[QuoteTier, ...]
    moq: int
    lead_time_days: int
    incoterm: str
    named_place: str
    deposit_percent: Decimal
    balance_due: str
    valid_until: date
    rates: tuple[FrozenRate, ...]

    def __post_init__(self) -> None:
        quantities = [tier.min_quantity for tier in self.tiers]
        if not quantities or quantities != sorted(set(quantities)) or quantities[0] > self.moq:
            raise ValueError(f"quote {self.quote_id}: tiers must ascend and start at or below MOQ")


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One quote on the comparison basis. Money is exact; `as_dict` rounds for display."""

    terms: QuoteTerms
    quantity: int  # the priced quantity: the RFQ's, or the MOQ when that is higher
    below_moq: bool
    tier: QuoteTier
    quoted_unit_price: Money  # in the quote's currency
    unit_price: Money  # converted
    goods_total: Money  # converted unit price x quantity
    extra_costs: Money  # converted extra cost lines (zero on the quoted basis)
    total: Money
    rate: Decimal  # comparison currency per quote currency
    rate_date: date
    rate_source: str
    rate_frozen: bool
    best: frozenset[Column] = frozenset()

    def value(self, column: Column) -> Decimal | None:
        """The row's value in `column` (None when unknown, e.g. no response history)."""
        facts = self.terms.supplier
        values: dict[Column, Decimal | None] = {
            Column.UNIT_PRICE: self.unit_price.amount,
            Column.TOTAL: self.total.amount,
            Column.LEAD_TIME_DAYS: Decimal(self.terms.lead_time_days),
            Column.DEPOSIT_PERCENT: self.terms.deposit_percent,
            Column.VERIFICATION: Decimal(VERIFICATION_RANK.get(facts.verification_level, 0)),
            Column.RESPONSE_RATE: facts.response_rate,
        }
        return values[column]

    def as_dict(self) -> dict[str, Any]:
        """The wire and display form, rounded here and only here."""
        terms, facts = self.terms, self.terms.supplier
        return {
            "quote_id": str(terms.quote_id),
            "revision": terms.revision,
            "supplier": {
                "slug": facts.slug,
                "name": facts.name,
                "verification_level": facts.verification_level,
                "certifications": list(facts.certifications),
                "response_rate": _optional_str(facts.response_rate),
                "median_response_seconds": facts.median_response_seconds,
            },
            "quantity": self.quantity,
            "below_moq": self.below_moq,
            "moq": terms.moq,
            "quoted_unit_price": display_unit_price(self.quoted_unit_price).as_dict(),
            "unit_price": display_unit_price(self.unit_price).as_dict(),
            "extra_costs": self.extra_costs.rounded().as_dict(),
            "total": self.total.rounded().as_dict(),
            "lead_time_days": terms.lead_time_days,
            "incoterm": terms.incoterm,
            "named_place": terms.named_place,
            "deposit_percent": str(terms.deposit_percent),
            "balance_due": terms.balance_due,
            "valid_until": terms.valid_until.isoformat(),
            "fx": {
                "rate": str(self.rate),
                "date": self.rate_date.isoformat(),
                "source": self.rate_source,
                "frozen": self.rate_frozen,
            },
            "best": sorted(column.value for column in self.best),
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    currency: str
    quantity: int
    basis: Basis
    rows: tuple[ComparisonRow, ...]
    sorted_by: Column
    reverse: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "quantity": self.quantity,
            "basis": self.basis.value,
            "sort": ("-" if self.reverse else "") + self.sorted_by.value,
            "rows": [row.as_dict() for row in self.rows],
        }


def compare_quotes(
    quotes: Sequence[QuoteTerms],
    *,
    quantity: int,
    currency: str,
    fallback: RateTable | None = None,
    extra_costs: Mapping[UUID, Sequence[CostLine]] | None = None,
    sort_by: Column = Column.TOTAL,
    reverse: bool = False,
) -> Comparison:
    """Compare `quotes` for `quantity` units in `currency`, best first by `sort_by` (worst
    first when `reverse`).

    Raises RateUnavailable when a quote's currency or `currency` has neither a frozen rate
    nor one in `fallback`; InvalidCurrency for an unknown `currency`; ValueError for a
    quantity below 1.
    """
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    minor_units(currency)  # raises InvalidCurrency
    costs = extra_costs or {}
    rows = [
        price_row(
            terms,
            quantity=quantity,
            currency=currency,
            fallback=fallback,
            extra_costs=costs.get(terms.quote_id, ()),
        )
        for terms in quotes
    ]
    return Comparison(
        currency=currency,
        quantity=quantity,
        basis=Basis.DELIVERED if costs else Basis.QUOTED,
        rows=order_rows(mark_best(rows), by=sort_by, reverse=reverse),
        sorted_by=sort_by,
        reverse=reverse,
    )


def applicable_tier(tiers: Sequence[QuoteTier], quantity: int) -> QuoteTier:
    """The tier with the highest `min_quantity` not above `quantity` (the lowest tier when
    none is, which a validated quote never needs: its MOQ reaches the lowest tier)."""
    chosen = tiers[0]
    for tier in tiers:
        if tier.min_quantity <= quantity:
            chosen = tier
    return chosen


def price_row(
    terms: QuoteTerms,
    *,
    quantity: int,
    currency: str,
    fallback: RateTable | None = None,
    extra_costs: Sequence[CostLine] = (),
) -> ComparisonRow:
    """One quote priced at `quantity` (or its MOQ) and converted into `currency`."""
    priced = max(quantity, terms.moq)
    tier = applicable_tier(terms.tiers, priced)
    quoted = Money(tier.unit_price, terms.currency)
    table, frozen = rate_table_for(terms, wanted=(terms.currency, currency), fallback=fallback)
    unit = convert(quoted, currency, table)
    goods = convert(quoted * priced, currency, table).result
    extras = Money.total(
        (_convert_line(line, currency, table, fallback) for line in extra_costs),
        currency=currency,
    )
    return ComparisonRow(
        terms=terms,
        quantity=priced,
        below_moq=quantity < terms.moq,
        tier=tier,
        quoted_unit_price=quoted,
        unit_price=unit.result,
        goods_total=goods,
        extra_costs=extras,
        total=goods + extras,
        rate=unit.rate,
        rate_date=unit.rate_date,
        rate_source=unit.rate_source,
        rate_frozen=frozen,
    )


def rate_table_for(
    terms: QuoteTerms, *, wanted: Sequence[str], fallback: RateTable | None
) -> tuple[RateTable, bool]:
    """A RateTable of the revision's frozen rates, completed from `fallback` for any wanted
    currency the revision did not freeze; the flag is True when every wanted leg was frozen."""
    points: dict[str, list[RatePoint]] = {
        rate.currency: [RatePoint(on=rate.on, rate=rate.rate)] for rate in terms.rates
    }
    sources = {rate.source for rate in terms.rates}
    frozen = True
    for code in wanted:
        if code == "EUR" or code in points:
            continue
        frozen = False
        if fallback is None:
            raise RateUnavailable(currency=code, quote_id=str(terms.quote_id))
        points[code] = [fallback.rate_for(code, on=fallback.as_of)]
        sources.add(fallback.source)
    days = [day.on for series in points.values() for day in series]
    table = RateTable(
        source="+".join(sorted(sources)) or "ECB",
        as_of=max(days, default=terms.valid_until),
        points=points,
        max_age_days=_FROZEN_MAX_AGE_DAYS,
    )
    return table, frozen


def _convert_line(
    line: CostLine, currency: str, table: RateTable, fallback: RateTable | None
) -> Money:
    """An extra cost line in `currency`: at the quote's table, completed from `fallback`."""
    code = line.amount.currency
    if code != "EUR" and code not in table.points:
        if fallback is None:
            raise RateUnavailable(currency=code)
        point = fallback.rate_for(code, on=fallback.as_of)
        points = {**table.points, code: [point]}
        table = RateTable(table.source, max(table.as_of, point.on), points, table.max_age_days)
    return convert(line.amount, currency, table).result


def mark_best(rows: Sequence[ComparisonRow]) -> list[ComparisonRow]:
    """The rows with `best` set: per column, every row holding the best known value."""
    best_values: dict[Column, Decimal] = {}
    for column in Column:
        known = [value for row in rows if (value := row.value(column)) is not None]
        if known:
            best_values[column] = min(known) if column in LOWER_IS_BETTER else max(known)
    return [
        replace(row, best=frozenset(c for c, best in best_values.items() if row.value(c) == best))
        for row in rows
    ]


def order_rows(
    rows: Sequence[ComparisonRow], *, by: Column, reverse: bool = False
) -> tuple[ComparisonRow, ...]:
    """Rows best first in `by` (worst first when `reverse`); unknown values last whatever the
    direction; ties by submission time then quote id, so the order is total and stable."""
    sign = (1 if by in LOWER_IS_BETTER else -1) * (-1 if reverse else 1)

    def key(row: ComparisonRow) -> tuple[bool, Decimal, datetime, str]:
        value = row.value(by)
        primary = Decimal(0) if value is None else sign * value
        return (value is None, primary, row.terms.submitted_at, str(row.terms.quote_id))

    return tuple(sorted(rows, key=key))


def display_unit_price(money: Money) -> Money:
    """A unit price for display: half-up to four decimals (never fewer than the minor unit)."""
    digits = max(UNIT_PRICE_DECIMALS, minor_units(money.currency))
    step = Decimal(1).scaleb(-digits)
    return Money(money.amount.quantize(step, rounding=ROUND_HALF_UP).normalize(), money.currency)


def _optional_str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
