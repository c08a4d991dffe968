"""The search use-cases the API and the pages share: search, load in rank order, log."""

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.search.enums import SearchKind, SearchSource
from tradebridge.search.errors import InvalidSearch
from tradebridge.search.models import SearchLog
from tradebridge.search.services.analytics import SearchContext
from tradebridge.search.services.searching import search_run_products, search_run_suppliers
from tradebridge.search.types import ProductQuery, ProductSort, SupplierQuery

pytestmark = pytest.mark.django_db

CONTEXT = SearchContext(source=SearchSource.API, language="en", currency="EUR")


def test_a_product_search_shows_the_visible_hits_in_rank_order_and_logs_them(shelf):
    Product.objects.filter(id=shelf.ball.id).update(status=ProductStatus.SUSPENDED)

    run = search_run_products(
        query=ProductQuery(text="soccer ball", sort=ProductSort.PRICE_DESC), context=CONTEXT
    )

    assert [hit.product_id for hit in run.found.hits] == [shelf.match_ball.id, shelf.ball.id]
    assert [product.id for product in run.products] == [shelf.match_ball.id]
    log = SearchLog.objects.get()
    assert (log.id, log.kind, log.source, log.result_count) == (
        run.log_id,
        SearchKind.PRODUCTS,
        SearchSource.API,
        2,
    )
    assert log.result_ids == [str(shelf.match_ball.id)]


def test_a_supplier_search_shows_active_suppliers_with_their_counts_and_logs_them(shelf):
    run = search_run_suppliers(query=SupplierQuery(text="xiamen"), context=CONTEXT)

    assert [(row.supplier.id, row.product_count) for row in run.rows] == [(shelf.xiamen.id, 2)]
    log = SearchLog.objects.get()
    assert (log.id, log.kind, log.result_ids) == (
        run.log_id,
        SearchKind.SUPPLIERS,
        [str(shelf.xiamen.id)],
    )


def test_a_refused_search_raises_and_is_not_logged(shelf):
    with pytest.raises(InvalidSearch):
        search_run_products(query=ProductQuery(page_size=500), context=CONTEXT)
    with pytest.raises(InvalidSearch):
        search_run_suppliers(query=SupplierQuery(min_response_rate=101), context=CONTEXT)

    assert SearchLog.objects.count() == 0
