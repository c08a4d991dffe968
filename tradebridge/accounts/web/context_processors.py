"""Template context for every page: the display currency and the ones to choose from."""

from django.http import HttpRequest

from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES, display_currency_for


def display_preferences(request: HttpRequest) -> dict[str, object]:
    return {
        "display_currency": display_currency_for(request),
        "display_currencies": DISPLAY_CURRENCIES,
    }
