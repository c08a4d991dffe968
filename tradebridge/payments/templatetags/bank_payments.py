"""`{% order_payments_panel actor order_id as order_payments %}`: the context of the order
page's payments panel, so the order page includes `payments/order_payments_panel.html` with
its own context (`actor`, `order`) and nothing else."""

from uuid import UUID

from django import template

from tradebridge.companies.models import Membership
from tradebridge.payments.web.payments_panel import PaymentsPanel, payments_panel_for_member

register = template.Library()


@register.simple_tag
def order_payments_panel(actor: object, order_id: object) -> PaymentsPanel | None:
    """The panel for `actor` on the order, or None without a membership, an order id or an
    escrow the actor's company is party to."""
    if not isinstance(actor, Membership) or not isinstance(order_id, UUID):
        return None
    return payments_panel_for_member(actor=actor, order_id=order_id)
