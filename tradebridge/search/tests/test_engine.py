"""The engine over a real index of real database rows: words, languages, filters, sorting,
paging, and the answers to bad input."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind
from tradebridge.core.models import FxRate
from tradebridge.search.engine import InvalidSearch, search_products, suggest
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.store import SearchUnavailable
from tradebridge.search.types import ProductQuery, ProductSort

pytestmark = pytest.mark.django_db

SOCCER_BALLS = 1112  # Sporting Goods > Athletics > Soccer > Soccer Balls
CANDLE_HOLDERS = 2784  # Home & Garden > Decor > Home Fragrance Accessories > Candle Holders


def _ids(results: object) -> list[uuid.UUID]:
    return [hit.product_id for hit in results.hits]  # type: ignore[attr-defined]


def test_words_find_products_in_any_of_their_languages(search_index: object) -> None:
    ball = ProductFactory.create(
        title="PU leather soccer ball",
        translations={"fr": {"title": "Ballon de football en cuir"}, "zh": {"title": "皮革足球"}},
        category_id=SOCCER_BALLS,
    )
    holder = ProductFactory.create(title="White hanging heart T-light holder")
    search_reindex()

    assert _ids(search_products(ProductQuery(text="soccer balls"))) == [ball.id]
    assert _ids(search_products(ProductQuery(text="ballons"))) == [ball.id]  # French plural
    assert _ids(search_products(ProductQuery(text="足球"))) == [ball.id]
    assert _ids(search_products(ProductQuery(text="holders"))) == [holder.id]
    assert _ids(search_products(ProductQuery(text="hangnig"))) == [holder.id]  # one edit
    assert _ids(search_products(ProductQuery(text="hea"))) == [holder.id]  # prefix
    assert search_products(ProductQuery(text="hea ")).count == 0  # a finished word
    assert _ids(search_products(ProductQuery(text="athletics"))) == [ball.id]  # category
    both = search_products(ProductQuery())
    assert both.count == 2
    assert set(_ids(both)) == {ball.id, holder.id}


def test_hidden_products_are_never_indexed(search_index: object) -> None:
    ProductFactory.create(title="Draft lantern", status="draft", published_at=None)
    ProductFactory.create(title="Suspended lantern", status="suspended")
    ProductFactory.create(
        title="Lantern of a suspended supplier", supplier=SupplierFactory.create(is_active=False)
    )
    ProductFactory.create(  # a supplier turned buyer keeps its products, never public
        title="Lantern of a buyer", supplier=SupplierFactory.create(kind=CompanyKind.BUYER)
    )
    shown = ProductFactory.create(title="Published lantern")
    search_reindex()

    assert _ids(search_products(ProductQuery(text="lantern"))) == [shown.id]


def test_sorts_and_pages(search_index: object) -> None:
    now = timezone.now()
    FxRate.objects.create(date=timezone.localdate(), currency="USD", rate=Decimal("1.1000"))
    cheap = ProductFactory.create(
        title="Mug cheap", tiers=[(10, "1.00")], published_at=now - timedelta(days=3)
    )
    dear = ProductFactory.create(
        title="Mug dear", tiers=[(50, "9.00")], published_at=now - timedelta(days=1)
    )
    middle = ProductFactory.create(
        title="Mug middle", tiers=[(500, "5.00")], published_at=now - timedelta(days=2)
    )
    euro = ProductFactory.create(  # 4.50 EUR is 4.95 USD: between cheap and middle
        title="Mug euro",
        supplier=SupplierFactory.create(default_currency="EUR"),
        tiers=[(20, "4.50")],
        published_at=now - timedelta(days=4),
    )
    search_reindex()

    for currency in ("USD", "EUR"):
        by_price = search_products(ProductQuery(text="mug", currency=currency, sort="price"))  # type: ignore[arg-type]
        assert _ids(by_price) == [cheap.id, euro.id, middle.id, dear.id]
        down = search_products(ProductQuery(text="mug", currency=currency, sort="-price"))  # type: ignore[arg-type]
        assert _ids(down) == [dear.id, middle.id, euro.id, cheap.id]
    by_moq = search_products(ProductQuery(text="mug", sort=ProductSort.MOQ_ASC))
    assert _ids(by_moq) == [cheap.id, euro.id, dear.id, middle.id]
    second = search_products(
        ProductQuery(text="mug", currency="USD", sort=ProductSort.PRICE_ASC, page=2, page_size=3)
    )
    assert (second.count, _ids(second)) == (4, [dear.id])
    newest = search_products(ProductQuery(text="mug", sort=ProductSort.NEWEST))
    assert _ids(newest) == [dear.id, middle.id, cheap.id, euro.id]


def test_bad_input_is_refused_with_the_fields_named(search_index: object) -> None:
    with pytest.raises(InvalidSearch) as raised:
        search_products(
            ProductQuery(
                page=0,
                page_size=500,
                currency="XXY",
                min_price=Decimal(5),
                max_price=Decimal(2),
                verified="gold",
                category=-1,
                max_moq=2**70,
                max_lead_time_days=-3,
            )
        )
    assert set(raised.value.details) == {
        "page",
        "page_size",
        "currency",
        "max_price",
        "verified",
        "category",
        "max_moq",
        "max_lead_time_days",
    }
    assert raised.value.http_status == 422


def test_no_index_says_search_is_unavailable(db: None) -> None:
    with pytest.raises(SearchUnavailable):
        search_products(ProductQuery(text="anything"))


def test_suggest_completes_the_last_word(search_index: object) -> None:
    ProductFactory.create(title="Candle holder glass")
    ProductFactory.create(title="Candlestick brass")
    search_reindex()

    texts = [s.text for s in suggest("cand", language="en") if s.kind == "query"]
    assert set(texts) == {"candle", "candlestick"}
    products = [s for s in suggest("glass cand", language="en") if s.kind == "product"]
    assert [s.text for s in products] == ["Candle holder glass"]


def test_a_very_long_text_is_cut_not_refused(search_index: object) -> None:
    ProductFactory.create(title="Porcelain teapot 陶瓷茶壶")
    search_reindex()

    long_text = "porcelain " * 500 + "陶瓷茶壶" * 500
    assert search_products(ProductQuery(text=long_text)).count == 1
