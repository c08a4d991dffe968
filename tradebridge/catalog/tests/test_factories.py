from decimal import Decimal

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import (
    CategoryFactory,
    ImportJobFactory,
    ProductFactory,
    ProductVariantFactory,
)

pytestmark = pytest.mark.django_db


def test_product_factory_keeps_tiers_moq_and_price_range() -> None:
    product = ProductFactory.create(tiers=[(100, "4.20"), (500, "3.90"), (2000, "3.50")])

    product.refresh_from_db()
    assert [(t.min_quantity, t.unit_price) for t in product.tiers.all()] == [
        (100, Decimal("4.2000")),
        (500, Decimal("3.9000")),
        (2000, Decimal("3.5000")),
    ]
    assert product.moq == 100
    assert (product.min_unit_price, product.max_unit_price) == (Decimal("3.5"), Decimal("4.2"))
    assert product.status == ProductStatus.PUBLISHED
    assert product.currency == product.supplier.default_currency == "USD"


def test_explicit_moq_is_kept() -> None:
    product = ProductFactory.create(moq=250)

    product.refresh_from_db()
    assert product.moq == 250


def test_category_variant_and_import_job_factories() -> None:
    root = CategoryFactory.create(name="Sports")
    child = CategoryFactory.create(parent=root, name="Balls")
    variant = ProductVariantFactory.create()
    job = ImportJobFactory.create()

    assert (child.path, child.depth) == ("Sports > Balls", 1)
    assert variant.product.supplier_id is not None
    assert job.status == "queued"
