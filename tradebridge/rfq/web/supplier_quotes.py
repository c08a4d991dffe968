"""The supplier's "My quotes" page under /supplier/quotes/: every quote of its company on any
RFQ, open, closed or awarded, with its status, filtered by status; quotes with a counter-offer
awaiting the supplier's answer come first. Read through the selectors with the actor: only the
company's own quotes, never another supplier's."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.rfq.enums import QuoteStatus
from tradebridge.rfq.quote_selectors import (
    QUOTES_COUNTERED,
    quote_current_revision,
    quote_list_for_supplier_page,
)
from tradebridge.rfq.web.roles import ensure_supplier

PAGE_SIZE = 30


def _filters() -> list[tuple[str, str]]:
    """The status filter's choices: all, counter-offers to answer, then each quote status."""
    return [
        ("", str(_("All quotes"))),
        (QUOTES_COUNTERED, str(_("Counter-offer to answer"))),
        *((status.value, str(status.label)) for status in QuoteStatus),
    ]


@acting_member
def supplier_quote_list(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company's own quotes, newest first, counter-offers awaiting an answer on top."""
    ensure_supplier(actor)
    filters = _filters()
    status = request.GET.get("status", "")
    if status not in {value for value, _label in filters}:
        status = ""
    quotes = quote_list_for_supplier_page(actor=actor, status=status)
    page = Paginator(quotes, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"quote": quote, "revision": quote_current_revision(quote=quote)}
        for quote in page.object_list
    ]
    context: dict[str, Any] = {
        "actor": actor,
        "page": page,
        "rows": rows,
        "filters": filters,
        "status": status,
        "page_query": f"&status={status}" if status else "",
    }
    return render(request, "rfq/supplier_quotes.html", context)
