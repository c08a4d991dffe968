"""Invitations: invite, list, revoke; and the accept link for signed-out and signed-in people."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.actors import CURRENT_COMPANY_SESSION_KEY
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Invitation, Membership
from tradebridge.companies.tests.factories import issue_invitation
from tradebridge.companies.tests.web.pages import (
    MANAGERS,
    NON_MANAGERS,
    client_as,
    elements,
    htmx_headers,
    main_html,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actor", MANAGERS)
def test_owners_and_admins_invite_by_email_and_role(
    team, actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(team, actor).post(
            "/company/invitations/", {"email": "New.Person@Example.com", "role": "sales"}
        )

    assert response.status_code == 302
    assert response["Location"] == "/company/invitations/"
    invitation = Invitation.objects.get(company=team.company)
    assert (invitation.email, invitation.role) == ("new.person@example.com", Role.SALES)
    assert [message.to for message in mail.outbox] == [["new.person@example.com"]]
    assert "/invitations/" in mail.outbox[0].body


@pytest.mark.parametrize("actor", NON_MANAGERS)
def test_other_members_see_pending_invitations_but_cannot_invite(team, actor):
    issue_invitation(company=team.company, email="pending@example.com")
    client = client_as(team, actor)

    page = client.get("/company/invitations/")
    response = client.post("/company/invitations/", {"email": "x@example.com", "role": "viewer"})

    assert page.status_code == 200
    assert "pending@example.com" in page.text
    assert [a for a in elements(page.text, "input") if a.get("name") == "email"] == []
    assert response.status_code == 403
    assert list(Invitation.objects.values_list("email", flat=True)) == ["pending@example.com"]
    assert mail.outbox == []


def test_an_admin_may_not_invite_an_owner(team):
    response = client_as(team, "admin").post(
        "/company/invitations/", {"email": "boss@example.com", "role": "owner"}
    )

    assert response.status_code == 400
    assert "Select a valid choice." in response.text
    assert Invitation.objects.exists() is False


def test_inviting_an_existing_member_is_refused_on_the_field(team):
    response = client_as(team, "owner").post(
        "/company/invitations/", {"email": team.viewer.user.email, "role": "viewer"}
    )

    assert response.status_code == 400
    assert "This person is already a member." in response.text
    assert Invitation.objects.exists() is False


def test_a_bad_address_is_refused(team):
    response = client_as(team, "owner").post(
        "/company/invitations/", {"email": "not-an-address", "role": "viewer"}
    )

    assert response.status_code == 400
    assert Invitation.objects.exists() is False


def test_revoking_over_htmx_removes_the_row(team):
    issued = issue_invitation(company=team.company)

    response = client_as(team, "admin").post(
        f"/company/invitations/{issued.invitation.pk}/revoke/", headers=htmx_headers()
    )

    assert (response.status_code, response.text) == (200, "")
    issued.invitation.refresh_from_db()
    assert issued.invitation.revoked_at is not None


@pytest.mark.parametrize("actor", [*NON_MANAGERS, "outsider"])
def test_revoking_is_refused_to_others_and_nothing_changes(team, actor):
    issued = issue_invitation(company=team.company)

    response = client_as(team, actor).post(f"/company/invitations/{issued.invitation.pk}/revoke/")

    assert response.status_code == (404 if actor == "outsider" else 403)
    issued.invitation.refresh_from_db()
    assert issued.invitation.revoked_at is None


def test_a_refused_htmx_revoke_reports_in_the_message_area(team):
    issued = issue_invitation(company=team.company)

    response = client_as(team, "viewer").post(
        f"/company/invitations/{issued.invitation.pk}/revoke/", headers=htmx_headers()
    )

    assert response.status_code == 403
    assert response["HX-Retarget"] == "#flash"
    assert 'data-error-code="permission_denied"' in response.text


def test_signed_out_visitors_are_offered_sign_in_or_sign_up_with_the_invited_address(team):
    issued = issue_invitation(company=team.company, email="guest@example.com", role=Role.SALES)
    here = f"/invitations/{issued.token}/"

    response = client_as(team, "anonymous").get(here)

    assert response.status_code == 200
    assert "Join Alpha Trading GmbH on Tradebridge" in response.text
    links = {a.get("href") for a in elements(response.text, "a")}
    assert f"/accounts/login/?{urlencode({'next': here})}" in links
    signup = {"email": "guest@example.com", "invitation": issued.token, "next": here}
    assert f"/signup/?{urlencode(signup)}" in links


def test_a_signed_in_invitee_accepts_and_acts_for_the_company(team):
    invitee = UserFactory.create(email="guest@example.com")
    issued = issue_invitation(company=team.company, email="guest@example.com", role=Role.SALES)
    client = client_as(team, "anonymous")
    client.force_login(invitee)

    response = client.post(f"/invitations/{issued.token}/")

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    membership = Membership.objects.get(user=invitee)
    assert (membership.company, membership.role) == (team.company, Role.SALES)
    assert client.session[CURRENT_COMPANY_SESSION_KEY] == str(team.company.pk)


def test_someone_else_cannot_use_the_invitation(team):
    issued = issue_invitation(company=team.company, email="guest@example.com")
    client = client_as(team, "outsider")

    page = client.get(f"/invitations/{issued.token}/")
    response = client.post(f"/invitations/{issued.token}/")

    assert "but you are signed in as" in page.text
    assert response.status_code == 404
    assert (
        Membership.objects.filter(company=team.company, user=team.outsider.user).exists() is False
    )
    issued.invitation.refresh_from_db()
    assert issued.invitation.accepted_at is None


def test_unknown_expired_and_revoked_links_look_the_same(team):
    expired = issue_invitation(
        company=team.company, expires_at=timezone.now() - timedelta(minutes=1)
    )
    revoked = issue_invitation(company=team.company, revoked_at=timezone.now())
    client = client_as(team, "anonymous")

    pages = [
        client.get(f"/invitations/{token}/")
        for token in ("no-such-token", expired.token, revoked.token)
    ]

    assert [page.status_code for page in pages] == [404, 404, 404]
    assert len({main_html(page.text) for page in pages}) == 1
    assert "This invitation is not valid." in pages[0].text


def test_a_member_opening_an_invitation_to_their_own_company_is_told_so(team):
    issued = issue_invitation(company=team.company, email=team.viewer.user.email)
    client = client_as(team, "viewer")

    response = client.post(f"/invitations/{issued.token}/", follow=True)

    assert response.redirect_chain == [("/dashboard/", 302)]
    assert "You are already a member of this company." in response.text
    assert Membership.objects.filter(user=team.viewer.user).count() == 1
    issued.invitation.refresh_from_db()
    assert issued.invitation.accepted_at is None
