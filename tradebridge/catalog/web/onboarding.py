"""The catalog's steps on a supplier's dashboard checklist (registered in `CatalogConfig.ready`):
add or import the first products, then publish them."""

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.importing.jobs import can_import_catalog
from tradebridge.catalog.selectors import product_list_for_supplier
from tradebridge.companies.models import Membership
from tradebridge.companies.onboarding import OnboardingStep


def catalog_onboarding_steps(actor: Membership) -> list[OnboardingStep]:
    """For members who manage a supplier's catalog: two steps, each done once true (two
    cheap EXISTS queries); nothing for anyone else."""
    if not can_import_catalog(actor):
        return []
    products = product_list_for_supplier(actor=actor)
    return [
        OnboardingStep(key="products", done=products.exists(), url="catalog_import"),
        OnboardingStep(
            key="publish",
            done=products.filter(status=ProductStatus.PUBLISHED).exists(),
            url="catalog_manage_list",
        ),
    ]
