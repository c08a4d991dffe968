"""What a member sees of orders: amounts in their locale, statuses as badges, the timeline's
events as sentences in their language, the next step of each side, payment terms. Pure
presentation over the models the selectors return; no rule of the orders domain lives here."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext, pgettext

from tradebridge.catalog.web.display import visitor_locale
from tradebridge.core.money import Money, minor_units
from tradebridge.orders.enums import OrderStatus


def money_text(amount: Decimal | None, currency: str) -> str:
    """A total rounded to the currency's minor unit, in the visitor's locale."""
    if amount is None:
        return ""
    return Money(Decimal(amount), currency).format(visitor_locale())


def unit_price_text(amount: Decimal | None, currency: str) -> str:
    """A unit price with up to four decimals (a 0.012 USD screw stays 0.012), localised."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()
    exponent = value.as_tuple().exponent
    digits = max(minor_units(currency), -min(exponent if isinstance(exponent, int) else 0, 0))
    shown = value.quantize(Decimal(1).scaleb(-digits))
    return str(format_currency(shown, currency, locale=visitor_locale(), currency_digits=False))


_BADGES = {
    OrderStatus.AWAITING_CONFIRMATION: "badge--warning",
    OrderStatus.AWAITING_DEPOSIT: "badge--warning",
    OrderStatus.IN_PRODUCTION: "badge--accent",
    OrderStatus.AWAITING_BALANCE: "badge--warning",
    OrderStatus.READY_TO_SHIP: "badge--accent",
    OrderStatus.SHIPPED: "badge--accent",
    OrderStatus.DELIVERED: "badge--success",
    OrderStatus.DISPUTED: "badge--danger",
    OrderStatus.COMPLETED: "badge--success",
    OrderStatus.CANCELLED: "",
}


def status_badge(status: str) -> str:
    """The badge modifier class of a status ("" for the neutral badge)."""
    return _BADGES.get(OrderStatus(status), "") if status in OrderStatus.values else ""


def next_step(status: str, *, as_buyer: bool) -> str:
    """Whose turn it is, as a short hint for a list row ("" when nothing waits for the reader)."""
    buyer = {
        OrderStatus.AWAITING_DEPOSIT: pgettext("order next step", "Pay deposit"),
        OrderStatus.AWAITING_BALANCE: pgettext("order next step", "Pay balance"),
        OrderStatus.SHIPPED: pgettext("order next step", "Confirm receipt"),
        OrderStatus.DELIVERED: pgettext("order next step", "Confirm receipt"),
        OrderStatus.DISPUTED: pgettext("order next step", "Follow the dispute"),
    }
    supplier = {
        OrderStatus.AWAITING_CONFIRMATION: pgettext("order next step", "Confirm order"),
        OrderStatus.IN_PRODUCTION: pgettext("order next step", "Finish production"),
        OrderStatus.READY_TO_SHIP: pgettext("order next step", "Ship"),
        OrderStatus.SHIPPED: pgettext("order next step", "Mark delivered"),
        OrderStatus.DISPUTED: pgettext("order next step", "Answer the dispute"),
    }
    steps = buyer if as_buyer else supplier
    return steps.get(OrderStatus(status), "") if status in OrderStatus.values else ""


def payment_terms_text(deposit_percent: Decimal, balance_due: str) -> str:
    """The deposit and when the balance is due, as one sentence (the wording of deals)."""
    if Decimal(deposit_percent) >= 100:
        return gettext("Full payment before production")
    if Decimal(deposit_percent) <= 0:
        return gettext("No deposit: the whole price is due as the balance")
    sentences = {
        "before_shipment": gettext("%(deposit)s %% deposit, balance before shipment"),
        "against_documents": gettext(
            "%(deposit)s %% deposit, balance against the shipping documents"
        ),
        "on_delivery": gettext("%(deposit)s %% deposit, balance on delivery"),
        "net_30": gettext("%(deposit)s %% deposit, balance 30 days after delivery"),
    }
    sentence = sentences.get(balance_due) or gettext("%(deposit)s %% deposit")
    return sentence % {"deposit": floatformat(deposit_percent, "-2")}
