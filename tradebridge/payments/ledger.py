"""Pure ledger arithmetic: money in integer minor units, splits that always add up.

No ORM here. `to_minor` refuses an amount finer than the currency's minor unit (12.345 EUR):
the ledger never rounds silently. Splits round one part half-up (EU Regulation 1103/97's
rule) and give the other part the rest, or share by largest remainder, so the parts always
sum to the whole.
"""

from collections.abc import Iterable, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from tradebridge.core.money import InvalidAmount, Money, minor_units

_HUNDRED = Decimal(100)


def to_minor(money: Money) -> int:
    """`Money("12.50", "EUR")` -> 1250; `Money("500", "JPY")` -> 500.

    Raises InvalidAmount (422) for an amount with more digits than the currency has."""
    scaled = money.amount.scaleb(minor_units(money.currency))
    if scaled != scaled.to_integral_value():
        raise InvalidAmount(
            "The amount has more decimal places than the currency allows.",
            amount=str(money.amount),
            currency=money.currency,
        )
    return int(scaled)


def from_minor(amount_minor: int, currency: str) -> Money:
    """1250, "EUR" -> `Money("12.50", "EUR")` (exactly the currency's minor digits)."""
    digits = minor_units(currency)
    return Money(
        Decimal(amount_minor).scaleb(-digits).quantize(Decimal(1).scaleb(-digits)), currency
    )


def percent_half_up(total_minor: int, percent: Decimal) -> int:
    """`percent` % of `total_minor`, rounded half-up to a whole minor unit (ties away from 0)."""
    return int((Decimal(total_minor) * percent / _HUNDRED).quantize(Decimal(1), ROUND_HALF_UP))


def split_half_up(total_minor: int, percent: Decimal) -> tuple[int, int]:
    """(`percent` % of the total rounded half-up, the rest): a deposit and its balance, a
    commission and the supplier's part. The two always sum to `total_minor`.

    Raises ValueError for a negative total or a percent outside 0..100."""
    if total_minor < 0:
        raise ValueError("cannot split a negative amount")
    if not Decimal(0) <= percent <= _HUNDRED:
        raise ValueError("percent must be between 0 and 100")
    part = percent_half_up(total_minor, percent)
    return part, total_minor - part


def split_largest_remainder(total_minor: int, weights: Sequence[Decimal]) -> list[int]:
    """Share `total_minor` in proportion to `weights` (>= 0, not all 0): each part is its exact
    share rounded down, and the units left over go one each to the largest remainders (the
    earlier part first on a tie). The parts always sum to `total_minor`."""
    if total_minor < 0:
        raise ValueError("cannot split a negative amount")
    if not weights or any(weight < 0 for weight in weights) or sum(weights) == 0:
        raise ValueError("weights must be non-negative and not all zero")
    whole = sum(weights, Decimal(0))
    exact = [Decimal(total_minor) * weight / whole for weight in weights]
    parts = [int(share.to_integral_value(ROUND_FLOOR)) for share in exact]
    left = total_minor - sum(parts)
    by_remainder = sorted(
        range(len(weights)), key=lambda index: (-(exact[index] - parts[index]), index)
    )
    for index in by_remainder[:left]:
        parts[index] += 1
    return parts


def is_balanced(amounts_minor: Iterable[int]) -> bool:
    """True when the postings of one transaction sum to zero."""
    return sum(amounts_minor) == 0


def net_postings[K](postings: Iterable[tuple[K, int]]) -> dict[K, int]:
    """Postings merged per account (amounts summed), zero nets dropped, in first-seen order."""
    merged: dict[K, int] = {}
    for account, amount in postings:
        merged[account] = merged.get(account, 0) + amount
    return {account: amount for account, amount in merged.items() if amount != 0}
