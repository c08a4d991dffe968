"""The company switcher: a user with several memberships picks the company they act for."""

import pytest

from tradebridge.companies.actors import CURRENT_COMPANY_SESSION_KEY
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.companies.tests.web.pages import client_as, elements

pytestmark = pytest.mark.django_db


def test_the_switcher_lists_every_company_of_the_user(team):
    MembershipFactory.create(user=team.viewer.user, company=team.other_company, role=Role.SALES)

    response = client_as(team, "viewer").get("/dashboard/")

    options = [a["value"] for a in elements(response.text, "option") if "value" in a]
    assert str(team.company.pk) in options
    assert str(team.other_company.pk) in options


def test_a_single_company_gets_no_switcher(team):
    response = client_as(team, "viewer").get("/dashboard/")

    assert [a for a in elements(response.text, "select") if a.get("name") == "company_id"] == []


def test_switching_changes_the_company_the_pages_show(team):
    MembershipFactory.create(user=team.viewer.user, company=team.other_company, role=Role.SALES)
    client = client_as(team, "viewer")

    response = client.post(
        "/company/switch/", {"company_id": team.other_company.pk, "next": "/company/members/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/company/members/"
    assert client.session[CURRENT_COMPANY_SESSION_KEY] == str(team.other_company.pk)
    assert team.outsider.user.email in client.get("/company/members/").text


def test_switching_to_a_company_that_is_not_yours_is_not_found(team):
    client = client_as(team, "viewer")
    client.get("/dashboard/")

    response = client.post("/company/switch/", {"company_id": team.other_company.pk})

    assert response.status_code == 404
    assert client.session[CURRENT_COMPANY_SESSION_KEY] == str(team.company.pk)


def test_switching_never_redirects_to_another_site(team):
    MembershipFactory.create(user=team.viewer.user, company=team.other_company, role=Role.SALES)

    response = client_as(team, "viewer").post(
        "/company/switch/", {"company_id": team.other_company.pk, "next": "https://evil.example"}
    )

    assert response["Location"] == "/dashboard/"
