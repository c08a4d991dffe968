"""The members page: inline role changes over HTMX, removal with confirmation, leaving."""

import pytest

from tradebridge.companies.enums import Role
from tradebridge.companies.models import ApiToken, Membership
from tradebridge.companies.tests.factories import issue_api_token
from tradebridge.companies.tests.web.pages import NON_MANAGERS, client_as, elements, htmx_headers

pytestmark = pytest.mark.django_db


def _role(membership: Membership) -> str:
    membership.refresh_from_db()
    return membership.role


def _active(membership: Membership) -> bool:
    membership.refresh_from_db()
    return membership.is_active


def test_owner_sees_a_role_select_for_each_colleague_but_not_for_themself(team):
    response = client_as(team, "owner").get("/company/members/")

    selects = [a["id"] for a in elements(response.text, "select") if a.get("name") == "role"]
    assert selects == [
        f"role-{team.admin.pk}",
        f"role-{team.purchaser.pk}",
        f"role-{team.sales.pk}",
        f"role-{team.viewer.pk}",
    ]


def test_an_admin_is_not_offered_the_owner_role_nor_the_owner_row(team):
    response = client_as(team, "admin").get("/company/members/")

    selects = [a["id"] for a in elements(response.text, "select") if a.get("name") == "role"]
    options = {a["value"] for a in elements(response.text, "option")}
    assert f"role-{team.owner.pk}" not in selects
    assert "owner" not in options


@pytest.mark.parametrize("actor", NON_MANAGERS)
def test_other_members_see_roles_as_text_only(team, actor):
    response = client_as(team, actor).get("/company/members/")

    assert [a for a in elements(response.text, "select") if a.get("name") == "role"] == []
    assert team.owner.user.email in response.text


def test_changing_a_role_over_htmx_returns_the_updated_row(team):
    response = client_as(team, "owner").post(
        f"/company/members/{team.viewer.pk}/role/", {"role": "sales"}, headers=htmx_headers()
    )

    assert response.status_code == 200
    assert response.text.strip().startswith(f'<tr id="member-{team.viewer.pk}" class="row-flash">')
    assert '<option value="sales" selected>' in response.text
    assert "<html" not in response.text
    assert _role(team.viewer) == Role.SALES


def test_changing_a_role_without_javascript_redirects_back(team):
    response = client_as(team, "admin").post(
        f"/company/members/{team.viewer.pk}/role/", {"role": "purchaser"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/company/members/"
    assert _role(team.viewer) == Role.PURCHASER


@pytest.mark.parametrize("actor", NON_MANAGERS)
def test_other_members_cannot_change_roles_and_nothing_changes(team, actor):
    response = client_as(team, actor).post(
        f"/company/members/{team.sales.pk}/role/", {"role": "admin"}
    )

    assert response.status_code == 403
    assert _role(team.sales) == Role.SALES


def test_an_admin_cannot_make_an_owner_and_the_row_says_why(team):
    response = client_as(team, "admin").post(
        f"/company/members/{team.viewer.pk}/role/", {"role": "owner"}, headers=htmx_headers()
    )

    assert response.status_code == 403
    assert "You cannot manage or assign a role above your own." in response.text
    assert _role(team.viewer) == Role.VIEWER


def test_the_last_owner_cannot_demote_themself(team):
    response = client_as(team, "owner").post(
        f"/company/members/{team.owner.pk}/role/", {"role": "admin"}, headers=htmx_headers()
    )

    assert response.status_code == 409
    assert "The last owner cannot be removed or demoted." in response.text
    assert _role(team.owner) == Role.OWNER


def test_an_unknown_role_is_refused(team):
    response = client_as(team, "owner").post(
        f"/company/members/{team.viewer.pk}/role/", {"role": "platform_staff"}
    )

    assert response.status_code == 422  # the same status the API gives a ValidationFailed
    assert 'data-error-code="validation_failed"' in response.text
    assert _role(team.viewer) == Role.VIEWER


def test_a_member_of_another_company_cannot_touch_our_members(team):
    client = client_as(team, "outsider")

    role = client.post(f"/company/members/{team.viewer.pk}/role/", {"role": "owner"})
    removal = client.post(f"/company/members/{team.viewer.pk}/remove/")

    assert (role.status_code, removal.status_code) == (404, 404)
    assert (_role(team.viewer), _active(team.viewer)) == (Role.VIEWER, True)


def test_removal_asks_for_confirmation_first(team):
    response = client_as(team, "owner").get(f"/company/members/{team.sales.pk}/remove/")

    assert response.status_code == 200
    assert f"Remove {team.sales.user.full_name}?" in response.text
    assert _active(team.sales) is True


def test_removing_a_member_revokes_their_tokens(team):
    token = issue_api_token(team.sales)

    response = client_as(team, "admin").post(f"/company/members/{team.sales.pk}/remove/")

    assert response.status_code == 302
    assert response["Location"] == "/company/members/"
    assert _active(team.sales) is False
    assert ApiToken.objects.get(pk=token.api_token.pk).revoked_at is not None


@pytest.mark.parametrize("actor", NON_MANAGERS)
def test_other_members_cannot_remove_anyone(team, actor):
    response = client_as(team, actor).post(f"/company/members/{team.admin.pk}/remove/")

    assert response.status_code == 403
    assert _active(team.admin) is True


def test_a_member_may_leave_and_lands_on_the_dashboard(team):
    client = client_as(team, "viewer")

    response = client.post(f"/company/members/{team.viewer.pk}/remove/")

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert _active(team.viewer) is False
    assert 'action="/company/new/"' in client.get("/dashboard/").text
