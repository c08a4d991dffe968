"""The currency a page shows prices in: the visitor's choice, else their company's currency."""

from django.http import HttpRequest

from tradebridge.accounts.models import User
from tradebridge.accounts.web.preferences import (
    DEFAULT_DISPLAY_CURRENCY,
    DISPLAY_CURRENCIES,
    chosen_display_currency,
)
from tradebridge.companies.actors import current_membership
from tradebridge.core.errors import DomainError

_CACHE_ATTRIBUTE = "_tradebridge_display_currency"


def display_currency_for(request: HttpRequest) -> str:
    """The currency the visitor chose; else, signed in, the acting company's default currency
    (a buyer in Lyon sees euros from the first page); else USD. Read once per request."""
    cached: str | None = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = (
            chosen_display_currency(request)
            or _acting_company_currency(request)
            or DEFAULT_DISPLAY_CURRENCY
        )
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


def _acting_company_currency(request: HttpRequest) -> str | None:
    if not isinstance(getattr(request, "user", None), User):
        return None
    try:
        currency = current_membership(request).company.default_currency
    except DomainError:  # signed in without a company yet
        return None
    return currency if currency in DISPLAY_CURRENCIES else None
