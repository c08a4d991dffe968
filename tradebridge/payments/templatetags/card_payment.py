"""`{% card_payment_panel actor order_id as card_payment %}`: the context of the order page's
"Pay by card" panel, so the order page can include `payments/order_card_payment.html` with its
own context (`actor`, `order`) and nothing else."""

from uuid import UUID

from django import template

from tradebridge.companies.models import Membership
from tradebridge.payments.provider_selectors import CardPaymentPanel, card_payment_panel_for_member

register = template.Library()


@register.simple_tag
def card_payment_panel(actor: object, order_id: object) -> CardPaymentPanel | None:
    """The panel for `actor` on the order, or None without a membership or an order id."""
    if not isinstance(actor, Membership) or not isinstance(order_id, UUID):
        return None
    return card_payment_panel_for_member(actor=actor, order_id=order_id)
