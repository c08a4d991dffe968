"""A supplier with one member per role, another supplier, a buyer, and today's ECB rates."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.models import FxRate

ACTORS = ("owner", "admin", "sales", "viewer", "purchaser", "other_supplier", "buyer", "anonymous")
WRITERS = ("owner", "admin", "sales")
READERS = ("viewer", "purchaser")
STRANGERS = ("other_supplier", "buyer")

# Units per euro on the ECB's day (real reference rates of 2024-06-14).
RATES = {"USD": "1.0700", "CNY": "7.7646", "GBP": "0.84250", "JPY": "168.23"}


@dataclass(frozen=True)
class Market:
    supplier: Company
    owner: Membership
    admin: Membership
    sales: Membership
    viewer: Membership
    purchaser: Membership
    other_supplier: Membership
    buyer: Membership

    def member(self, actor: str) -> Membership | None:
        return None if actor == "anonymous" else getattr(self, actor)

    def client(self, actor: str) -> Client:
        client = Client()
        membership = self.member(actor)
        if membership is not None:
            client.force_login(membership.user)
        return client


def _member(company: Company, role: Role, label: str) -> Membership:
    user = UserFactory.create(email=f"{label}@{company.slug}.example.com")
    return MembershipFactory.create(company=company, user=user, role=role)


@pytest.fixture
def market(db: None) -> Market:
    supplier = SupplierFactory.create(
        slug="xiamen-sports",
        legal_name="Xiamen Sports Goods Co., Ltd.",
        display_name="Xiamen Sports",
        description="Balls and training gear since 2009.",
        languages=["en", "zh-hans"],
        website="https://xiamen-sports.example.com",
    )
    other = SupplierFactory.create(slug="ningbo-home", display_name="Ningbo Home")
    buyer = CompanyFactory.create(slug="berlin-retail", kind=CompanyKind.BUYER)
    return Market(
        supplier=supplier,
        owner=_member(supplier, Role.OWNER, "owner"),
        admin=_member(supplier, Role.ADMIN, "admin"),
        sales=_member(supplier, Role.SALES, "sales"),
        viewer=_member(supplier, Role.VIEWER, "viewer"),
        purchaser=_member(supplier, Role.PURCHASER, "purchaser"),
        other_supplier=_member(other, Role.OWNER, "other"),
        buyer=_member(buyer, Role.OWNER, "buyer"),
    )


@pytest.fixture
def rates(db: None) -> dict[str, Decimal]:
    """ECB rates published yesterday (a converted price names that day)."""
    day = timezone.localdate() - timedelta(days=1)
    for currency, rate in RATES.items():
        FxRate.objects.create(date=day, currency=currency, rate=Decimal(rate))
    return {currency: Decimal(rate) for currency, rate in RATES.items()}
