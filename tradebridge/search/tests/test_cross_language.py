"""Cross-language search through the engine: English-only products found by queries in
French, German, Spanish and Chinese (their meaning vectors, `search.hybrid`), with exact
counts and facets over the union of keyword and meaning matches."""

import uuid
from typing import Final

import pytest
from django.utils import timezone

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.search.engine import search_products
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.tests.test_embeddings import LABELLED
from tradebridge.search.types import ProductQuery

pytestmark = pytest.mark.django_db

# (query, index in LABELLED of the English-only product it must find in the top 10). Through
# the engine, 57 of the 80 queries of LABELLED find their product (last run); these are
# the labelled cases that must keep passing, four per language.
CASES: Final = (
    ("ballon de football", 0),
    ("tapis de yoga", 2),
    ("écouteurs sans fil", 8),
    ("lampes solaires de jardin", 14),
    ("Basketball", 1),
    ("Widerstandsbänder", 3),
    ("ergonomischer Bürostuhl", 11),
    ("Kaffeebecher", 12),
    ("balón de fútbol", 0),
    ("auriculares inalámbricos", 8),
    ("botella de agua de acero inoxidable", 10),
    ("juego de cuchillos de cocina", 13),
    ("人体工学办公椅", 11),
    ("守门员手套", 4),
    ("无线耳机", 8),
    ("咖啡杯", 12),
)


@pytest.fixture
def products(search_index_with_vectors: object) -> list[uuid.UUID]:
    supplier = SupplierFactory.create(default_currency="USD")
    paths = dict(Category.objects.values_list("path", "id"))
    made = Product.objects.bulk_create(
        Product(
            supplier=supplier,
            sku=f"L-{number}",
            title=title,
            category_id=paths.get(path),
            currency="USD",
            status=ProductStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        for number, (title, path, _queries) in enumerate(LABELLED)
    )
    search_reindex(vectors=True)
    return [product.id for product in made]


def test_queries_in_other_languages_find_the_english_products(products: list[uuid.UUID]) -> None:
    misses = []
    for query, number in CASES:
        results = search_products(ProductQuery(text=query, page_size=10))
        if products[number] not in [hit.product_id for hit in results.hits]:
            misses.append(query)
    assert misses == []


def test_counts_and_facets_include_the_matches_by_meaning(products: list[uuid.UUID]) -> None:
    results = search_products(ProductQuery(text="ballon de football"))
    assert [hit.product_id for hit in results.hits] == [products[0]]
    assert results.count == 1
    assert {v.label: v.count for v in results.facets["category"]} == {"Sporting Goods": 1}
    narrowed = search_products(ProductQuery(text="ballon de football", category=1112))
    assert narrowed.count == 1
    elsewhere = search_products(ProductQuery(text="ballon de football", supplier_country="VN"))
    assert elsewhere.count == 0
    assert elsewhere.relaxed_filters == ["supplier_country"]
