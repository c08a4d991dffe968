"""The catalog's steps on a supplier's dashboard checklist (registered in `CatalogConfig.ready`):
add or import the first products, then publish them."""

from django.urls import reverse

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.importing.jobs import can_import_catalog
from tradebridge.catalog.selectors import product_list_for_supplier
from tradebridge.companies.models import Membership
from tradebridge.companies.onboarding import OnboardingStep


def catalog_onboarding_steps(actor: Membership) -> list[OnboardingStep]:
    """For members who manage a supplier's catalog: two steps, each done once true (cheap
    EXISTS queries); publishing waits for the operator while products are pending review and
    none is published yet. Nothing for anyone else."""
    if not can_import_catalog(actor):
        return []
    products = product_list_for_supplier(actor=actor)
    published = products.filter(status=ProductStatus.PUBLISHED).exists()
    pending = 0 if published else products.filter(status=ProductStatus.PENDING_REVIEW).count()
    # a published or pending product is a product: the third query only while neither is
    has_products = published or pending > 0 or products.exists()
    return [
        OnboardingStep(key="products", done=has_products, url="catalog_import"),
        OnboardingStep(
            key="publish",
            done=published,
            url="catalog_manage_list",
            waiting=pending,
            waiting_link=f"{reverse('catalog_manage_list')}?status={ProductStatus.PENDING_REVIEW}",
        ),
    ]
