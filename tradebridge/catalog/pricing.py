"""Pricing of a product by quantity: pure functions over frozen dataclasses, no ORM.

Rules (the B2B norms this platform enforces):

- A schedule has one or more tiers, by strictly ascending `min_quantity`; a quantity pays the
  unit price of the last tier whose minimum it reaches.
- Unit prices never rise with quantity: a tier dearer than the one before is an error
  (`InvalidPriceTiers`), because a volume break that costs more per unit is always a typo.
  Equal prices are allowed.
- The MOQ is at least the lowest tier's minimum (quantities below it would have no price),
  and a multiple of `order_multiple`; an order quantity must reach the MOQ and be a multiple
  of `order_multiple`.
- Unit prices are exact (up to 4 decimal places, as stored); the line total is rounded
  half-up to the currency's minor unit, the only rounding point here. Converted totals are
  computed from the exact amount and rounded once, in the target currency.
- No float is ever accepted: amounts are `Decimal`, quantities are `int` (TypeError otherwise).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tradebridge.catalog.errors import (
    BelowMinimumOrder,
    InvalidLeadTime,
    InvalidPriceTiers,
    InvalidQuantity,
    NotOrderMultiple,
)
from tradebridge.core.fx import RateTable, convert
from tradebridge.core.money import InvalidCurrency, Money, is_currency

__all__ = [
    "MAX_PRICE_DECIMALS",
    "BelowMinimumOrder",
    "ConvertedPriceQuote",
    "InvalidLeadTime",
    "InvalidPriceTiers",
    "InvalidQuantity",
    "NotOrderMultiple",
    "PriceQuote",
    "PriceSchedule",
    "Tier",
    "lead_time_for_quantity",
    "price_for_quantity",
    "price_in_currency",
    "validate_lead_time_steps",
    "validate_tiers",
]

MAX_PRICE_DECIMALS = 4  # as stored: DecimalField(max_digits=20, decimal_places=4)
_MAX_PRICE = Decimal("1e16")  # 16 integer digits fit in max_digits=20


@dataclass(frozen=True, slots=True)
class Tier:
    """From `min_quantity` units on, each unit costs `unit_price`."""

    min_quantity: int
    unit_price: Decimal

    def __post_init__(self) -> None:
        _require_int(self.min_quantity, "min_quantity")
        if not isinstance(self.unit_price, Decimal):
            raise TypeError(f"unit_price must be a Decimal, not {type(self.unit_price).__name__}")


@dataclass(frozen=True, slots=True)
class PriceSchedule:
    """How a product is priced: tiers in `currency`, the MOQ and the order multiple.

    Raises InvalidPriceTiers (details name the field) when the rules above are broken.
    """

    currency: str
    tiers: tuple[Tier, ...]
    moq: int
    order_multiple: int = 1

    def __post_init__(self) -> None:
        if not is_currency(self.currency):
            raise InvalidCurrency(currency=self.currency, field="currency")
        validate_tiers(self.tiers)
        _require_int(self.moq, "moq")
        _require_int(self.order_multiple, "order_multiple")
        if self.order_multiple < 1:
            raise InvalidPriceTiers(
                "The order multiple must be at least 1.", field="order_multiple"
            )
        if self.moq < self.tiers[0].min_quantity:
            raise InvalidPriceTiers(
                "The MOQ is below the lowest tier, so some quantities would have no price.",
                field="moq",
                moq=self.moq,
                lowest_tier=self.tiers[0].min_quantity,
            )
        if self.moq % self.order_multiple:
            raise InvalidPriceTiers(
                "The MOQ must be a multiple of the order multiple.",
                field="moq",
                moq=self.moq,
                order_multiple=self.order_multiple,
            )


@dataclass(frozen=True, slots=True)
class PriceQuote:
    """The price of `quantity` units: the exact unit price and the rounded line total."""

    quantity: int
    unit_price: Money
    total: Money
    tier: Tier


@dataclass(frozen=True, slots=True)
class ConvertedPriceQuote:
    """A quote in another currency, with the rate evidence (what a quote or order freezes)."""

    quantity: int
    unit_price: Money  # exact
    total: Money  # rounded to the target currency's minor unit
    tier: Tier
    original: PriceQuote
    rate: Decimal  # target currency per source currency
    rate_date: date
    rate_source: str


def validate_tiers(tiers: Sequence[Tier]) -> None:
    """Raise InvalidPriceTiers (with `field="tiers"` and the offending `index`) unless the
    tiers are non-empty, strictly ascending by quantity, priced > 0 with at most 4 decimals,
    and never dearer per unit than the tier before."""
    if not tiers:
        raise InvalidPriceTiers("At least one price tier is required.", field="tiers")
    previous: Tier | None = None
    for index, tier in enumerate(tiers):
        if not isinstance(tier, Tier):
            raise TypeError(f"tiers must hold Tier values, not {type(tier).__name__}")
        _check_tier(tier, index)
        if previous is not None:
            _check_tier_order(previous, tier, index)
        previous = tier


def price_for_quantity(schedule: PriceSchedule, quantity: int) -> PriceQuote:
    """The unit price and total for `quantity` units.

    Raises InvalidQuantity (not a positive integer), BelowMinimumOrder (below the MOQ) or
    NotOrderMultiple (with `nearest`, the next valid quantity up).
    """
    _require_int(quantity, "quantity")
    if quantity < 1:
        raise InvalidQuantity(quantity=quantity)
    if quantity < schedule.moq:
        raise BelowMinimumOrder(moq=schedule.moq, quantity=quantity)
    if quantity % schedule.order_multiple:
        multiple = schedule.order_multiple
        raise NotOrderMultiple(
            order_multiple=multiple,
            quantity=quantity,
            nearest=-(-quantity // multiple) * multiple,
        )
    tier = _tier_for(schedule.tiers, quantity)
    unit_price = Money(tier.unit_price, schedule.currency)
    return PriceQuote(
        quantity=quantity, unit_price=unit_price, total=(unit_price * quantity).rounded(), tier=tier
    )


def price_in_currency(quote: PriceQuote, to_currency: str, rates: RateTable) -> ConvertedPriceQuote:
    """`quote` in `to_currency` at the rates' day (cross rates via EUR).

    The total is converted from the exact amount and rounded once. Raises RateUnavailable
    or InvalidCurrency (from core.fx).
    """
    unit = convert(quote.unit_price, to_currency, rates)
    exact_total = convert(quote.unit_price * quote.quantity, to_currency, rates)
    return ConvertedPriceQuote(
        quantity=quote.quantity,
        unit_price=unit.result,
        total=exact_total.result.rounded(),
        tier=quote.tier,
        original=quote,
        rate=unit.rate,
        rate_date=unit.rate_date,
        rate_source=unit.rate_source,
    )


def validate_lead_time_steps(base_days: int | None, steps: Sequence[tuple[int, int]]) -> None:
    """Raise InvalidLeadTime (`field="lead_time_steps"`, `index`) unless the steps' quantities
    rise strictly from 1 up and their days never fall, nor below the base lead time."""
    previous_quantity = 0
    previous_days = base_days if base_days is not None else 0
    for index, (quantity, days) in enumerate(steps):
        _require_int(quantity, "lead_time_steps")
        _require_int(days, "lead_time_steps")
        if quantity <= previous_quantity or days < 0:
            raise InvalidLeadTime(
                "Lead-time steps need rising quantities of at least 1 and days of at least 0.",
                field="lead_time_steps",
                index=index,
            )
        if days < previous_days:
            raise InvalidLeadTime(
                "A larger quantity cannot have a shorter lead time.",
                field="lead_time_steps",
                index=index,
            )
        previous_quantity, previous_days = quantity, days


def lead_time_for_quantity(
    base_days: int | None, steps: Sequence[tuple[int, int]], quantity: int
) -> int | None:
    """Days to produce `quantity`: the last step whose quantity it reaches, else the base
    lead time; None when the supplier states neither."""
    _require_int(quantity, "quantity")
    days = base_days
    for step_quantity, step_days in steps:
        if quantity < step_quantity:
            break
        days = step_days
    return days


def _tier_for(tiers: Sequence[Tier], quantity: int) -> Tier:
    chosen = tiers[0]
    for tier in tiers:
        if tier.min_quantity > quantity:
            break
        chosen = tier
    return chosen


def _check_tier(tier: Tier, index: int) -> None:
    if tier.min_quantity < 1:
        raise InvalidPriceTiers(
            "A tier's minimum quantity must be at least 1.", field="tiers", index=index
        )
    price = tier.unit_price
    if not price.is_finite() or price <= 0 or price >= _MAX_PRICE:
        raise InvalidPriceTiers(
            "A tier's unit price must be a positive amount.", field="tiers", index=index
        )
    if price.normalize().as_tuple().exponent < -MAX_PRICE_DECIMALS:  # type: ignore[operator]
        raise InvalidPriceTiers(
            f"A unit price has at most {MAX_PRICE_DECIMALS} decimal places.",
            field="tiers",
            index=index,
        )


def _check_tier_order(previous: Tier, tier: Tier, index: int) -> None:
    if tier.min_quantity <= previous.min_quantity:
        raise InvalidPriceTiers(
            "Tier quantities must be strictly ascending.", field="tiers", index=index
        )
    if tier.unit_price > previous.unit_price:
        raise InvalidPriceTiers(
            "A larger quantity cannot cost more per unit than a smaller one.",
            field="tiers",
            index=index,
        )


def _require_int(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
