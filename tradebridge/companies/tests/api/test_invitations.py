import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Invitation, Membership
from tradebridge.companies.tests.api.matrix import (
    MANAGERS,
    MEMBERS,
    assert_denial,
    client_as,
    matrix,
)
from tradebridge.companies.tests.factories import issue_invitation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("actor_case", "status"), matrix(MEMBERS, 200))
def test_invitation_list_matrix(team, actor_case, status):
    pending = issue_invitation(company=team.company, email="pending@example.com").invitation

    response = client_as(team, actor_case).get(f"/api/v1/companies/{team.company.id}/invitations")

    if status == 200:
        assert response.status_code == 200
        [item] = response.json()["results"]
        assert item == {
            "id": str(pending.id),
            "email": "pending@example.com",
            "role": "viewer",
            "created_at": item["created_at"],
            "expires_at": item["expires_at"],
        }
        assert "token" not in str(response.json())
    else:
        assert_denial(response, status)


@pytest.mark.parametrize(("actor_case", "status"), matrix(MANAGERS, 201))
def test_invitation_create_matrix(
    team, actor_case, status, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(team, actor_case).post(
            f"/api/v1/companies/{team.company.id}/invitations",
            {"email": "new.member@example.com", "role": "purchaser"},
            content_type="application/json",
        )

    if status == 201:
        assert response.status_code == 201
        invitation = Invitation.objects.get()
        assert response.json()["id"] == str(invitation.id)
        assert (invitation.email, invitation.role) == ("new.member@example.com", Role.PURCHASER)
        assert [mail.to for mail in mailoutbox] == [["new.member@example.com"]]
        assert "token" not in response.json()
    else:
        assert_denial(response, status)
        assert Invitation.objects.count() == 0
        assert mailoutbox == []


@pytest.mark.parametrize(("actor_case", "status"), matrix(MANAGERS, 204))
def test_invitation_revoke_matrix(team, actor_case, status):
    invitation = issue_invitation(company=team.company).invitation

    response = client_as(team, actor_case).delete(
        f"/api/v1/companies/{team.company.id}/invitations/{invitation.id}"
    )

    invitation.refresh_from_db()
    if status == 204:
        assert response.status_code == 204
        assert invitation.revoked_at is not None
    else:
        assert_denial(response, status)
        assert invitation.revoked_at is None


def test_accepting_through_the_api_joins_the_company(team):
    issued = issue_invitation(company=team.company, email="joiner@example.com", role=Role.SALES)
    client = Client()
    client.force_login(UserFactory.create(email="joiner@example.com"))

    response = client.post(
        "/api/v1/invitations/accept", {"token": issued.token}, content_type="application/json"
    )

    assert response.status_code == 201
    membership = Membership.objects.get(user__email="joiner@example.com")
    assert response.json() == {
        "id": str(membership.id),
        "role": "sales",
        "company": {
            "id": str(team.company.id),
            "slug": "alpha",
            "display_name": "Alpha Trading GmbH",
            "kind": "both",
            "country": "DE",
            "verification_level": "unverified",
        },
    }


def test_accepting_needs_a_session_user(team):
    issued = issue_invitation(company=team.company, email="joiner@example.com")

    response = Client().post(
        "/api/v1/invitations/accept", {"token": issued.token}, content_type="application/json"
    )

    assert response.status_code == 401
    assert Invitation.objects.get().accepted_at is None


def test_reinviting_through_the_api_replaces_the_pending_invitation(team):
    client = client_as(team, "owner")
    url = f"/api/v1/companies/{team.company.id}/invitations"

    first = client.post(
        url, {"email": "a@example.com", "role": "viewer"}, content_type="application/json"
    )
    second = client.post(
        url, {"email": "A@example.com", "role": "sales"}, content_type="application/json"
    )
    listed = client.get(url).json()

    assert (first.status_code, second.status_code) == (201, 201)
    assert [item["id"] for item in listed["results"]] == [second.json()["id"]]
    assert listed["results"][0]["role"] == "sales"


def test_inviting_a_member_is_a_409(team):
    response = client_as(team, "owner").post(
        f"/api/v1/companies/{team.company.id}/invitations",
        {"email": "viewer@alpha.example.com", "role": "viewer"},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["details"] == {"field": "email"}
    assert Invitation.objects.count() == 0


def test_a_retried_invitation_with_the_same_idempotency_key_is_sent_once(
    team, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_as(team, "owner")
    url = f"/api/v1/companies/{team.company.id}/invitations"
    body = {"email": "once@example.com", "role": "viewer"}

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            url, body, content_type="application/json", headers={"Idempotency-Key": "inv-1"}
        )
        retry = client.post(
            url, body, content_type="application/json", headers={"Idempotency-Key": "inv-1"}
        )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1
