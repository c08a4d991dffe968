"""Who may open which page: every member sees their own company; strangers see nothing of it."""

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.tests.web.pages import MEMBERS, client_as, main_html

pytestmark = pytest.mark.django_db

PAGES = (
    "/dashboard/",
    "/company/settings/",
    "/company/members/",
    "/company/invitations/",
    "/account/tokens/",
    "/company/verification/",
)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("actor", MEMBERS)
def test_every_member_opens_the_pages_of_their_company(team, actor, path):
    response = client_as(team, actor).get(path)

    assert response.status_code == 200
    assert team.company.display_name in response.text
    assert team.other_company.display_name not in response.text


@pytest.mark.parametrize("path", PAGES)
def test_a_member_of_another_company_sees_only_their_own_company(team, path):
    response = client_as(team, "outsider").get(path)

    assert response.status_code == 200
    assert team.other_company.display_name in response.text
    assert team.company.display_name not in response.text
    assert team.owner.user.email not in response.text


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(team, path):
    response = client_as(team, "anonymous").get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.parametrize("path", PAGES[1:])
def test_a_user_without_a_company_is_sent_to_the_dashboard(client_for, path):
    response = client_for(UserFactory.create()).get(path)

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_the_dashboard_offers_a_user_without_a_company_to_create_one(client_for):
    response = client_for(UserFactory.create()).get("/dashboard/")

    assert response.status_code == 200
    assert 'action="/company/new/"' in response.text


def test_member_pages_of_another_company_answer_not_found(team):
    client = client_as(team, "outsider")

    response = client.get(f"/company/members/{team.viewer.pk}/remove/")

    assert response.status_code == 404
    assert 'data-error-code="not_found"' in response.text


def test_an_unknown_member_answers_exactly_like_another_companys_member(team):
    client = client_as(team, "outsider")

    foreign = client.get(f"/company/members/{team.viewer.pk}/remove/")
    unknown = client.get("/company/members/00000000-0000-0000-0000-000000000000/remove/")

    assert (foreign.status_code, unknown.status_code) == (404, 404)
    assert main_html(foreign.text) == main_html(unknown.text)


def test_an_expired_session_sends_the_whole_htmx_page_to_sign_in(team):
    response = client_as(team, "anonymous").post(
        f"/company/members/{team.viewer.pk}/role/",
        {"role": "owner"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/company/members/"},
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fcompany%2Fmembers%2F"
    team.viewer.refresh_from_db()
    assert team.viewer.role == "viewer"


def test_operators_find_the_back_office_from_the_dashboard(team, client_for):
    operator = OperatorFactory.create()
    client = client_for(operator)

    page = client.get("/dashboard/")
    member_page = client_as(team, "owner").get("/dashboard/")

    assert 'href="/admin/"' in page.text
    assert 'href="/admin/"' not in member_page.text
