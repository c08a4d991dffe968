"""Agreed deals under /deals/: the list and one deal, for the members of either company.

A deal is an accepted quote's terms, frozen (reference, price, quantity, Incoterm, payment,
the FX rate of the accepted revision); its buyer places its one order from the deal page
("Place order": the company's default shipping address, an optional PO number). Another
company's deal does not exist (404).
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.web.acting import acting_member
from tradebridge.companies.web.choices import country_name
from tradebridge.core.errors import Conflict, ValidationFailed
from tradebridge.orders.errors import ShipToRequired
from tradebridge.orders.models import Order
from tradebridge.orders.services.deal_orders import DealAlreadyOrdered
from tradebridge.rfq.quote_selectors import deal_get_for_party, deal_list_for_actor
from tradebridge.rfq.services.deal_orders import deal_order
from tradebridge.rfq.web.display import message_link, money_text, unit_price_text

PAGE_SIZE = 30


@acting_member
def deal_list(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company's deals, newest first, as buyer or as supplier."""
    page = Paginator(deal_list_for_actor(actor=actor), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "deal": deal,
            "as_buyer": deal.buyer_id == actor.company_id,
            "total": money_text(deal.total, deal.currency),
        }
        for deal in page.object_list
    ]
    context = {"actor": actor, "page": page, "rows": rows, "page_query": ""}
    return render(request, "rfq/deals.html", context)


@acting_member
def deal_detail(request: HttpRequest, actor: Membership, deal_id: uuid.UUID) -> HttpResponse:
    """One deal with its frozen terms, the RFQ it came from and the other company."""
    deal = deal_get_for_party(actor=actor, deal_id=deal_id)
    as_buyer = deal.buyer_id == actor.company_id
    other = deal.supplier if as_buyer else deal.buyer
    counterpart = {"supplier": other.slug} if as_buyer else {"buyer": str(other.pk)}
    context = {
        "actor": actor,
        "deal": deal,
        "as_buyer": as_buyer,
        "other": other,
        "other_country": country_name(other.country),
        "unit_price": unit_price_text(deal.unit_price, deal.currency),
        "total": money_text(deal.total, deal.currency),
        "fx_rates": sorted((deal.fx or {}).get("rates", {}).items()),
        "fx_date": (deal.fx or {}).get("date", ""),
        "fx_source": (deal.fx or {}).get("source", ""),
        "can_message": has_permission(actor, Permission.SEND_MESSAGES),
        "can_order": as_buyer and has_permission(actor, Permission.PLACE_ORDERS),
        "order": _order_of(deal.reference, actor) if as_buyer else None,
        "message_url": message_link(
            counterpart=counterpart, subject_kind="deal", subject_id=deal.pk
        ),
    }
    return render(request, "rfq/deal.html", context)


def _order_of(deal_reference: str, actor: Membership) -> Order | None:
    return Order.objects.filter(deal_reference=deal_reference, buyer_id=actor.company_id).first()


@require_POST
@acting_member
def deal_place_order(request: HttpRequest, actor: Membership, deal_id: uuid.UUID) -> HttpResponse:
    """The buyer orders the deal at its frozen terms, to its default shipping address; then
    the order's page. Refusals (no default address, already ordered) come back to the deal."""
    po_number = request.POST.get("po_number", "").strip()[:64]
    try:
        order = deal_order(actor=actor, deal_id=deal_id, ship_to=None, po_number=po_number)
    except ShipToRequired:
        messages.error(request, _("Add a default shipping address first, then place the order."))
        return redirect("deal_detail", deal_id=deal_id)
    except DealAlreadyOrdered:
        messages.info(request, _("This deal has already been ordered."))
        return redirect("deal_detail", deal_id=deal_id)
    except (ValidationFailed, Conflict) as error:
        messages.error(request, error.message)
        return redirect("deal_detail", deal_id=deal_id)
    messages.success(request, _("Order placed. The supplier will confirm it."))
    return redirect(reverse("orders_detail", kwargs={"order_id": order.pk}))
