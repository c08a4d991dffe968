"""`{% payment_terms deposit_percent balance_due %}`: a quote's or a deal's payment terms as
one sentence per `BalanceDue` value, so that each language words the balance naturally
(never a capitalised choice label pasted mid-sentence)."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext

from tradebridge.rfq.enums import BalanceDue

register = template.Library()


def _sentence(balance_due: str) -> str:
    sentences: dict[str, str] = {
        BalanceDue.BEFORE_SHIPMENT: gettext("%(deposit)s %% deposit, balance before shipment"),
        BalanceDue.AGAINST_DOCUMENTS: gettext(
            "%(deposit)s %% deposit, balance against the shipping documents"
        ),
        BalanceDue.ON_DELIVERY: gettext("%(deposit)s %% deposit, balance on delivery"),
        BalanceDue.NET_30: gettext("%(deposit)s %% deposit, balance 30 days after delivery"),
    }
    return sentences.get(balance_due) or gettext("%(deposit)s %% deposit")


@register.simple_tag
def payment_terms(deposit_percent: Decimal, balance_due: str) -> str:
    """The deposit (up to two decimals, localised) and when the balance is due."""
    return _sentence(balance_due) % {"deposit": floatformat(deposit_percent, "-2")}
