"""Helpers of the cart and checkout tests: a buyer member, a supplier's products, a filled
cart, an address. Plain functions (not fixtures) so that services, API and race tests share
them."""

from decimal import Decimal
from typing import Any

from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.orders.models import ShippingAddress
from tradebridge.orders.services.addresses import ShipTo

SHIP_TO = ShipTo(
    name="Rhein Sport GmbH", line1="Hafenstr. 4", city="Duisburg", postal_code="47119", country="DE"
)


def buyer_member(role: Role = Role.PURCHASER, company: Company | None = None) -> Membership:
    company = company or CompanyFactory.create(kind=CompanyKind.BUYER)
    return MembershipFactory.create(company=company, role=role)


def supplier_company(**fields: Any) -> Company:
    return SupplierFactory.create(**fields)


def product(
    supplier: Company | None = None,
    *,
    tiers: tuple[tuple[int, str], ...] = ((10, "5.00"), (100, "4.50")),
    **fields: Any,
) -> Product:
    """A published product (MOQ = the lowest tier unless given)."""
    if supplier is not None:
        fields["supplier"] = supplier
    return ProductFactory.create(tiers=tiers, **fields)


def default_address(member: Membership) -> ShippingAddress:
    return ShippingAddress.objects.create(
        company=member.company,
        name="Main warehouse",
        line1="Hafenstr. 4",
        city="Duisburg",
        postal_code="47119",
        country="DE",
        is_default=True,
    )


def money(amount: str, currency: str = "USD") -> dict[str, str]:
    return {"amount": f"{Decimal(amount):.2f}", "currency": currency}
