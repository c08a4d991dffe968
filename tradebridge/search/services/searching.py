"""The search use-cases the API and the pages share: run a search on this node's index, load
what it found from the database in rank order (visibility re-checked), and log it.

One function per kind of search, so `GET /api/v1/products` and `/search/` (or
`/api/v1/suppliers` and `/search/suppliers/`) cannot drift apart in what they show or log.
"""

import uuid
from dataclasses import dataclass, field

from tradebridge.catalog.models import Product
from tradebridge.search.engine import search_products, search_suppliers
from tradebridge.search.results import SupplierRow, products_in_rank_order, suppliers_in_rank_order
from tradebridge.search.services.analytics import (
    SearchContext,
    search_log_products,
    search_log_suppliers,
)
from tradebridge.search.types import ProductQuery, ProductResults, SupplierQuery, SupplierResults


@dataclass(frozen=True, slots=True)
class ProductSearchRun:
    """A product search as shown: the engine's answer, the products of its page that the
    database still shows (in rank order), and the search log's id (None if not logged)."""

    found: ProductResults = field(default_factory=lambda: ProductResults(count=0, hits=[]))
    products: list[Product] = field(default_factory=list)
    log_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class SupplierSearchRun:
    """A supplier search as shown: the engine's answer, the active suppliers of its page in
    rank order with their public product counts, and the search log's id."""

    found: SupplierResults = field(default_factory=lambda: SupplierResults(count=0, hits=[]))
    rows: list[SupplierRow] = field(default_factory=list)
    log_id: uuid.UUID | None = None


def search_run_products(*, query: ProductQuery, context: SearchContext) -> ProductSearchRun:
    """Search products, load the page's products and log the search (a failed log write
    never fails the search). Raises what the engine raises (InvalidSearch and other
    ValidationFailed, SearchUnavailable) before anything is logged: a refused search is
    not a search buyers ran."""
    found = search_products(query)
    products = products_in_rank_order(product_ids=[hit.product_id for hit in found.hits])
    log_id = search_log_products(
        query=query,
        count=found.count,
        shown=[product.id for product in products],
        context=context,
    )
    return ProductSearchRun(found=found, products=products, log_id=log_id)


def search_run_suppliers(*, query: SupplierQuery, context: SearchContext) -> SupplierSearchRun:
    """Search suppliers, load the page's suppliers and log the search. Raises what the engine
    raises, before anything is logged."""
    found = search_suppliers(query)
    rows = suppliers_in_rank_order(company_ids=[hit.company_id for hit in found.hits])
    log_id = search_log_suppliers(
        query=query,
        count=found.count,
        shown=[row.supplier.id for row in rows],
        context=context,
    )
    return SupplierSearchRun(found=found, rows=rows, log_id=log_id)
