"""Which buttons the order page shows to whom, and their wording. The lifecycle services
decide for real (they check the table, the role, the deadlines); the page only hides the
buttons that would certainly be refused, and names each action the way the API does."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order
from tradebridge.orders.selectors import order_balance_grace_ends_at
from tradebridge.orders.transitions import OrderSide, actions_open


@dataclass(frozen=True)
class ActionView:
    name: str  # the API's action name, also the page's URL segment and the button's data-action
    label: str
    style: str  # btn modifier: "btn--primary", "btn--danger", ""


def _labels() -> dict[str, tuple[str, str]]:
    return {
        "confirm": (_("Confirm the order"), "btn--primary"),
        "decline": (_("Decline"), "btn--danger"),
        "production-done": (_("Production finished"), "btn--primary"),
        "ship": (_("Ship the order"), "btn--primary"),
        "mark-delivered": (_("Mark as delivered"), ""),
        "cancel-unpaid": (_("Cancel: balance unpaid"), "btn--danger"),
        "cancel": (_("Cancel the order"), "btn--danger"),
        "confirm-receipt": (_("Confirm receipt"), "btn--primary"),
        "dispute": (_("Open a dispute"), "btn--danger"),
    }


def action_view(name: str) -> ActionView:
    label, style = _labels()[name]
    return ActionView(name, label, style)


def actions_for(order: Order, *, actor: Membership, as_buyer: bool, now: datetime) -> list[str]:
    """The actions the page offers the actor: those the table and the deadlines leave open to
    its side, none to a role that may not act."""
    permission = Permission.PLACE_ORDERS if as_buyer else Permission.FULFIL_ORDERS
    if not has_permission(actor, permission):
        return []
    return actions_open(
        status=OrderStatus(order.status),
        side=OrderSide.BUYER if as_buyer else OrderSide.SUPPLIER,
        now=now,
        ship_by=order.ship_by,
        protection_ends_at=order.protection_ends_at,
        balance_grace_ends_at=order_balance_grace_ends_at(order=order),
    )
