"""Sign-up creates the user, their company and the owner membership, all or nothing."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from tradebridge.accounts.models import User
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import issue_invitation
from tradebridge.companies.tests.web.pages import elements

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-trade-password-7"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth throttles e-mails per address in the cache, which outlives a test."""
    cache.clear()


def _signup(**changes):
    data = {
        "full_name": "Li Wei",
        "email": "li.wei@huafeng.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "legal_name": "Xiamen Huafeng Sports Goods Co., Ltd.",
        "kind": "supplier",
        "country": "CN",
    }
    data.update(changes)
    return data


def _checked_kind(html: str) -> list[str]:
    return [
        a["value"] for a in elements(html, "input") if a.get("name") == "kind" and "checked" in a
    ]


@pytest.mark.parametrize(
    ("_case", "query", "checked"),
    [
        ("supplier link", "?kind=supplier", ["supplier"]),
        ("buyer link", "?kind=buyer", ["buyer"]),
        ("no kind", "", ["buyer"]),
        ("unknown kind", "?kind=operator", ["buyer"]),
    ],
)
def test_the_kind_is_preselected_from_the_link(client, _case, query, checked):
    response = client.get(f"/signup/{query}")

    assert response.status_code == 200
    assert _checked_kind(response.text) == checked


@pytest.mark.parametrize("path", ["/signup/", "/accounts/signup/"])
def test_signing_up_creates_the_user_the_company_and_the_owner_membership(client, path):
    response = client.post(path, _signup())

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get()
    assert (user.email, user.full_name, user.preferred_language) == (
        "li.wei@huafeng.example",
        "Li Wei",
        "en",
    )
    membership = Membership.objects.get()
    company = membership.company
    assert (membership.user, membership.role) == (user, Role.OWNER)
    assert (company.legal_name, company.kind, company.country) == (
        "Xiamen Huafeng Sports Goods Co., Ltd.",
        CompanyKind.SUPPLIER,
        "CN",
    )
    assert EmailAddress.objects.get(user=user).verified is False
    assert [message.to for message in mail.outbox] == [["li.wei@huafeng.example"]]


@pytest.mark.parametrize("missing", ["full_name", "legal_name", "kind", "country"])
def test_a_missing_field_creates_nothing(client, missing):
    response = client.post("/signup/", _signup(**{missing: ""}))

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert (User.objects.count(), Company.objects.count()) == (0, 0)


def test_an_unknown_country_creates_nothing(client):
    response = client.post("/signup/", _signup(country="XX"))

    assert "Select a valid choice." in response.text
    assert (User.objects.count(), Company.objects.count()) == (0, 0)


def test_an_invited_person_signs_up_without_creating_a_company(team, client):
    issued = issue_invitation(company=team.company, email="guest@example.com")

    response = client.post(
        "/signup/",
        _signup(
            email="guest@example.com", invitation=issued.token, legal_name="", kind="", country=""
        ),
    )

    assert response.status_code == 302
    user = User.objects.get(email="guest@example.com")
    assert Membership.objects.filter(user=user).exists() is False
    assert Company.objects.count() == 2  # the team's two companies only


def test_an_invitation_for_another_address_still_requires_a_company(team, client):
    issued = issue_invitation(company=team.company, email="guest@example.com")

    response = client.post(
        "/signup/",
        _signup(email="other@example.com", invitation=issued.token, legal_name="", country=""),
    )

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert User.objects.filter(email="other@example.com").exists() is False


def test_the_invitation_signup_page_hides_the_company_fields(team, client):
    issued = issue_invitation(company=team.company, email="guest@example.com")

    response = client.get(f"/signup/?email=guest@example.com&invitation={issued.token}")

    assert "You are joining a company by invitation" in response.text
    assert [a for a in elements(response.text, "input") if a.get("name") == "legal_name"] == []
