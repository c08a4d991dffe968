"""Factories for the catalog: categories, products with price tiers, variants, import jobs.

`ProductFactory.create(tiers=[(100, "4.20"), (500, "3.90")])` gives a product with those
tiers, `moq` the lowest tier (an explicit `moq=` other than 1 is kept) and
`min_unit_price`/`max_unit_price` kept as the services keep them. Without `tiers` it gets
two tiers (10 @ 5.00, 100 @ 4.50). Products are published by default and belong to a
supplier company.
"""

from collections.abc import Sequence as SequenceOf
from decimal import Decimal
from typing import Any

from django.utils import timezone
from factory.declarations import LazyAttribute, LazyFunction, PostGeneration, Sequence, SubFactory
from factory.django import DjangoModelFactory

from tradebridge.catalog.enums import ImportFormat, ImportStatus, ProductStatus, Unit
from tradebridge.catalog.models import Category, ImportJob, PriceTier, Product, ProductVariant
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.tests.factories import CompanyFactory

DEFAULT_TIERS: tuple[tuple[int, str], ...] = ((10, "5.00"), (100, "4.50"))


class SupplierFactory(CompanyFactory):
    kind = CompanyKind.SUPPLIER
    country = "CN"
    province = "Fujian"
    city = "Xiamen"
    default_currency = "USD"


class CategoryFactory(DjangoModelFactory[Category]):
    """A category outside Google's id range (>= 9,000,000), so it never clashes with the
    real taxonomy loaded by the migration. Pass `parent=` for a child."""

    class Meta:
        model = Category

    id = Sequence(lambda n: 9_000_000 + n)
    parent = None
    name = Sequence(lambda n: f"Test category {n}")
    path = LazyAttribute(
        lambda category: (
            f"{category.parent.path} > {category.name}" if category.parent else category.name
        )
    )
    depth = LazyAttribute(lambda category: category.parent.depth + 1 if category.parent else 0)


def _add_tiers(product: Product, create: bool, extracted: Any, **_: Any) -> None:
    if not create:
        return
    pairs: SequenceOf[tuple[int, str | Decimal]] = DEFAULT_TIERS if extracted is None else extracted
    tiers = [
        PriceTier(product=product, min_quantity=quantity, unit_price=Decimal(price))
        for quantity, price in pairs
    ]
    PriceTier.objects.bulk_create(tiers)
    prices = [tier.unit_price for tier in tiers]
    product.min_unit_price = min(prices) if prices else None
    product.max_unit_price = max(prices) if prices else None
    if tiers and product.moq == 1:  # the default: MOQ is the lowest tier, as the services do
        product.moq = min(tier.min_quantity for tier in tiers)
    product.save(update_fields=["min_unit_price", "max_unit_price", "moq"])


class ProductFactory(DjangoModelFactory[Product]):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    supplier = SubFactory(SupplierFactory)
    sku = Sequence(lambda n: f"SKU-{n:05d}")
    title = Sequence(lambda n: f"PU leather soccer ball size 5 model {n}")
    description = "Machine-stitched training ball."
    unit = Unit.PIECE
    currency = LazyAttribute(lambda product: product.supplier.default_currency)
    lead_time_days = 15
    hs_code = "950662"
    origin_country = "CN"
    status = ProductStatus.PUBLISHED
    published_at = LazyFunction(timezone.now)
    tiers = PostGeneration(_add_tiers)


class ProductVariantFactory(DjangoModelFactory[ProductVariant]):
    class Meta:
        model = ProductVariant

    product = SubFactory(ProductFactory)
    sku = Sequence(lambda n: f"VAR-{n:05d}")
    options = LazyFunction(lambda: {"Size": "5"})


class ImportJobFactory(DjangoModelFactory[ImportJob]):
    class Meta:
        model = ImportJob

    supplier = SubFactory(SupplierFactory)
    created_by = None
    filename = "catalog.csv"
    format = ImportFormat.CSV
    status = ImportStatus.QUEUED
