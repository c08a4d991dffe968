"""What a search page or the API shows: the engine's hits loaded from the database.

The index is a projection that may lag the catalog by a task, so every load re-checks
visibility: a product suspended, unpublished or deleted after it was indexed, or one whose
supplier was suspended, is dropped here and never leaks.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product, ProductImage
from tradebridge.catalog.selectors import SUPPLIER_KINDS, product_list_public
from tradebridge.companies.models import Company


def products_in_rank_order(*, product_ids: Sequence[uuid.UUID]) -> list[Product]:
    """The public products among `product_ids`, in that order, with supplier, category, tiers
    and images loaded (one query for the products, one per prefetched relation)."""
    if not product_ids:
        return []
    images = ProductImage.objects.order_by("position", "created_at")
    found = {
        product.id: product
        for product in product_list_public(product_ids=product_ids).prefetch_related(
            Prefetch("images", queryset=images)
        )
    }
    return [found[product_id] for product_id in product_ids if product_id in found]


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
