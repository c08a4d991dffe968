"""Search endpoints: products and suppliers with facets, and autosuggest. Public (no
authentication), like the catalog's public reads; every search is logged for analytics.

Each endpoint runs the same use-case as its page (`search.services.searching`): the engine
answers ids in rank order, the results are loaded from the database by those ids
(`search.results`), which re-checks visibility, so a product hidden after it was indexed never
shows. A hit the database no longer shows simply drops from the page; `count` and the facets
are the engine's.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from tradebridge.catalog.api.schemas import storefront_url
from tradebridge.catalog.selectors import category_get
from tradebridge.companies.web.preferences import display_currency_for
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.selectors import fx_rate_table_latest
from tradebridge.search.actors import request_language, search_context
from tradebridge.search.api.schemas import (
    ProductSearchIn,
    ProductSearchOut,
    SuggestIn,
    SuggestionOut,
    SupplierHitOut,
    SupplierSearchIn,
    SupplierSearchOut,
    facets_out,
    price_in,
)
from tradebridge.search.engine import suggest
from tradebridge.search.enums import SearchSource
from tradebridge.search.results import product_tiers_load
from tradebridge.search.services.searching import search_run_products, search_run_suppliers

router = Router(tags=["search"])


@router.get(
    "/products",
    response=ProductSearchOut,
    auth=None,
    summary="Search products with facets",
    openapi_extra=error_responses(404),
)
def product_search(request: HttpRequest, params: Query[ProductSearchIn]) -> dict[str, Any]:
    """Published products of active suppliers matching `q` (title, description, attributes,
    category and supplier names, in every language of the product; typos and other
    languages forgiven) and the filters, with facet counts and prices in `currency`.

    Errors: 422 `invalid_input` (details name each bad parameter: `page_size` above 100,
    a malformed price, a currency outside the list...), 404 for an unknown category.
    Without `currency`, the visitor's display currency (always one of the list).
    """
    _check_category(params.category)
    currency = (params.currency or display_currency_for(request)).upper()
    query = params.to_query(currency=currency, language=request_language())
    context = search_context(request, source=SearchSource.API, currency=currency)
    run = search_run_products(query=query, context=context)
    found, products = run.found, run.products
    product_tiers_load(products)  # the summary lists the tiers; a page's cards do not
    rates = fx_rate_table_latest(
        on=timezone.localdate(), currencies={currency} | {p.currency for p in products}
    )
    price_in(request, currency=currency, rates=rates)
    return {
        "count": found.count,
        "count_is_estimate": found.count_is_estimate,
        "page": query.page,
        "page_size": query.page_size,
        "currency": currency,
        "results": products,  # as ProductHitOut
        "facets": facets_out(found.facets),
        "corrected_query": found.corrected_text or None,
        "suggestions": found.suggestions,
        "relaxed_filters": found.relaxed_filters,
    }


@router.get(
    "/suppliers",
    response=SupplierSearchOut,
    auth=None,
    summary="Search suppliers with facets",
    openapi_extra=error_responses(404),
)
def supplier_search(request: HttpRequest, params: Query[SupplierSearchIn]) -> SupplierSearchOut:
    """Active suppliers by name, profile, main products, category, place and verification.
    Errors: 422 `invalid_input`."""
    _check_category(params.category)
    query = params.to_query(language=request_language())
    context = search_context(
        request, source=SearchSource.API, currency=display_currency_for(request)
    )
    run = search_run_suppliers(query=query, context=context)
    return SupplierSearchOut(
        count=run.found.count,
        page=query.page,
        page_size=query.page_size,
        results=[
            SupplierHitOut(
                id=row.supplier.id,
                slug=row.supplier.slug,
                display_name=row.supplier.display_name,
                url=storefront_url(request, row.supplier.slug),
                country=row.supplier.country,
                province=row.supplier.province,
                city=row.supplier.city,
                verification_level=row.supplier.verification_level,  # type: ignore[arg-type]
                product_count=row.product_count,
            )
            for row in run.rows
        ],
        facets=facets_out(run.found.facets),
    )


@router.get(
    "/search/suggest",
    response=list[SuggestionOut],
    auth=None,
    summary="Complete a query as it is typed",
)
def search_suggest(request: HttpRequest, params: Query[SuggestIn]) -> list[SuggestionOut]:
    """Completions of `q` (prefixes, one typo forgiven): queries, categories and products,
    best first. Not logged. Errors: 422 `invalid_input` (empty `q`, `limit` above 20)."""
    return [
        SuggestionOut(
            text=entry.text,
            kind=entry.kind,
            category_id=entry.category_id,
            product_id=entry.product_id,
        )
        for entry in suggest(params.q, language=request_language(), limit=params.limit)
    ]


def _check_category(category_id: int | None) -> None:
    """An unknown category filter is a 404, as in `GET /categories?parent=`."""
    if category_id is not None:
        category_get(category_id=category_id)
