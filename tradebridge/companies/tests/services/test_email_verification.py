"""A confirmed e-mail address earns the companies its user owns the level *e-mail verified*."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.events import CompanyVerificationChanged
from tradebridge.companies.models import Company, CompanyVerificationEvent
from tradebridge.companies.services import company_create_with_owner, company_verify_email
from tradebridge.companies.services.verification import EMAIL_VERIFIED_NOTE
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core import events

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    seen: list[events.Event] = []
    monkeypatch.setattr(events, "_installed", {CompanyVerificationChanged: [seen.append]})
    return seen


def _level(company: Company) -> str:
    return Company.objects.get(id=company.id).verification_level


def test_the_owners_unverified_companies_are_raised_once(published):
    owner = UserFactory.create()
    unverified = CompanyFactory.create()
    audited = CompanyFactory.create(verification_level=VerificationLevel.AUDITED)
    viewer_of = CompanyFactory.create()
    for company, role in (
        (unverified, Role.OWNER),
        (audited, Role.OWNER),
        (viewer_of, Role.VIEWER),
    ):
        MembershipFactory.create(user=owner, company=company, role=role)

    assert company_verify_email(user=owner) == [unverified]
    assert company_verify_email(user=owner) == []

    assert _level(unverified) == VerificationLevel.EMAIL_VERIFIED
    assert (_level(audited), _level(viewer_of)) == (
        VerificationLevel.AUDITED,
        VerificationLevel.UNVERIFIED,
    )
    event = CompanyVerificationEvent.objects.get()
    assert (event.company, event.operator, event.from_level, event.to_level, event.note) == (
        unverified,
        None,
        VerificationLevel.UNVERIFIED,
        VerificationLevel.EMAIL_VERIFIED,
        EMAIL_VERIFIED_NOTE,
    )
    assert published == [CompanyVerificationChanged(company_id=unverified.id)]


def test_an_unconfirmed_address_earns_nothing():
    owner = UserFactory.create(email_verified=False)
    company = CompanyFactory.create()
    MembershipFactory.create(user=owner, company=company, role=Role.OWNER)

    assert company_verify_email(user=owner) == []
    assert _level(company) == VerificationLevel.UNVERIFIED


def test_a_company_created_by_a_confirmed_owner_is_email_verified_at_once():
    membership = company_create_with_owner(
        user=UserFactory.create(), legal_name="Nordic Goods AB", kind="buyer", country="SE"
    )

    assert membership.company.verification_level == VerificationLevel.EMAIL_VERIFIED


def test_confirming_the_address_after_sign_up_shows_e_mail_verified(client: Client):
    cache.clear()  # allauth throttles e-mails per address in the cache, which outlives a test
    response = client.post(
        "/signup/",
        {
            "full_name": "Li Wei",
            "email": "li@bright.example.com",
            "password1": "a long and unusual pass 42",
            "password2": "a long and unusual pass 42",
            "legal_name": "Bright Sports Ltd",
            "kind": CompanyKind.SUPPLIER,
            "country": "CN",
        },
    )
    assert response.status_code == 302
    company = Company.objects.get()
    assert company.verification_level == VerificationLevel.UNVERIFIED
    key = next(
        line.split("/confirm-email/")[1].split("/")[0]
        for line in mail.outbox[-1].body.splitlines()
        if "/confirm-email/" in line
    )

    confirmed = client.post(f"/accounts/confirm-email/{key}/")

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get().verified is True
    assert _level(company) == VerificationLevel.EMAIL_VERIFIED
    dashboard = client.get("/dashboard/")
    assert "E-mail verified" in dashboard.text
