"""The search pages: products with facets (also every category's landing page), suppliers,
autosuggest, and the click beacon of search analytics.

Every page is a plain GET whose URL holds the whole search; HTMX requests for the search
area get only that partial (`#results`), and the browser's history gets the same URL, so
reload, back and links without JavaScript all land on the same page.
"""

import math
import uuid
from dataclasses import replace
from typing import Any, Final

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from tradebridge.catalog.models import Category
from tradebridge.catalog.selectors import category_ancestors, category_get
from tradebridge.catalog.web.display import (
    category_name,
    category_url,
    product_cards,
    visitor_locale,
)
from tradebridge.companies.web.choices import country_name
from tradebridge.companies.web.preferences import display_currency_for
from tradebridge.core.errors import DomainError, NotFound
from tradebridge.messaging.selectors import (
    NO_FIGURES,
    ResponseFigures,
    supplier_response_figures,
)
from tradebridge.search.actors import request_language, search_context
from tradebridge.search.engine import suggest
from tradebridge.search.enums import SearchSource
from tradebridge.search.selectors import category_names
from tradebridge.search.services.analytics import search_click_record
from tradebridge.search.services.searching import (
    ProductSearchRun,
    SupplierSearchRun,
    search_run_products,
    search_run_suppliers,
)
from tradebridge.search.types import ProductFacet
from tradebridge.search.web.facet_links import (
    FacetGroup,
    Labels,
    SearchUrls,
    facet_changes,
    facet_groups,
    facet_title,
)
from tradebridge.search.web.forms import PAGE_SIZE, ProductSearchForm, SupplierSearchForm

MAX_RESULTS: Final = 10_000  # the engine pages through this many at most
PRODUCT_FACETS: Final = [facet.value for facet in ProductFacet]
SUPPLIER_FACETS: Final = ["country", "province"]
SEARCH_AREA: Final = "search-area"


def _wants_partial(request: HttpRequest) -> bool:
    """An HTMX swap of the search area (a history restore needs the whole page)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Target") == SEARCH_AREA
        and headers.get("HX-History-Restore-Request") != "true"
    )


def _respond(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    name = f"{template}#results" if _wants_partial(request) else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _pages(urls: SearchUrls, count: int, current: int) -> dict[str, Any]:
    """Previous/next links and a window of page numbers, within what the engine pages."""
    last = max(1, math.ceil(min(count, MAX_RESULTS) / PAGE_SIZE))
    window = range(max(1, current - 2), min(last, current + 2) + 1)
    return {
        "number": current,
        "last": last,
        "previous_url": urls.page(current - 1) if current > 1 else "",
        "next_url": urls.page(current + 1) if current < last else "",
        "numbers": [(number, urls.page(number)) for number in window],
    }


# --- products ---------------------------------------------------------------------------


@require_GET
def product_search(request: HttpRequest) -> HttpResponse:
    """/search/?q=...: products matching words and filters, with facets."""
    return _product_page(request, category=None)


@require_GET
def category_page(request: HttpRequest, category_id: int, slug: str) -> HttpResponse:
    """A category's landing page: the product search narrowed to the category (and below)."""
    try:
        current = category_get(category_id=category_id)
    except NotFound:
        raise Http404 from None
    return _product_page(request, category=current)


def _category_path(category_id: str) -> str:
    """The landing page of a category by id (as facet values carry it)."""
    if not category_id.isdigit():
        return reverse("search_products")
    name = category_names().label(int(category_id), language="en")
    return reverse("catalog_category", args=[int(category_id), slugify(name) or "category"])


def _product_page(request: HttpRequest, *, category: Category | None) -> HttpResponse:
    currency = display_currency_for(request)
    form = ProductSearchForm(request.GET)
    state = form.state_for(currency)
    price_dropped = any(name in form.parsed() for name in ("min_price", "max_price")) and not (
        "min_price" in state or "max_price" in state
    )
    query = form.to_query(currency=currency, language=request_language())
    if category is not None:
        state.pop("category", None)
        query = replace(query, category=category.pk)
        urls = SearchUrls(request.path, state, path_for_category=_category_path)
    else:
        urls = SearchUrls(reverse("search_products"), state)
    context = search_context(request, source=SearchSource.PAGE, currency=currency)
    problem, status, run = "", 200, ProductSearchRun()
    try:
        run = search_run_products(query=query, context=context)
    except DomainError as error:  # refused filters (422), or no index yet (503)
        problem, status = error.message, error.http_status
    found = run.found
    labels = Labels(currency=currency, locale=visitor_locale(), category_label=_category_label)
    page = {
        "category": category,
        "heading": _category_heading(category) if category is not None else None,
        "query": query,
        "state": state,
        "action": urls.changed({}).split("?")[0],
        "hidden": _hidden_fields(state, shown=("q", "min_price", "max_price", "sort")),
        "sort_choices": form.fields["sort"].choices,  # type: ignore[attr-defined]
        "count": found.count,
        "count_is_estimate": found.count_is_estimate,
        "cards": product_cards(run.products, currency),
        "log_id": run.log_id or "",
        "groups": facet_groups(found.facets, urls=urls, labels=labels, order=PRODUCT_FACETS),
        "pages": _pages(urls, found.count, query.page),
        "corrected_text": found.corrected_text,
        "suggestions": [(text, urls.changed({"q": text})) for text in found.suggestions],
        "relaxed": _relaxed(found.relaxed_filters, urls),
        "ignored": form.ignored(),
        "price_dropped": price_dropped,
        "problem": problem,
        "currency": currency,
        "clear_url": urls.changed({name: None for name in state if name != "q"}),
        "suppliers_url": _suppliers_url(query.text),
    }
    return _respond(request, "search/products.html", page, status=status)


def _category_label(category_id: str) -> str:
    if not category_id.isdigit():
        return category_id
    return category_names().label(int(category_id), language=request_language())


def _category_heading(category: Category) -> dict[str, Any]:
    ancestors = category_ancestors(category=category)
    return {
        "name": category_name(category),
        "breadcrumb": [(category_name(c), category_url(c)) for c in ancestors],
    }


def _hidden_fields(state: dict[str, str], *, shown: tuple[str, ...]) -> list[tuple[str, str]]:
    """The state the filter form carries in hidden inputs (the rest are visible fields)."""
    return [(name, value) for name, value in state.items() if name not in shown]


def _relaxed(names: list[str], urls: SearchUrls) -> list[tuple[str, str]]:
    """(facet title, URL without that filter) for each filter whose removal finds products."""
    return [(facet_title(name), urls.changed(facet_changes(name, None))) for name in names]


def _suppliers_url(text: str) -> str:
    return SearchUrls(reverse("search_suppliers"), {}).changed({"q": text})


# --- suppliers --------------------------------------------------------------------------


@require_GET
def supplier_search(request: HttpRequest) -> HttpResponse:
    """/search/suppliers/?q=...: suppliers by name, what they sell, place and verification."""
    form = SupplierSearchForm(request.GET)
    state = form.state()
    query = form.to_query(language=request_language())
    urls = SearchUrls(reverse("search_suppliers"), state)
    currency = display_currency_for(request)
    context = search_context(request, source=SearchSource.PAGE, currency=currency)
    problem, status, run = "", 200, SupplierSearchRun()
    try:
        run = search_run_suppliers(query=query, context=context)
    except DomainError as error:
        problem, status = error.message, error.http_status
    found = run.found
    labels = Labels(currency=currency, locale=visitor_locale())
    groups: list[FacetGroup] = facet_groups(
        found.facets, urls=urls, labels=labels, order=SUPPLIER_FACETS
    )
    page = {
        "query": query,
        "state": state,
        "action": urls.path,
        "hidden": _hidden_fields(state, shown=("q", "verified")),
        "verification_choices": form.fields["verified"].choices,  # type: ignore[attr-defined]
        "count": found.count,
        "rows": _supplier_rows(run),
        "groups": groups,
        "pages": _pages(urls, found.count, query.page),
        "ignored": form.ignored(),
        "problem": problem,
        "clear_url": urls.changed({name: None for name in state if name != "q"}),
        "products_url": SearchUrls(reverse("search_products"), {}).changed({"q": query.text}),
    }
    return _respond(request, "search/suppliers.html", page, status=status)


def _supplier_rows(run: SupplierSearchRun) -> list[tuple[Any, str, ResponseFigures]]:
    """Each hit with its country's name and response figures (one query for all)."""
    figures = supplier_response_figures(supplier_ids=[row.supplier.pk for row in run.rows])
    return [
        (row, country_name(row.supplier.country), figures.get(row.supplier.pk, NO_FIGURES))
        for row in run.rows
    ]


# --- autosuggest and clicks -------------------------------------------------------------


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """The header box's suggestions for `q` as it is typed (a partial; empty without text)."""
    text = request.GET.get("q", "").strip()[:100]
    found = suggest(text, language=request_language()) if text else []
    search = reverse("search_products")
    entries = []
    for entry in found:
        if entry.kind == "category" and entry.category_id is not None:
            url = SearchUrls(search, {}).changed({"category": str(entry.category_id)})
        elif entry.kind == "product" and entry.product_id is not None:
            url = reverse("catalog_product", args=[entry.product_id, slugify(entry.text) or "p"])
        else:
            url = SearchUrls(search, {}).changed({"q": entry.text})
        entries.append({"text": entry.text, "kind": entry.kind, "url": url})
    return render(request, "search/_suggestions.html", {"entries": entries, "text": text})


@require_POST
def click(request: HttpRequest) -> HttpResponse:
    """The beacon a search result sends when opened: 204, or 404 for a search or product
    that does not match a logged search's results (nothing recorded)."""
    try:
        search_id = uuid.UUID(request.POST.get("search", ""))
        product_id = uuid.UUID(request.POST.get("product", ""))
        search_click_record(search_id=search_id, product_id=product_id)
    except (ValueError, NotFound):
        return HttpResponse(status=404)
    return HttpResponse(status=204)
