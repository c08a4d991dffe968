"""The order page (/orders/<id>/), one page for both parties: the header (reference, status,
parties, PO, Incoterm), the lines, the deadlines, the timeline in the reader's language, the
actions the reader may take, the reminder while a payment is due, and the panels of payments,
card payment, dispute and documents.

Another company's order does not exist (404); a viewer reads and sees no action button.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone

from tradebridge.catalog.web.quantities import quantity_text
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.web.acting import acting_member
from tradebridge.companies.web.choices import country_name
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderLine
from tradebridge.orders.selectors import (
    OrderSide,
    order_get_for_company,
    order_lines,
    order_side,
    order_timeline,
)
from tradebridge.orders.subjects import order_message_url
from tradebridge.orders.web.actions import action_view, actions_for
from tradebridge.orders.web.display import (
    money_text,
    payment_terms_text,
    status_badge,
    unit_price_text,
)
from tradebridge.orders.web.payment_due import payment_due
from tradebridge.orders.web.timeline import timeline_entries

# The panels other parts of the platform add to the order page (each template is its
# owner's); a panel whose template is not installed yet is left out, never faked.
PANELS = {
    "payments": "payments/order_payments_panel.html",
    "card_payment": "payments/order_card_payment.html",
    "dispute": "payments/dispute_panel.html",
    "documents": "orders/documents_panel.html",
}


@dataclass(frozen=True)
class LineRow:
    line: OrderLine
    quantity: str  # "100 pieces", in the reader's language and plural
    unit_price: str
    line_total: str


@dataclass(frozen=True)
class Deadline:
    kind: str  # confirm_by, deposit_due, ship_by, ship_by_passed, protection
    at: datetime


def _panels() -> dict[str, bool]:
    installed = {}
    for key, name in PANELS.items():
        try:
            get_template(name)
        except TemplateDoesNotExist:
            installed[key] = False
        else:
            installed[key] = True
    return installed


def deadlines(order: Order, now: datetime) -> list[Deadline]:
    """The deadline that matters in the order's status (at most one, plus none when final)."""
    status = OrderStatus(order.status)
    found: list[Deadline] = []
    if status == OrderStatus.AWAITING_CONFIRMATION and order.confirm_by:
        found.append(Deadline("confirm_by", order.confirm_by))
    elif status == OrderStatus.AWAITING_DEPOSIT and order.deposit_due_at:
        found.append(Deadline("deposit_due", order.deposit_due_at))
    elif status in (OrderStatus.IN_PRODUCTION, OrderStatus.READY_TO_SHIP) and order.ship_by:
        kind = "ship_by_passed" if order.ship_by < now else "ship_by"
        found.append(Deadline(kind, order.ship_by))
    elif status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) and order.protection_ends_at:
        found.append(Deadline("protection", order.protection_ends_at))
    return found


def _line_rows(order: Order) -> list[LineRow]:
    return [
        LineRow(
            line=line,
            quantity=quantity_text(line.quantity, line.unit),
            unit_price=unit_price_text(line.unit_price, order.currency),
            line_total=money_text(line.line_total, order.currency),
        )
        for line in order_lines(order=order)
    ]


def order_context(actor: Membership, order: Order, now: datetime) -> dict[str, Any]:
    """What `orders/detail.html` reads (also the confirm pages' header)."""
    as_buyer = order_side(order, company_id=actor.company_id) == OrderSide.BUYER
    return {
        "actor": actor,
        "order": order,
        "as_buyer": as_buyer,
        "other": order.supplier if as_buyer else order.buyer,
        "badge": status_badge(order.status),
        "subtotal": money_text(order.subtotal, order.currency),
        "total": money_text(order.total, order.currency),
        "payment_terms": payment_terms_text(order.deposit_percent, order.balance_due),
        "ship_to_country": country_name(order.ship_to_country) if order.ship_to_country else "",
        "deadlines": deadlines(order, now),
        "full_upfront": order.deposit_percent >= 100,
    }


@acting_member
def order_detail(request: HttpRequest, actor: Membership, order_id: uuid.UUID) -> HttpResponse:
    """The order with everything both parties need to see and do."""
    order = order_get_for_company(actor=actor, order_id=order_id)
    now = timezone.now()
    context = order_context(actor, order, now)
    as_buyer = context["as_buyer"]
    actions = actions_for(order, actor=actor, as_buyer=as_buyer, now=now)
    context |= {
        "lines": _line_rows(order),
        "timeline": timeline_entries(order_timeline(order=order), order),
        "actions": [action_view(name) for name in actions],
        "panels": _panels(),
        "payment_due": payment_due(order),
        "can_message": has_permission(actor, Permission.SEND_MESSAGES),
        "message_url": order_message_url(order, as_buyer=as_buyer),
    }
    return render(request, "orders/detail.html", context)
