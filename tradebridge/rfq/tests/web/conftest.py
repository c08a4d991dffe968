"""The RFQ pages' cast: a buyer with one member per role, an open RFQ of theirs quoted by two
suppliers (A in USD, B in CNY), a third supplier that did not quote, another buyer, and the
ECB rates of the day."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.models import FxRate
from tradebridge.rfq.models import RFQ, Quote
from tradebridge.rfq.tests.factories import BuyerFactory, QuoteFactory, RFQFactory

RATES = {"USD": Decimal("1.0800"), "CNY": Decimal("7.6500"), "GBP": Decimal("0.8500")}
HTMX = {"HX-Request": "true"}


@dataclass(frozen=True)
class Market:
    rfq: RFQ
    quote_a: Quote
    quote_b: Quote
    buyer: Membership  # owner
    purchaser: Membership
    buyer_sales: Membership
    buyer_viewer: Membership
    supplier_a: Membership  # owner
    supplier_a_sales: Membership
    supplier_a_viewer: Membership
    supplier_b: Membership
    supplier_c: Membership  # did not quote
    other_buyer: Membership

    def client(self, actor: str) -> Client:
        client = Client()
        if actor != "anonymous":
            client.force_login(getattr(self, actor).user)
        return client


def member(company: Company, role: Role, label: str) -> Membership:
    user = UserFactory.create(email=f"{label}@{company.slug}.example.com")
    return MembershipFactory.create(company=company, user=user, role=role)


@pytest.fixture
def rates(db: None) -> dict[str, Decimal]:
    day = timezone.localdate() - timedelta(days=1)
    FxRate.objects.bulk_create(
        FxRate(date=day, currency=code, rate=rate) for code, rate in RATES.items()
    )
    return RATES


@pytest.fixture
def market(db: None, rates: dict[str, Decimal]) -> Market:
    buyer_company = BuyerFactory.create(slug="lyon-sport", display_name="Lyon Sport")
    owner = member(buyer_company, Role.OWNER, "owner")
    supplier_a = SupplierFactory.create(slug="xiamen-balls", display_name="Xiamen Balls")
    supplier_b = SupplierFactory.create(slug="ningbo-sports", display_name="Ningbo Sports")
    supplier_c = SupplierFactory.create(slug="quiet-supplier", display_name="Quiet Supplier")
    rfq = RFQFactory.create(
        buyer=buyer_company, created_by=owner.user, title="Match footballs size 5", quantity=1000
    )
    quote_a = QuoteFactory.create(rfq=rfq, supplier=supplier_a)
    quote_b = QuoteFactory.create(
        rfq=rfq,
        supplier=supplier_b,
        revision__currency="CNY",
        revision__tiers=[{"min_quantity": 500, "unit_price": "27.50"}],
        revision__moq=500,
        revision__fx_rates={"EUR": "1", "CNY": "7.6500"},
        revision__lead_time_days=20,
    )
    return Market(
        rfq=rfq,
        quote_a=quote_a,
        quote_b=quote_b,
        buyer=owner,
        purchaser=member(buyer_company, Role.PURCHASER, "purchaser"),
        buyer_sales=member(buyer_company, Role.SALES, "sales"),
        buyer_viewer=member(buyer_company, Role.VIEWER, "viewer"),
        supplier_a=member(supplier_a, Role.OWNER, "owner"),
        supplier_a_sales=member(supplier_a, Role.SALES, "sales"),
        supplier_a_viewer=member(supplier_a, Role.VIEWER, "viewer"),
        supplier_b=member(supplier_b, Role.OWNER, "owner"),
        supplier_c=member(supplier_c, Role.OWNER, "owner"),
        other_buyer=member(BuyerFactory.create(slug="berlin-buy"), Role.OWNER, "owner"),
    )
