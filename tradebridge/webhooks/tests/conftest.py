"""Fixtures of the webhook tests: one company with a member per role, another company's
owner; http:// to 127.0.0.1 allowed (the test receiver), private addresses allowed by the
test settings (the SSRF tests turn that off)."""

from dataclasses import dataclass

import pytest
from django.test import override_settings

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory


@dataclass(frozen=True)
class People:
    company: Company
    owner: Membership
    admin: Membership
    purchaser: Membership
    sales: Membership
    viewer: Membership
    other_owner: Membership

    def member(self, label: str) -> Membership:
        return getattr(self, label)  # type: ignore[no-any-return]


def _member(company: Company, role: Role) -> Membership:
    user = UserFactory.create(email=f"{role}@{company.slug}.example.com")
    return MembershipFactory.create(company=company, user=user, role=role)


@pytest.fixture
def people(db: None) -> People:
    company = CompanyFactory.create(slug="lyon-sports")
    other = CompanyFactory.create(slug="rival-goods")
    return People(
        company=company,
        owner=_member(company, Role.OWNER),
        admin=_member(company, Role.ADMIN),
        purchaser=_member(company, Role.PURCHASER),
        sales=_member(company, Role.SALES),
        viewer=_member(company, Role.VIEWER),
        other_owner=_member(other, Role.OWNER),
    )


@pytest.fixture(autouse=True)
def _local_http_allowed() -> object:
    with override_settings(WEBHOOKS_ALLOW_HTTP=True, WEBHOOKS_ALLOW_PRIVATE=True):
        yield
