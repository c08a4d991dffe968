"""Currency conversion over a table of reference rates: pure, no database.

Rates are "units of currency per 1 EUR" (the ECB convention); any other pair is a cross
rate through EUR. A conversion uses, for each leg, the most recent rate on or before the
requested date, at most `max_age_days` old; otherwise it raises RateUnavailable. The result
is exact (not rounded): round it where a rule says so, with `Money.rounded()`.
"""

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, localcontext

from tradebridge.core.errors import ValidationFailed
from tradebridge.core.money import InvalidCurrency, Money, is_currency

BASE_CURRENCY = "EUR"
DEFAULT_MAX_AGE_DAYS = 7  # ECB skips weekends and TARGET holidays (Easter: 4 days)
_RATE_PRECISION = 28
STALE_AFTER_BUSINESS_DAYS = 3  # the ECB publishes every TARGET business day


class RateUnavailable(ValidationFailed):
    code = "fx_rate_unavailable"
    default_message = "No exchange rate is available for this currency and date."


@dataclass(frozen=True, slots=True)
class RatePoint:
    on: date
    rate: Decimal  # units of the currency per 1 EUR


@dataclass(frozen=True, slots=True)
class RateTable:
    """Rates from one source: per currency, points sorted by date (oldest first)."""

    source: str
    as_of: date
    points: Mapping[str, Sequence[RatePoint]]
    max_age_days: int = DEFAULT_MAX_AGE_DAYS

    def rate_for(self, currency: str, *, on: date) -> RatePoint:
        """The latest point on or before `on`, within `max_age_days`; EUR is always 1."""
        if currency == BASE_CURRENCY:
            return RatePoint(on=on, rate=Decimal(1))
        points = self.points.get(currency, ())
        index = bisect.bisect_right(points, on, key=lambda point: point.on) - 1
        if index < 0 or points[index].on < on - timedelta(days=self.max_age_days):
            raise RateUnavailable(
                currency=currency, on=on.isoformat(), max_age_days=self.max_age_days
            )
        return points[index]


@dataclass(frozen=True, slots=True)
class Conversion:
    """A converted amount and the evidence for it: what a quote or an order freezes."""

    source: Money
    result: Money
    rate: Decimal  # result currency per source currency
    rate_date: date  # the older of the two legs' publication dates
    rate_source: str = field(default="ECB")


def convert(
    money: Money, to_currency: str, rates: RateTable, *, on: date | None = None
) -> Conversion:
    """Convert `money` into `to_currency` at the rates in force on `on` (default: `rates.as_of`).

    Raises RateUnavailable when a leg has no rate within the look-back, and InvalidCurrency
    for an unknown target currency.
    """
    day = on or rates.as_of
    if not is_currency(to_currency):
        raise InvalidCurrency(currency=to_currency)
    if money.currency == to_currency:
        return Conversion(money, money, Decimal(1), day, rates.source)
    source_leg = rates.rate_for(money.currency, on=day)
    target_leg = rates.rate_for(to_currency, on=day)
    with localcontext() as context:
        context.prec = _RATE_PRECISION
        rate = target_leg.rate / source_leg.rate
        amount = money.amount * target_leg.rate / source_leg.rate
    return Conversion(
        source=money,
        result=Money(amount, to_currency),
        rate=rate,
        rate_date=min(source_leg.on, target_leg.on),
        rate_source=rates.source,
    )


def business_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (0 if `end` <= `start`).
    TARGET holidays are not known here, so a holiday counts as a business day."""
    days = (end - start).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    extra = sum(1 for n in range(1, rest + 1) if (start + timedelta(days=n)).weekday() < 5)
    return weeks * 5 + extra


def rates_are_stale(newest: date | None, *, today: date) -> bool:
    """Whether the newest stored rate is more than STALE_AFTER_BUSINESS_DAYS business days
    old (or there is none): conversions then fail or use old rates."""
    return newest is None or business_days_between(newest, today) > STALE_AFTER_BUSINESS_DAYS
