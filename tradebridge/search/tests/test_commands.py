"""The index commands: a rebuild with its summary, and a follower that bootstraps and applies
the feed."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tradebridge.catalog.models import Product, ProductChange
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.core.tests.planner_statistics_probe import (
    statistics_cleared,
    tables_analyzed_since,
)
from tradebridge.search.engine import search_products
from tradebridge.search.store import current_generation, reader_reset
from tradebridge.search.types import ProductQuery

pytestmark = pytest.mark.django_db


def test_reindex_builds_and_switches_atomically(settings: Any, tmp_path: Path) -> None:
    settings.SEARCH_INDEX_DIR = tmp_path
    reader_reset()
    ProductFactory.create_batch(3, title="Enamel mug")
    out, err = StringIO(), StringIO()

    call_command("search-reindex", "--batch-size", "2", "--no-vectors", stdout=out, stderr=err)
    first = current_generation()
    call_command("search-reindex", stdout=StringIO(), stderr=StringIO())  # with vectors
    second = current_generation()

    assert "Indexed 3 products" in out.getvalue()
    assert "100%" in err.getvalue()
    assert first is not None
    assert second is not None
    assert first != second
    assert second.has_vectors  # the command's default: cross-language search
    vectors = second.open_vectors(read_only=True)
    assert vectors is not None
    assert len(vectors) == 3
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == [second.name]  # old one removed
    assert search_products(ProductQuery(text="mug")).count == 3


def test_reindex_first_refreshes_the_planner_statistics(settings: Any, tmp_path: Path) -> None:
    settings.SEARCH_INDEX_DIR = tmp_path
    reader_reset()
    ProductFactory.create_batch(3, title="Enamel mug")
    moment = statistics_cleared()
    out = StringIO()

    call_command("search-reindex", "--no-vectors", stdout=out, stderr=StringIO())

    assert {"catalog_product", "companies_company"} <= tables_analyzed_since(moment)
    assert out.getvalue().startswith("Planner statistics refreshed (")


def test_reindex_refuses_a_bad_batch_size() -> None:
    with pytest.raises(CommandError, match="batch-size"):
        call_command("search-reindex", "--batch-size", "0")


def test_follow_bootstraps_then_applies_the_feed(settings: Any, tmp_path: Path) -> None:
    settings.SEARCH_INDEX_DIR = tmp_path
    reader_reset()
    product = ProductFactory.create(title="Bamboo tray")
    ProductChange.objects.create(product_id=product.id, supplier_id=product.supplier_id)
    out = StringIO()

    call_command("search-follow", "--once", "--no-vectors", stdout=out, stderr=StringIO())
    assert "rebuilding" in out.getvalue()
    assert search_products(ProductQuery(text="tray")).count == 1

    Product.objects.filter(id=product.id).update(title="Bamboo board")
    ProductChange.objects.create(product_id=product.id, supplier_id=product.supplier_id)
    out = StringIO()
    call_command("search-follow", "--once", "--no-vectors", stdout=out, stderr=StringIO())
    assert "rebuilding" not in out.getvalue()
    assert "Applied 1 changes" in out.getvalue()
    assert search_products(ProductQuery(text="board")).count == 1
    assert search_products(ProductQuery(text="tray")).count == 0


def test_follow_rebuilds_when_the_feed_was_pruned_past_it(settings: Any, tmp_path: Path) -> None:
    settings.SEARCH_INDEX_DIR = tmp_path
    reader_reset()
    product = ProductFactory.create(title="Bamboo tray")
    first = ProductChange.objects.create(product_id=product.id, supplier_id=product.supplier_id)
    call_command("search-follow", "--once", "--no-vectors", stdout=StringIO(), stderr=StringIO())
    Product.objects.filter(id=product.id).update(title="Bamboo board")
    for _ in range(3):
        ProductChange.objects.create(product_id=product.id, supplier_id=product.supplier_id)
    ProductChange.objects.filter(id__lte=first.id + 1).delete()  # pruned before it followed

    out = StringIO()
    call_command("search-follow", "--once", "--no-vectors", stdout=out, stderr=StringIO())
    assert "rebuilding" in out.getvalue()
    assert search_products(ProductQuery(text="board")).count == 1
