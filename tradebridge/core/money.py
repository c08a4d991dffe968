"""Money: an exact Decimal amount in one ISO 4217 currency.

Arithmetic never rounds and never mixes currencies (CurrencyMismatch); floats are refused
(TypeError). Round to the currency's minor unit only where a rule says so (display, invoice,
settlement) with `rounded()`. Minor units come from CLDR through Babel, which follows
ISO 4217 (JPY 0, EUR 2, KWD 3, CLF 4).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Self

from babel import Locale
from babel.numbers import LC_MONETARY, format_currency, get_currency_precision, list_currencies

from tradebridge.core.errors import ValidationFailed


class CurrencyMismatch(ValidationFailed):
    code = "currency_mismatch"
    default_message = "Amounts in different currencies cannot be combined."


class InvalidCurrency(ValidationFailed):
    code = "invalid_currency"
    default_message = "Not an ISO 4217 currency code."


class InvalidAmount(ValidationFailed):
    code = "invalid_amount"
    default_message = "Not a valid amount of money."


@cache
def _known_currencies() -> frozenset[str]:
    return frozenset(code for code in list_currencies() if len(code) == 3 and code.isupper())


def is_currency(code: str) -> bool:
    """True for an ISO 4217 code known to CLDR (current or historic, e.g. EUR, ROL)."""
    return code in _known_currencies()


def minor_units(currency: str) -> int:
    """Digits after the decimal point for the currency (JPY 0, EUR 2, KWD 3)."""
    if not is_currency(currency):
        raise InvalidCurrency(currency=currency)
    return int(get_currency_precision(currency))


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", _checked_amount(self.amount))
        _check_currency(self.currency)

    @classmethod
    def of(cls, amount: str | Decimal | int, currency: str) -> Self:
        """Parse user or wire input such as `Money.of("12.50", "EUR")`. Raises InvalidAmount."""
        if isinstance(amount, float):
            raise TypeError("Money amounts are never floats")
        try:
            value = Decimal(amount.strip() if isinstance(amount, str) else amount)
        except InvalidOperation:
            raise InvalidAmount(amount=str(amount)) from None
        return cls(value, currency.strip().upper())

    @classmethod
    def zero(cls, currency: str) -> Self:
        return cls(Decimal(0), currency)

    @classmethod
    def total(cls, items: Iterable["Money"], *, currency: str) -> "Money":
        """Sum of `items` (zero when empty); raises CurrencyMismatch on a foreign item."""
        result: Money = cls.zero(currency)
        for item in items:
            result = result + item
        return result

    def __add__(self, other: "Money") -> "Money":
        return Money(self.amount + self._same_currency(other).amount, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        return Money(self.amount - self._same_currency(other).amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> "Money":
        if not _is_exact_number(factor):
            raise TypeError(
                f"Money can be multiplied by int or Decimal, not {type(factor).__name__}"
            )
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> "Money":
        return Money(-self.amount, self.currency)

    def __abs__(self) -> "Money":
        return Money(abs(self.amount), self.currency)

    def __lt__(self, other: "Money") -> bool:
        return self.amount < self._same_currency(other).amount

    def __le__(self, other: "Money") -> bool:
        return self.amount <= self._same_currency(other).amount

    def __gt__(self, other: "Money") -> bool:
        return self.amount > self._same_currency(other).amount

    def __ge__(self, other: "Money") -> bool:
        return self.amount >= self._same_currency(other).amount

    def is_zero(self) -> bool:
        return self.amount == 0

    def rounded(self) -> "Money":
        """Half-up to the currency's minor unit (2.345 EUR -> 2.35, 0.5 JPY -> 1)."""
        step = Decimal(1).scaleb(-minor_units(self.currency))
        return Money(self.amount.quantize(step, rounding=ROUND_HALF_UP), self.currency)

    def format(self, locale: str = "en") -> str:
        """For display only: rounded and localised by Babel (`1.234,50 €` in de_DE)."""
        return str(
            format_currency(self.rounded().amount, self.currency, locale=_babel_locale(locale))
        )

    def as_dict(self) -> dict[str, str]:
        """The wire form `{"amount": "12.50", "currency": "EUR"}`: at least the minor
        digits, never rounded, never in exponent notation."""
        digits = minor_units(self.currency)
        amount = self.amount
        if amount.as_tuple().exponent > -digits:  # type: ignore[operator]  # finite: an int
            amount = amount.quantize(Decimal(1).scaleb(-digits))
        return {"amount": f"{amount:f}", "currency": self.currency}

    def __str__(self) -> str:
        return f"{self.as_dict()['amount']} {self.currency}"

    def _same_currency(self, other: object) -> "Money":
        if isinstance(other, float):
            raise TypeError("Money cannot be combined with a float")
        if not isinstance(other, Money):
            raise TypeError(f"Money cannot be combined with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(left=self.currency, right=other.currency)
        return other


@lru_cache(maxsize=64)
def _babel_locale(code: str) -> Locale:
    """The code parsed once: `format_currency` given a string parses it on every call, a
    fifth of a format's CPU time (a page of product cards formats 48 prices). Raises what
    `format_currency` would (babel's UnknownLocaleError, ValueError); a failure is not cached.
    An empty code is the process's monetary locale, as in `format_currency`."""
    return Locale.parse(code or LC_MONETARY)


def _is_exact_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _checked_amount(value: object) -> Decimal:
    if not _is_exact_number(value):
        raise TypeError(f"Money amount must be a Decimal or int, not {value!r}")
    amount = Decimal(value)  # type: ignore[arg-type]  # checked just above
    if not amount.is_finite():
        raise InvalidAmount(amount=str(amount))
    return amount


def _check_currency(value: object) -> None:
    if not isinstance(value, str) or not is_currency(value):
        raise InvalidCurrency(currency=str(value))
