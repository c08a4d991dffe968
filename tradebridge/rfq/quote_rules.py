"""The terms of a quote and the rules they follow: the input of `quote_submit` and
`quote_revise`, checked before anything is written. Pure: no ORM.

- Price tiers follow the catalog's rules (`catalog.pricing.validate_tiers`): strictly
  ascending minimum quantities, unit prices above zero with at most four decimals, never
  rising with quantity. The MOQ is at least 1 and reaches the lowest tier, so that every
  quantity a buyer may order has a price.
- Lead time 0 to 365 days; deposit 0 to 100 %; the quote is valid at least until today.
- The Incoterm is one of the eleven Incoterms 2020 rules, and every rule names a place or port
  ("FOB Shanghai", "EXW Dongguan factory"), so the named place is required.

Each broken rule raises a ValidationFailed subclass with a stable code and `field`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tradebridge.catalog.pricing import InvalidPriceTiers, Tier, validate_tiers
from tradebridge.core.errors import ValidationFailed
from tradebridge.core.incoterms import Incoterm
from tradebridge.core.money import InvalidCurrency, is_currency
from tradebridge.rfq.enums import BalanceDue

MAX_LEAD_TIME_DAYS = 365
MAX_NOTES_LENGTH = 5000
MAX_NAMED_PLACE_LENGTH = 120
MAX_TIERS = 20
_MAX_SAMPLE_PRICE = Decimal("1e14")


class InvalidIncoterm(ValidationFailed):
    code = "invalid_incoterm"
    default_message = "Not an Incoterms 2020 rule."


class NamedPlaceRequired(ValidationFailed):
    code = "named_place_required"
    default_message = "Name the place or port of the Incoterm (for example FOB Shanghai)."


class InvalidQuoteTerms(ValidationFailed):
    """details: `field`: moq, lead_time_days, deposit_percent, balance_due, sample_price,
    sample_days, notes."""

    code = "invalid_quote_terms"
    default_message = "The quote's terms are not valid."


class QuoteValidityPassed(ValidationFailed):
    code = "valid_until_passed"
    default_message = "The quote must be valid at least until today."


@dataclass(frozen=True, slots=True)
class QuoteInput:
    """What a supplier quotes: the terms of one revision."""

    currency: str
    tiers: tuple[Tier, ...]
    moq: int
    lead_time_days: int
    incoterm: str
    named_place: str
    valid_until: date
    deposit_percent: Decimal = Decimal(30)
    balance_due: str = BalanceDue.BEFORE_SHIPMENT.value
    sample_price: Decimal | None = None
    sample_days: int | None = None
    notes: str = ""


def validate_quote_input(data: QuoteInput, *, today: date) -> None:
    """Raise the first broken rule (see the module docstring); return if all hold."""
    if not is_currency(data.currency):
        raise InvalidCurrency(currency=data.currency, field="currency")
    if len(data.tiers) > MAX_TIERS:
        raise InvalidPriceTiers(f"At most {MAX_TIERS} price tiers.", field="tiers")
    validate_tiers(data.tiers)
    _check_moq(data)
    _check_range("lead_time_days", data.lead_time_days, 0, MAX_LEAD_TIME_DAYS)
    _check_range("deposit_percent", data.deposit_percent, 0, 100)
    if data.deposit_percent.normalize().as_tuple().exponent < -2:  # type: ignore[operator]
        raise InvalidQuoteTerms("At most two decimal places.", field="deposit_percent")
    if data.incoterm not in Incoterm.values:
        raise InvalidIncoterm(incoterm=data.incoterm, field="incoterm")
    if not data.named_place.strip() or len(data.named_place) > MAX_NAMED_PLACE_LENGTH:
        raise NamedPlaceRequired(field="named_place", incoterm=data.incoterm)
    if data.valid_until < today:
        raise QuoteValidityPassed(field="valid_until", today=today.isoformat())
    if data.balance_due not in BalanceDue.values:
        raise InvalidQuoteTerms("Unknown balance term.", field="balance_due")
    _check_sample(data)
    if len(data.notes) > MAX_NOTES_LENGTH:
        raise InvalidQuoteTerms(f"At most {MAX_NOTES_LENGTH} characters.", field="notes")


def tiers_as_json(tiers: tuple[Tier, ...]) -> list[dict[str, object]]:
    """The stored form of tiers (`QuoteRevision.tiers`): prices as decimal strings."""
    return [{"min_quantity": t.min_quantity, "unit_price": str(t.unit_price)} for t in tiers]


def tiers_from_json(stored: list[dict[str, object]]) -> tuple[Tier, ...]:
    """Tiers back from their stored form."""
    return tuple(
        Tier(int(str(tier["min_quantity"])), Decimal(str(tier["unit_price"]))) for tier in stored
    )


def tier_for_quantity(tiers: tuple[Tier, ...], quantity: int) -> Tier:
    """The tier with the highest minimum not above `quantity` (the lowest when none is)."""
    chosen = tiers[0]
    for tier in tiers:
        if tier.min_quantity <= quantity:
            chosen = tier
    return chosen


def _check_moq(data: QuoteInput) -> None:
    if isinstance(data.moq, bool) or data.moq < 1:
        raise InvalidQuoteTerms("The MOQ must be at least 1.", field="moq")
    if data.moq < data.tiers[0].min_quantity:
        raise InvalidQuoteTerms(
            "The MOQ must reach the lowest tier, or some quantities would have no price.",
            field="moq",
            lowest_tier=data.tiers[0].min_quantity,
        )


def _check_range(field: str, value: int | Decimal, low: int, high: int) -> None:
    if isinstance(value, bool) or (isinstance(value, Decimal) and not value.is_finite()):
        raise InvalidQuoteTerms("Must be a number.", field=field)
    if not low <= value <= high:
        raise InvalidQuoteTerms(f"Must be between {low} and {high}.", field=field)


def _check_sample(data: QuoteInput) -> None:
    price = data.sample_price
    if price is not None and (not price.is_finite() or not 0 <= price < _MAX_SAMPLE_PRICE):
        raise InvalidQuoteTerms("A sample price cannot be negative.", field="sample_price")
    if price is not None and price.normalize().as_tuple().exponent < -4:  # type: ignore[operator]
        raise InvalidQuoteTerms("At most four decimal places.", field="sample_price")
    if data.sample_days is not None:
        _check_range("sample_days", data.sample_days, 0, MAX_LEAD_TIME_DAYS)
