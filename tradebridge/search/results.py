"""What a search page or the API shows: the engine's hits loaded from the database.

The index is a projection that may lag the catalog by a task, so every load re-checks
visibility: a product suspended, unpublished or deleted after it was indexed, or one whose
supplier was suspended, is dropped here and never leaks.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, prefetch_related_objects

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import PriceTier, Product, ProductImage
from tradebridge.catalog.selectors import SUPPLIER_KINDS, product_list_public
from tradebridge.companies.models import Company

# What a card or the API's product summary shows, and nothing else: a product's JSON and
# decimal columns cost most to load, and a page of results loads 24 with their suppliers.
_SHOWN = (
    "sku",
    "title",
    "description",
    "translations",
    "unit",
    "currency",
    "moq",
    "order_multiple",
    "lead_time_days",
    "stock",
    "sample_available",
    "status",
    "published_at",
    "min_unit_price",
    "max_unit_price",
    "supplier",
    "category",
    "supplier__slug",
    "supplier__display_name",
    "supplier__kind",
    "supplier__country",
    "supplier__province",
    "supplier__city",
    "supplier__verification_level",
    "supplier__is_active",
    "category__name",
    "category__name_de",
    "category__name_es",
    "category__path",
    "category__parent",
    "category__depth",
)


def products_in_rank_order(*, product_ids: Sequence[uuid.UUID]) -> list[Product]:
    """The public products among `product_ids`, in that order, with what a result shows:
    supplier, category and images (one query for the products, one for the images). Price
    tiers are not loaded: a caller that shows them prefetches them (`product_tiers_load`).
    Only the fields in `_SHOWN` are loaded: reading another costs a query per product."""
    if not product_ids:
        return []
    images = ProductImage.objects.order_by("position", "created_at")
    products = (
        product_list_public(product_ids=product_ids)
        .only(*_SHOWN)
        .prefetch_related(None)  # the selector's tiers: only the API shows them
        .prefetch_related(Prefetch("images", queryset=images))
    )
    found = {product.id: product for product in products}
    return [found[product_id] for product_id in product_ids if product_id in found]


def product_tiers_load(products: Sequence[Product]) -> None:
    """Load the price tiers of `products` in one query (by ascending quantity)."""
    tiers = PriceTier.objects.order_by("min_quantity")
    prefetch_related_objects(list(products), Prefetch("tiers", queryset=tiers))


@dataclass(frozen=True, slots=True)
class SupplierRow:
    """A supplier as a search result shows it."""

    supplier: Company
    product_count: int  # its public products


def suppliers_in_rank_order(*, company_ids: Sequence[uuid.UUID]) -> list[SupplierRow]:
    """The active suppliers among `company_ids`, in that order, with their public product
    counts. Two queries."""
    if not company_ids:
        return []
    found = Company.objects.in_bulk(list(company_ids))
    visible = {
        company_id: company
        for company_id, company in found.items()
        if company.is_active and company.kind in SUPPLIER_KINDS
    }
    counts = dict(
        Product.objects.filter(status=ProductStatus.PUBLISHED, supplier_id__in=list(visible))
        .order_by()
        .values_list("supplier_id")
        .annotate(count=Count("*"))
    )
    return [
        SupplierRow(visible[company_id], counts.get(company_id, 0))
        for company_id in company_ids
        if company_id in visible
    ]
