"""The buyer's "My orders" (/orders/) and the supplier's "Orders" (/supplier/orders/): status
chips with counts, a search box, one paginated table (cards on phones).

A buying company opens the first, a selling company the second; to the others they are not
there (404). The selector scopes every row to the actor's company.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import NotFound
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order
from tradebridge.orders.selectors import OrderSide, order_list_for_company
from tradebridge.orders.web.display import money_text, next_step, status_badge

PAGE_SIZE = 25
_SIDE_KINDS = {
    OrderSide.BUYER: (CompanyKind.BUYER, CompanyKind.BOTH),
    OrderSide.SUPPLIER: (CompanyKind.SUPPLIER, CompanyKind.BOTH),
}


@dataclass(frozen=True)
class Chip:
    value: str
    label: str
    count: int
    current: bool
    query: str


@dataclass(frozen=True)
class OrderRow:
    order: Order
    other: str
    total: str
    badge: str
    next_step: str


@acting_member
def buyer_orders(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The orders the company bought."""
    return _list_page(request, actor, OrderSide.BUYER)


@acting_member
def supplier_orders(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The orders buyers placed with the company."""
    return _list_page(request, actor, OrderSide.SUPPLIER)


def _list_page(request: HttpRequest, actor: Membership, side: OrderSide) -> HttpResponse:
    if actor.company.kind not in _SIDE_KINDS[side]:
        raise NotFound()
    status_text = request.GET.get("status", "")
    status = OrderStatus(status_text) if status_text in OrderStatus.values else None
    q = request.GET.get("q", "").strip()[:100]
    searched = order_list_for_company(actor=actor, role=side, q=q)
    orders = searched.filter(status=status) if status is not None else searched
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    as_buyer = side == OrderSide.BUYER
    context = {
        "actor": actor,
        "as_buyer": as_buyer,
        "title": _("My orders") if as_buyer else _("Orders"),
        "both_sides": actor.company.kind == CompanyKind.BOTH,
        "chips": _chips(searched, status, q),
        "status": status.value if status else "",
        "q": q,
        "page": page,
        "page_query": _page_query(status, q),
        "rows": [_row(order, as_buyer=as_buyer) for order in page.object_list],
    }
    return render(request, "orders/list.html", context)


def _row(order: Order, *, as_buyer: bool) -> OrderRow:
    other = order.supplier if as_buyer else order.buyer
    return OrderRow(
        order=order,
        other=other.display_name,
        total=money_text(order.total, order.currency),
        badge=status_badge(order.status),
        next_step=next_step(order.status, as_buyer=as_buyer),
    )


def _chips(searched: QuerySet[Order], status: OrderStatus | None, q: str) -> list[Chip]:
    """ "All" and every status that has orders (or is the one chosen), with counts."""
    rows = searched.order_by().values("status").annotate(count=Count("id"))
    counts = {row["status"]: row["count"] for row in rows}
    extra = {"q": q} if q else {}
    chips = [Chip("", _("All"), sum(counts.values()), status is None, urlencode(extra))]
    for value, label in OrderStatus.choices:
        if counts.get(value) or status == value:
            query = urlencode({"status": value, **extra})
            chips.append(Chip(value, str(label), counts.get(value, 0), status == value, query))
    return chips


def _page_query(status: OrderStatus | None, q: str) -> str:
    params = {key: value for key, value in (("status", status or ""), ("q", q)) if value}
    return f"&{urlencode(params)}" if params else ""
