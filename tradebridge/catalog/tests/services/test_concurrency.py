"""Races on PostgreSQL: real threads, real transactions, real row locks."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import PriceTier, Product, ProductChange
from tradebridge.catalog.services import (
    ProductData,
    product_create,
    product_suspend,
    product_unpublish,
    product_upsert_by_sku,
    product_upsert_many,
)
from tradebridge.catalog.tests.conftest import SupplierTeam, ball_data
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.core.errors import DomainError

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("categories"),
]


def _race(calls: list[Callable[[], object]]) -> list[str]:
    """Run `calls` at the same moment in threads; return "ok" or the error code of each."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_concurrent_creates_of_one_sku_yield_one_product(team: SupplierTeam) -> None:
    outcomes = _race([lambda: product_create(actor=team.sales, data=ball_data())] * 4)

    assert outcomes == ["duplicate_sku"] * 3 + ["ok"]
    assert Product.objects.filter(sku="BALL-5").count() == 1
    assert PriceTier.objects.count() == 3


def test_concurrent_imports_of_one_new_sku_all_land_on_one_product(team: SupplierTeam) -> None:
    outcomes = _race(
        [lambda: product_upsert_by_sku(supplier=team.supplier, data=ball_data(), created_by=None)]
        * 4
    )

    assert outcomes == ["ok"] * 4
    assert Product.objects.filter(sku="BALL-5").count() == 1
    assert PriceTier.objects.count() == 3


def test_a_suspension_racing_an_unpublish_leaves_one_consistent_status(
    team: SupplierTeam,
) -> None:
    product = ProductFactory.create(supplier=team.supplier)

    outcomes = _race(
        [
            lambda: product_suspend(operator=team.operator, product_id=product.id, reason="Fake"),
            lambda: product_unpublish(actor=team.sales, product_id=product.id),
        ]
    )

    product.refresh_from_db()
    assert product.status == ProductStatus.SUSPENDED  # whichever ran first, suspension wins
    assert outcomes in (["ok", "ok"], ["invalid_transition", "ok"])


def test_concurrent_batch_imports_of_overlapping_skus_end_with_each_sku_once(
    team: SupplierTeam,
) -> None:
    ProductFactory.create(supplier=team.supplier, sku="SKU-045")  # one of them exists already
    first = [ball_data(sku=f"SKU-{number:03d}") for number in range(60)]
    second = [ball_data(sku=f"SKU-{number:03d}", stock=7) for number in reversed(range(30, 100))]

    def import_batch(items: list[ProductData]) -> None:
        with transaction.atomic():  # as the importer runs a batch
            outcomes = product_upsert_many(supplier=team.supplier, items=items, created_by=None)
        errors = [outcome.error for outcome in outcomes if outcome.error is not None]
        if errors:
            raise errors[0]

    outcomes = _race([lambda: import_batch(first), lambda: import_batch(second)])

    assert outcomes == ["ok", "ok"]
    skus = list(Product.objects.filter(supplier=team.supplier).values_list("sku", flat=True))
    assert sorted(skus) == [f"SKU-{number:03d}" for number in range(100)]
    assert PriceTier.objects.count() == 300
    assert ProductChange.objects.filter(supplier_id=team.supplier.id).count() >= 100
