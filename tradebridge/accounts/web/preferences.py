"""The display currency a visitor chose: on the user when signed in, in the session otherwise.

Without a choice, a signed-in member sees their acting company's currency: that default lives
with the companies (`companies.web.preferences.display_currency_for`), above this app.
"""

from django.http import HttpRequest

from tradebridge.accounts.models import User

CURRENCY_SESSION_KEY = "display_currency"
DEFAULT_DISPLAY_CURRENCY = "USD"

# EUR and the currencies the ECB publishes reference rates for: any price can be shown in them.
DISPLAY_CURRENCIES: tuple[str, ...] = (
    "EUR", "USD", "GBP", "CNY", "JPY", "CHF", "AUD", "BGN", "BRL", "CAD", "CZK", "DKK",
    "HKD", "HUF", "IDR", "ILS", "INR", "ISK", "KRW", "MXN", "MYR", "NOK", "NZD", "PHP",
    "PLN", "RON", "SEK", "SGD", "THB", "TRY", "ZAR",
)  # fmt: skip


def chosen_display_currency(request: HttpRequest) -> str | None:
    """The currency the visitor picked: kept on the user, else in the session; None if none."""
    user = request.user
    if isinstance(user, User) and user.preferred_currency in DISPLAY_CURRENCIES:
        return user.preferred_currency
    chosen = request.session.get(CURRENCY_SESSION_KEY)
    return chosen if chosen in DISPLAY_CURRENCIES else None
