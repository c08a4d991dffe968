"""The search log: what a logged search keeps, clicks on shown results only, never a
failure that reaches the search."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError

from tradebridge.core.errors import NotFound
from tradebridge.search.enums import SearchKind, SearchSource
from tradebridge.search.models import SearchClick, SearchLog
from tradebridge.search.services.analytics import (
    SearchContext,
    iso_week,
    query_filters,
    query_normalize,
    search_click_record,
    search_log_products,
    search_log_suppliers,
)
from tradebridge.search.types import ProductQuery, ProductSort, SupplierQuery

pytestmark = pytest.mark.django_db

BUYER = uuid.UUID("00000000-0000-0000-0000-0000000000b1")
CONTEXT = SearchContext(
    source=SearchSource.PAGE, language="de", currency="EUR", company_id=BUYER, market="DE"
)


def test_queries_are_grouped_case_folded_width_folded_and_single_spaced():
    assert query_normalize("  Fußball   BALL ") == "fussball ball"
    assert query_normalize("\uff2c\uff25\uff24\u3000灯") == "led 灯"
    assert query_normalize("x" * 300) == "x" * 200


def test_the_iso_week_is_the_utc_one():
    assert iso_week(datetime(2026, 12, 3, 10, tzinfo=UTC)) == "2026-W49"
    assert iso_week(datetime(2027, 1, 1, 10, tzinfo=UTC)) == "2026-W53"


def test_only_the_filters_a_query_sets_are_kept_as_json_values():
    query = ProductQuery(
        text="ball",
        category=1112,
        min_price=Decimal("2.50"),
        ready_to_ship=False,
        sort=ProductSort.PRICE_ASC,
        currency="GBP",
        page=3,
    )

    assert query_filters(query) == {"category": 1112, "min_price": "2.5", "ready_to_ship": False}


def test_a_product_search_is_logged_with_its_context_and_the_ids_it_showed():
    shown = [uuid.uuid4(), uuid.uuid4()]
    query = ProductQuery(
        text="Ballon  de Foot", currency="EUR", sort=ProductSort.NEWEST, page=2, page_size=2
    )

    log_id = search_log_products(query=query, count=7, shown=shown, context=CONTEXT)

    assert log_id is not None
    log = SearchLog.objects.get(id=log_id)
    assert (log.kind, log.source, log.text, log.normalized) == (
        SearchKind.PRODUCTS,
        SearchSource.PAGE,
        "Ballon  de Foot",
        "ballon de foot",
    )
    assert (log.sort, log.page, log.page_size, log.result_count, log.zero_results) == (
        "newest",
        2,
        2,
        7,
        False,
    )
    assert (log.language, log.currency, log.company_id, log.market) == ("de", "EUR", BUYER, "DE")
    assert log.result_ids == [str(product_id) for product_id in shown]
    assert log.week == iso_week(log.created_at)


def test_a_search_without_results_is_flagged_and_a_supplier_search_logged_too():
    log_id = search_log_suppliers(
        query=SupplierQuery(text="kite", country="CN"), count=0, shown=[], context=CONTEXT
    )

    assert log_id is not None
    log = SearchLog.objects.get(id=log_id)
    assert (log.kind, log.zero_results, log.filters) == ("suppliers", True, {"country": "CN"})


def test_a_failing_log_write_is_swallowed_and_reported(monkeypatch, caplog):
    def broken(**fields: object) -> SearchLog:
        raise DatabaseError("disk full")

    monkeypatch.setattr(SearchLog.objects, "create", broken)

    assert search_log_products(query=ProductQuery(), count=1, shown=[], context=CONTEXT) is None
    assert "search log write failed" in caplog.text


def _logged(shown: list[uuid.UUID], *, page: int = 1, page_size: int = 24) -> uuid.UUID:
    query = ProductQuery(text="ball", page=page, page_size=page_size)
    log_id = search_log_products(query=query, count=50, shown=shown, context=CONTEXT)
    assert log_id is not None
    return log_id


def test_a_click_takes_its_position_from_the_logged_page_not_from_the_client():
    shown = [uuid.uuid4() for _ in range(3)]
    log_id = _logged(shown, page=3, page_size=3)

    click = search_click_record(search_id=log_id, product_id=shown[1])

    assert (click.search_id, click.product_id, click.position) == (log_id, shown[1], 8)


def test_a_repeated_click_is_counted_once():
    shown = [uuid.uuid4()]
    log_id = _logged(shown)

    first = search_click_record(search_id=log_id, product_id=shown[0])
    again = search_click_record(search_id=log_id, product_id=shown[0])

    assert first.pk == again.pk
    assert SearchClick.objects.count() == 1


def test_a_click_on_a_product_the_search_did_not_show_or_an_unknown_search_is_refused():
    log_id = _logged([uuid.uuid4()])
    supplier_log = search_log_suppliers(
        query=SupplierQuery(), count=1, shown=[BUYER], context=CONTEXT
    )
    assert supplier_log is not None

    for search_id, product_id in [
        (log_id, uuid.uuid4()),
        (uuid.uuid4(), uuid.uuid4()),
        (supplier_log, BUYER),
    ]:
        with pytest.raises(NotFound):
            search_click_record(search_id=search_id, product_id=product_id)
    assert SearchClick.objects.count() == 0
