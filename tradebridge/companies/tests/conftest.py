from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`@pytest.mark.postgres` concurrency tests run on PostgreSQL only (deselected on SQLite)."""
    if connection.vendor == "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@dataclass(frozen=True)
class Team:
    """Company A with one member per role, and company B whose owner is the outsider."""

    company: Company
    owner: Membership
    admin: Membership
    purchaser: Membership
    sales: Membership
    viewer: Membership
    other_company: Company
    outsider: Membership

    def member(self, actor: str) -> Membership | None:
        """The membership behind an actor label of the authorization matrix (None: anonymous)."""
        return None if actor == "anonymous" else getattr(self, actor)


def _member(company: Company, role: Role) -> Membership:
    user = UserFactory.create(email=f"{role}@{company.slug}.example.com")
    return MembershipFactory.create(company=company, user=user, role=role)


@pytest.fixture
def team(db: None) -> Team:
    company = CompanyFactory.create(slug="alpha", legal_name="Alpha Trading GmbH")
    other = CompanyFactory.create(slug="beta", legal_name="Beta Sourcing Ltd")
    return Team(
        company=company,
        owner=_member(company, Role.OWNER),
        admin=_member(company, Role.ADMIN),
        purchaser=_member(company, Role.PURCHASER),
        sales=_member(company, Role.SALES),
        viewer=_member(company, Role.VIEWER),
        other_company=other,
        outsider=_member(other, Role.OWNER),
    )


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """A test client signed in as `user` (None: anonymous). CSRF is tested separately."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
