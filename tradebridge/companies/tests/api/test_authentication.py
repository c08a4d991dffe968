"""Bearer tokens and the browser session (with CSRF) both resolve to a membership."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.companies.models import ApiToken, Invitation, Membership
from tradebridge.companies.tests.factories import issue_api_token

pytestmark = pytest.mark.django_db

CSRF_SECRET = "k" * 32  # any 32 characters from Django's CSRF alphabet form a valid secret
NOT_AUTHENTICATED = {
    "code": "not_authenticated",
    "message": "Invalid or expired API token.",
    "details": {},
}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_bearer_token_acts_as_its_membership(team):
    issued = issue_api_token(team.sales)

    response = Client().get(
        f"/api/v1/companies/{team.company.id}/members", headers=_bearer(issued.token)
    )

    assert response.status_code == 200
    assert response.json()["count"] == 5
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "token_case", ["unknown_case", "revoked_case", "expired_case", "removed_member_case"]
)
def test_failed_bearer_tokens_get_one_401_and_never_fall_back_to_the_session(team, token_case):
    valid = issue_api_token(team.owner, name="valid").token
    tokens = {
        "unknown_case": valid[:-3] + "xyz",
        "revoked_case": issue_api_token(team.admin, name="r", revoked_at=timezone.now()).token,
        "expired_case": issue_api_token(
            team.admin, name="e", expires_at=timezone.now() - timedelta(minutes=1)
        ).token,
        "removed_member_case": issue_api_token(team.viewer, name="v").token,
    }
    Membership.objects.filter(id=team.viewer.id).update(is_active=False)
    client = Client()
    client.force_login(team.owner.user)  # a session must not rescue a bad bearer token

    response = client.get(
        f"/api/v1/companies/{team.company.id}", headers=_bearer(tokens[token_case])
    )

    assert response.status_code == 401
    assert response.json() == NOT_AUTHENTICATED


def test_a_token_reaches_only_its_own_company(team):
    issued = issue_api_token(team.outsider)

    own = Client().get(f"/api/v1/companies/{team.other_company.id}", headers=_bearer(issued.token))
    foreign = Client().get(f"/api/v1/companies/{team.company.id}", headers=_bearer(issued.token))

    assert own.status_code == 200
    assert foreign.status_code == 404
    assert foreign.json() == {"code": "not_found", "message": "Not found.", "details": {}}


def test_anonymous_requests_get_401():
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_session_writes_need_the_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.owner.user)
    url = f"/api/v1/companies/{team.company.id}/invitations"
    body = {"email": "new@example.com", "role": "viewer"}

    refused = client.post(url, body, content_type="application/json")
    client.cookies["csrftoken"] = CSRF_SECRET
    accepted = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=CSRF_SECRET)

    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert accepted.status_code == 201
    assert Invitation.objects.count() == 1


def test_session_reads_do_not_need_the_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.viewer.user)

    assert client.get(f"/api/v1/companies/{team.company.id}").status_code == 200


def test_bearer_writes_need_no_csrf_token(team):
    issued = issue_api_token(team.owner)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/api/v1/companies/{team.company.id}/invitations",
        {"email": "new@example.com", "role": "viewer"},
        content_type="application/json",
        headers=_bearer(issued.token),
    )

    assert response.status_code == 201
