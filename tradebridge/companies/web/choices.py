"""Select options for company forms, named in the visitor's language (Babel/CLDR)."""

import unicodedata

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name
from django.utils.translation import get_language, to_locale

from tradebridge.companies.iso_codes import COUNTRY_CODES, CURRENCY_CODES

# Languages a company may say it works in; the first five are the site's own.
COMPANY_LANGUAGES: tuple[str, ...] = (
    "en", "zh-hans", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "ar", "tr", "vi", "hi",
)  # fmt: skip


def _locale() -> Locale:
    try:
        return Locale.parse(to_locale(get_language() or "en"))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def country_choices() -> list[tuple[str, str]]:
    """(code, name) for every ISO 3166 country, sorted by name."""
    names = _locale().territories
    return sorted(
        ((code, names.get(code, code)) for code in COUNTRY_CODES), key=lambda c: _sort_key(c[1])
    )


def currency_choices() -> list[tuple[str, str]]:
    """(code, "CODE — name") for every ISO 4217 currency in use, sorted by code."""
    locale = _locale()
    return [
        (code, f"{code} — {get_currency_name(code, locale=locale)}")
        for code in sorted(CURRENCY_CODES)
    ]


def language_choices() -> list[tuple[str, str]]:
    """(code, name) for the languages a company may list."""
    names = _locale().languages
    return [(code, names.get(to_locale(code), code)) for code in COMPANY_LANGUAGES]


def _sort_key(name: str) -> str:
    """Sort "Émirats" with the E's: compare without accents, ignoring case."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def country_name(code: str) -> str:
    """The country's name in the visitor's language (the code itself if unknown)."""
    return str(_locale().territories.get(code, code))
