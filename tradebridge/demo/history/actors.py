"""Who acts in the demo history, and what it refers to, found by the demo's own names."""

from uuid import UUID

from tradebridge.accounts.models import User
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.selectors import membership_list_for_user
from tradebridge.demo.marketplace import DEMO_COMPANIES

_OWNER_BY_DOMAIN = {
    company.people[0].email.split("@")[1]: company.people[0].email for company in DEMO_COMPANIES
}


def membership(email: str) -> Membership:
    """The demo person's membership (each belongs to one demo company)."""
    user = User.objects.get(email=email)
    return membership_list_for_user(user=user).select_related("company", "user").get()


def supplier(domain: str) -> Company:
    """The demo supplier whose people write from `domain`."""
    return membership(_OWNER_BY_DOMAIN[domain]).company


def product_id(domain: str, category_id: int, words: tuple[str, ...] = ()) -> UUID | None:
    """A published product of the supplier in the category, the first by SKU whose title has
    all `words` (else the first by SKU), if any."""
    products = Product.objects.filter(
        supplier=supplier(domain), category_id=category_id, status=ProductStatus.PUBLISHED
    ).order_by("sku")
    fitting = products
    for word in words:
        fitting = fitting.filter(title__icontains=word)
    found = fitting.values_list("id", flat=True).first()
    return found or products.values_list("id", flat=True).first()
