"""Taking and putting back ready-to-ship stock (`catalog.services.stock`)."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradebridge.catalog.errors import InsufficientStock
from tradebridge.catalog.models import Product, ProductChange, ProductVariant
from tradebridge.catalog.services.stock import StockItem, stock_release, stock_reserve, summed
from tradebridge.catalog.tests.factories import ProductFactory, ProductVariantFactory
from tradebridge.core.errors import NotFound

pytestmark = pytest.mark.django_db


def _stock(product: Product) -> int | None:
    return Product.objects.get(pk=product.pk).stock


def test_reserve_takes_units_and_writes_one_feed_row_per_product() -> None:
    product = ProductFactory.create(stock=10)
    other = ProductFactory.create(stock=3)
    before = ProductChange.objects.count()

    stock_reserve(items=[StockItem(product.pk, None, 4), StockItem(other.pk, None, 3)])

    assert _stock(product) == 6
    assert _stock(other) == 0
    assert set(
        ProductChange.objects.order_by("id")[before:].values_list("product_id", flat=True)
    ) == {
        product.pk,
        other.pk,
    }


def test_reserve_sums_lines_of_one_row_before_checking() -> None:
    product = ProductFactory.create(stock=5)

    with pytest.raises(InsufficientStock) as raised:
        stock_reserve(items=[StockItem(product.pk, None, 3), StockItem(product.pk, None, 3)])

    assert raised.value.details == {
        "product_id": str(product.pk),
        "variant_id": None,
        "requested": 6,
        "available": 5,
    }
    assert _stock(product) == 5


def test_reserve_is_all_or_nothing() -> None:
    plenty = ProductFactory.create(stock=10)
    scarce = ProductFactory.create(stock=1)
    before = ProductChange.objects.count()

    with pytest.raises(InsufficientStock):
        stock_reserve(items=[StockItem(scarce.pk, None, 2), StockItem(plenty.pk, None, 5)])

    assert (_stock(plenty), _stock(scarce)) == (10, 1)
    assert ProductChange.objects.count() == before


def test_made_to_order_passes_untouched() -> None:
    product = ProductFactory.create(stock=None)
    before = ProductChange.objects.count()

    stock_reserve(items=[StockItem(product.pk, None, 1_000)])

    assert _stock(product) is None
    assert ProductChange.objects.count() == before


def test_variant_lines_draw_on_the_variant_stock() -> None:
    product = ProductFactory.create(stock=None)
    red = ProductVariantFactory.create(product=product, stock=2)

    stock_reserve(items=[StockItem(product.pk, red.pk, 2)])
    with pytest.raises(InsufficientStock) as raised:
        stock_reserve(items=[StockItem(product.pk, red.pk, 1)])

    assert ProductVariant.objects.get(pk=red.pk).stock == 0
    assert raised.value.details["variant_id"] == str(red.pk)
    assert raised.value.details["available"] == 0


def test_a_variant_of_another_product_is_not_found() -> None:
    product = ProductFactory.create(stock=5)
    foreign = ProductVariantFactory.create(stock=5)

    with pytest.raises(NotFound):
        stock_reserve(items=[StockItem(product.pk, foreign.pk, 1)])

    assert ProductVariant.objects.get(pk=foreign.pk).stock == 5


def test_release_puts_units_back_and_skips_made_to_order() -> None:
    product = ProductFactory.create(stock=1)
    made = ProductFactory.create(stock=None)

    stock_release(items=[StockItem(product.pk, None, 4), StockItem(made.pk, None, 2)])

    assert (_stock(product), _stock(made)) == (5, None)


def test_rows_are_updated_in_id_order_whatever_the_line_order() -> None:
    products = [ProductFactory.create(stock=5) for _ in range(4)]
    shuffled = [products[2], products[0], products[3], products[1]]

    with CaptureQueriesContext(connection) as queries:
        stock_reserve(items=[StockItem(p.pk, None, 1) for p in shuffled])

    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    order = [
        next(i for i, p in enumerate(products) if p.pk.hex in sql.replace("-", ""))
        for sql in updates
    ]
    assert [products[i].pk for i in order] == sorted(p.pk for p in products)


def test_summed_orders_product_row_before_its_variants() -> None:
    product_id = uuid.UUID(int=5)
    variant_id = uuid.UUID(int=1)

    assert summed(
        [
            StockItem(product_id, variant_id, 1),
            StockItem(product_id, None, 2),
            StockItem(product_id, variant_id, 3),
        ]
    ) == [((product_id, None), 2), ((product_id, variant_id), 4)]


def test_stock_item_refuses_non_positive_and_non_int_quantities() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        StockItem(uuid.uuid4(), None, 0)
    with pytest.raises(TypeError):
        StockItem(uuid.uuid4(), None, True)
