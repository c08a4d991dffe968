"""A labelled relevance set: queries, each with the product that must be in the top 10.

The catalog is every product row of the UCI Online Retail data the demo ships (CC BY 4.0,
`tradebridge/demo/data/SOURCE.md`: 3,900 real gift-ware titles, read here as plain data), plus
products with French, German, Spanish and Chinese titles written for these tests. The cases
cover exact words, plurals (stemming), typos, prefixes as typed, and Chinese.
"""

import csv
from decimal import Decimal
from pathlib import Path
from typing import Final

import pytest
from django.utils import timezone

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.search.engine import search_products
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.types import ProductQuery

pytestmark = pytest.mark.django_db

UCI_FILE: Final = (
    Path(__file__).resolve().parents[2] / "demo" / "data" / "uci_online_retail_products_derived.csv"
)

# sku -> (English title, {language: title})
WRITTEN: Final = {
    "ML-1": (
        "Ceramic teapot with bamboo handle",
        {
            "fr": "Théière en céramique avec anse en bambou",
            "de": "Keramik Teekanne mit Bambusgriff",
            "es": "Tetera de cerámica con asa de bambú",
            "zh": "竹柄陶瓷茶壶",
        },
    ),
    "ML-2": (
        "Stainless steel vacuum flask 500 ml",
        {
            "fr": "Bouteille isotherme en acier inoxydable 500 ml",
            "de": "Edelstahl Thermosflasche 500 ml",
            "es": "Termo de acero inoxidable 500 ml",
            "zh": "不锈钢保温杯 500毫升",
        },
    ),
    "ML-3": (
        "Handwoven rattan storage basket",
        {
            "fr": "Panier de rangement en rotin tissé à la main",
            "de": "Handgeflochtener Aufbewahrungskorb aus Rattan",
            "es": "Cesta de almacenaje de ratán tejida a mano",
            "zh": "手工编织藤编收纳篮",
        },
    ),
    "ML-4": (
        "LED solar garden lights, set of 6",
        {
            "fr": "Lampes solaires de jardin à LED, lot de 6",
            "de": "LED Solar Gartenleuchten, 6er Set",
            "es": "Luces solares LED para jardín, juego de 6",
            "zh": "LED太阳能花园灯 6件套",
        },
    ),
}

# (query, sku that must be in the top 10)
LABELLED: Final = (
    # exact words of real titles
    ("white hanging heart t-light holder", "85123A"),
    ("regency cakestand", "22423"),
    ("doormat keep calm", None),  # resolved below: the first doormat titled so
    # plurals and other inflections
    ("cakestands", "22423"),
    ("doormats union flag", None),
    ("jumbo bags red retrospot", "85099B"),
    ("alarm clocks bakelike red", None),
    # one typo in a longer word
    ("regancy cakestand", "22423"),
    ("jumbo bag red retrospt", "85099B"),
    ("chocolate hot water botle", None),
    ("hanging heart t-light holdr", "85123A"),
    # the last word as typed so far
    ("party bunt", "47566"),
    ("spaceboy lunch bo", None),
    ("spaceboy lunch b", None),  # one letter of the next word is not a word yet
    ("regency cakes", "22423"),
    # written in French, German, Spanish, Chinese
    ("théières", "ML-1"),
    ("theiere ceramique", "ML-1"),
    ("teekanne", "ML-1"),
    ("tetera ceramica", "ML-1"),
    ("茶壶", "ML-1"),
    ("陶瓷茶壶", "ML-1"),
    ("bouteilles isothermes", "ML-2"),
    ("thermosflasche", "ML-2"),
    ("termo acero", "ML-2"),
    ("保温杯", "ML-2"),
    ("paniers rotin", "ML-3"),
    ("aufbewahrungskorb", "ML-3"),
    ("cestas ratan", "ML-3"),
    ("收纳篮", "ML-3"),
    ("lampes solaires jardin", "ML-4"),
    ("gartenleuchten", "ML-4"),
    ("luces solares", "ML-4"),
    ("太阳能花园灯", "ML-4"),
    # typos in other languages, English query of a multilingual product
    ("thermosflashe", "ML-2"),
    ("rattan baskets", "ML-3"),
)

# Queries above whose labelled product is found by title in the data (first match in file).
BY_TITLE: Final = {
    "doormat keep calm": "DOORMAT KEEP CALM AND COME IN",
    "doormats union flag": "DOORMAT UNION FLAG",
    "alarm clocks bakelike red": "ALARM CLOCK BAKELIKE RED",
    "chocolate hot water botle": "CHOCOLATE HOT WATER BOTTLE",
    "spaceboy lunch bo": "SPACEBOY LUNCH BOX",
    "spaceboy lunch b": "SPACEBOY LUNCH BOX",
}


@pytest.fixture(scope="module")
def uci_rows() -> list[tuple[str, str, Decimal]]:
    rows, seen = [], set()
    with UCI_FILE.open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            code = raw["StockCode"].strip().upper()
            title = " ".join(raw["Description"].split())
            if not title or code in seen:
                continue
            seen.add(code)
            rows.append((code, title, Decimal(raw["median_unit_price_gbp"])))
    return rows


@pytest.fixture
def catalog(search_index: object, uci_rows: list[tuple[str, str, Decimal]]) -> dict[str, str]:
    """The UCI rows and the written products, published; returns product id by SKU."""
    supplier = SupplierFactory.create(display_name="Albion Giftware", default_currency="GBP")
    now = timezone.now()
    products = [
        Product(
            supplier=supplier,
            sku=code,
            title=title,
            currency="GBP",
            status=ProductStatus.PUBLISHED,
            published_at=now,
            min_unit_price=price,
            max_unit_price=price,
        )
        for code, title, price in uci_rows
    ]
    products += [
        Product(
            supplier=supplier,
            sku=sku,
            title=title,
            translations={language: {"title": text} for language, text in translated.items()},
            currency="GBP",
            status=ProductStatus.PUBLISHED,
            published_at=now,
            min_unit_price=Decimal("3.50"),
            max_unit_price=Decimal("4.20"),
        )
        for sku, (title, translated) in WRITTEN.items()
    ]
    Product.objects.bulk_create(products, batch_size=500)
    search_reindex()
    return {sku: str(product_id) for sku, product_id in Product.objects.values_list("sku", "id")}


def _expected(query: str, sku: str | None, uci_rows: list[tuple[str, str, Decimal]]) -> str:
    if sku is not None:
        return sku
    title = BY_TITLE[query]
    return next(code for code, found, _ in uci_rows if found == title)


def test_every_labelled_product_is_in_the_top_ten(
    catalog: dict[str, str], uci_rows: list[tuple[str, str, Decimal]]
) -> None:
    misses = []
    for query, sku in LABELLED:
        wanted = catalog[_expected(query, sku, uci_rows)]
        top = search_products(ProductQuery(text=query, page_size=10))
        if wanted not in {str(hit.product_id) for hit in top.hits}:
            misses.append((query, top.count))
    assert misses == []


def test_a_query_with_two_typos_is_corrected(catalog: dict[str, str]) -> None:
    results = search_products(ProductQuery(text="regancy cakstnd"))
    assert results.corrected_text == "regency cakestand"
    assert catalog["22423"] in {str(hit.product_id) for hit in results.hits}


def test_a_filter_that_empties_the_result_is_named(catalog: dict[str, str]) -> None:
    results = search_products(ProductQuery(text="cakestand", supplier_country="VN"))
    assert results.count == 0
    assert results.relaxed_filters == ["supplier_country"]
