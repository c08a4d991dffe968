"""Fixtures of the messaging tests: a buyer and a supplier company with one member per role,
and a third company whose members are outsiders to their threads."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.subjects import _RESOLVERS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`@pytest.mark.postgres` concurrency tests run on PostgreSQL only (deselected on SQLite)."""
    if connection.vendor == "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@dataclass(frozen=True)
class Parties:
    buyer: Company
    supplier: Company
    other: Company
    purchaser: Membership  # of the buyer
    buyer_owner: Membership
    buyer_viewer: Membership
    sales: Membership  # of the supplier
    supplier_admin: Membership
    supplier_viewer: Membership
    outsider: Membership  # the other company's owner

    def member(self, actor: str) -> Membership | None:
        return None if actor == "anonymous" else getattr(self, actor)


def _member(company: Company, role: Role, name: str) -> Membership:
    user = UserFactory.create(email=f"{name}@{company.slug}.example.com")
    return MembershipFactory.create(company=company, user=user, role=role)


@pytest.fixture
def parties(db: None) -> Parties:
    buyer = CompanyFactory.create(
        slug="acme-buyer", legal_name="Acme Buying", kind=CompanyKind.BUYER
    )
    supplier = CompanyFactory.create(
        slug="xiamen-balls", legal_name="Xiamen Balls", kind=CompanyKind.SUPPLIER
    )
    other = CompanyFactory.create(slug="other", legal_name="Other Trading", kind=CompanyKind.BOTH)
    return Parties(
        buyer=buyer,
        supplier=supplier,
        other=other,
        purchaser=_member(buyer, Role.PURCHASER, "purchaser"),
        buyer_owner=_member(buyer, Role.OWNER, "owner"),
        buyer_viewer=_member(buyer, Role.VIEWER, "viewer"),
        sales=_member(supplier, Role.SALES, "sales"),
        supplier_admin=_member(supplier, Role.ADMIN, "admin"),
        supplier_viewer=_member(supplier, Role.VIEWER, "viewer"),
        outsider=_member(other, Role.OWNER, "outsider"),
    )


def client_as(membership: Membership | None) -> Client:
    client = Client()
    if membership is not None:
        client.force_login(membership.user)
    return client


@pytest.fixture
def product_subjects() -> Iterator[dict[str, object]]:
    """A stand-in for catalog's product resolver (messaging never imports catalog): ids in
    the returned dict resolve to (label, supplier id)."""
    from tradebridge.messaging.subjects import SubjectInfo, subject_resolver_register

    known: dict[str, object] = {}
    saved = _RESOLVERS.get(SubjectKind.PRODUCT)

    def resolve(subject_id: object) -> SubjectInfo | None:
        found = known.get(str(subject_id))
        return found if isinstance(found, SubjectInfo) else None

    subject_resolver_register(SubjectKind.PRODUCT, resolve)
    yield known
    if saved is not None:
        subject_resolver_register(SubjectKind.PRODUCT, saved)
