"""Loading the engine's hits: rank order kept, visibility re-checked on every load."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.catalog.web.display import product_cards
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.search.results import (
    SupplierRow,
    product_tiers_load,
    products_in_rank_order,
    suppliers_in_rank_order,
)

pytestmark = pytest.mark.django_db


def test_products_come_back_in_the_engines_order_with_what_a_card_needs():
    products = [ProductFactory.create() for _ in range(4)]
    ranked = [products[2].id, products[0].id, products[3].id, products[1].id]

    with CaptureQueriesContext(connection) as loading:
        loaded = products_in_rank_order(product_ids=ranked)
    with CaptureQueriesContext(connection) as showing:
        shown = [
            (card.title, card.url, card.price, card.unit, card.verification, card.thumbnail_url)
            for card in product_cards(loaded, "EUR")
        ]
        _ = [(p.supplier.slug, p.supplier.display_name, p.category) for p in loaded]

    assert [product.id for product in loaded] == ranked
    assert len(shown) == 4
    assert len(loading) == 2  # products with supplier and category; images (no tiers)
    assert all('"core_fxrate"' in query["sql"] for query in showing.captured_queries)


def test_the_price_tiers_of_a_page_load_in_one_query():
    products = [ProductFactory.create() for _ in range(3)]
    loaded = products_in_rank_order(product_ids=[product.id for product in products])

    with CaptureQueriesContext(connection) as queries:
        product_tiers_load(loaded)
        tiers = [[tier.min_quantity for tier in product.tiers.all()] for product in loaded]

    assert len(queries) == 1
    assert tiers == [
        sorted(tier.min_quantity for tier in product.tiers.all()) for product in products
    ]


@pytest.mark.parametrize(
    "status", [ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW, ProductStatus.SUSPENDED]
)
def test_a_product_hidden_after_indexing_is_dropped(status):
    shown, hidden = ProductFactory.create(), ProductFactory.create()
    Product.objects.filter(id=hidden.id).update(status=status)

    loaded = products_in_rank_order(product_ids=[hidden.id, shown.id])

    assert [product.id for product in loaded] == [shown.id]


def test_products_of_a_suspended_supplier_and_deleted_products_are_dropped():
    suspended = SupplierFactory.create(is_active=False)
    theirs, kept = ProductFactory.create(supplier=suspended), ProductFactory.create()

    loaded = products_in_rank_order(product_ids=[theirs.id, uuid.uuid4(), kept.id])

    assert [product.id for product in loaded] == [kept.id]
    assert products_in_rank_order(product_ids=[]) == []


def test_suppliers_in_order_with_their_public_product_counts_and_no_hidden_company():
    first, second = SupplierFactory.create(), SupplierFactory.create()
    ProductFactory.create(supplier=first)
    ProductFactory.create(supplier=first)
    ProductFactory.create(supplier=first, status=ProductStatus.DRAFT)
    buyer = CompanyFactory.create(kind=CompanyKind.BUYER)
    suspended = SupplierFactory.create(is_active=False)

    rows = suppliers_in_rank_order(
        company_ids=[second.id, buyer.id, suspended.id, first.id, uuid.uuid4()]
    )

    assert rows == [SupplierRow(second, 0), SupplierRow(first, 2)]
