"""Payment terms as one sentence per balance-due value (the same sentences, and so the same
translations, as the RFQ pages' `{% payment_terms %}`; orders may not import rfq)."""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext


def _sentence(balance_due: str) -> str:
    sentences: dict[str, str] = {
        "before_shipment": gettext("%(deposit)s %% deposit, balance before shipment"),
        "against_documents": gettext(
            "%(deposit)s %% deposit, balance against the shipping documents"
        ),
        "on_delivery": gettext("%(deposit)s %% deposit, balance on delivery"),
        "net_30": gettext("%(deposit)s %% deposit, balance 30 days after delivery"),
    }
    return sentences.get(balance_due) or gettext("%(deposit)s %% deposit")


def payment_terms_sentence(deposit_percent: Decimal, balance_due: str) -> str:
    """ "30 % deposit, balance before shipment"; "Full payment in advance" at 100 %."""
    if deposit_percent >= 100:
        return gettext("Full payment in advance")
    return _sentence(balance_due) % {"deposit": floatformat(deposit_percent, "-2")}
