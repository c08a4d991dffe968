"""ISO 3166-1 alpha-2 country codes and ISO 4217 currencies in current use, from Babel (CLDR)."""

from babel import Locale
from babel.numbers import get_territory_currencies
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# CLDR territories that are not ISO 3166-1 countries (regions, reserved and private-use codes).
_NOT_ISO_3166 = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)

COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in map(str, Locale("en").territories)
    if len(code) == 2 and code.isalpha() and code not in _NOT_ISO_3166
)

CURRENCY_CODES: frozenset[str] = frozenset(
    currency
    for country in COUNTRY_CODES
    for currency in get_territory_currencies(country, tender=True)
)


def validate_country_code(value: str) -> None:
    """Raise django's ValidationError unless `value` is an ISO 3166-1 alpha-2 code (upper case)."""
    if value not in COUNTRY_CODES:
        raise ValidationError(
            _("%(value)s is not an ISO 3166 country code."), params={"value": value}
        )


def validate_currency_code(value: str) -> None:
    """Raise django's ValidationError unless `value` is an ISO 4217 code of a currency in use."""
    if value not in CURRENCY_CODES:
        raise ValidationError(
            _("%(value)s is not an ISO 4217 currency code."), params={"value": value}
        )
