import pytest
from django.test import Client

from tradebridge.companies.models import ApiToken
from tradebridge.companies.selectors import token_digest
from tradebridge.companies.tests.api.matrix import MEMBERS, assert_denial, client_as, matrix
from tradebridge.companies.tests.factories import issue_api_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("actor_case", "status"), matrix(MEMBERS, 200))
def test_token_list_matrix_shows_only_ones_own_tokens(team, actor_case, status):
    tokens = {
        actor: issue_api_token(team.member(actor), name=f"{actor} token").api_token
        for actor in MEMBERS
    }

    response = client_as(team, actor_case).get(f"/api/v1/companies/{team.company.id}/tokens")

    if status == 200:
        own = tokens[actor_case]
        assert response.status_code == 200
        assert response.json()["results"] == [
            {
                "id": str(own.id),
                "name": f"{actor_case} token",
                "prefix": own.prefix,
                "created_at": response.json()["results"][0]["created_at"],
                "last_used_at": None,
                "expires_at": None,
            }
        ]
    else:
        assert_denial(response, status)


@pytest.mark.parametrize(("actor_case", "status"), matrix(MEMBERS, 201))
def test_token_create_matrix(team, actor_case, status):
    response = client_as(team, actor_case).post(
        f"/api/v1/companies/{team.company.id}/tokens",
        {"name": "nightly sync", "expires_at": "2099-01-01T00:00:00Z"},
        content_type="application/json",
    )

    if status == 201:
        body = response.json()
        stored = ApiToken.objects.get()
        assert response.status_code == 201
        assert stored.membership == team.member(actor_case)
        assert body["token"].startswith(f"tb_{stored.prefix}_")
        assert stored.token_hash == token_digest(body["token"])
        assert body["expires_at"] == "2099-01-01T00:00:00Z"
    else:
        assert_denial(response, status)
        assert ApiToken.objects.count() == 0


@pytest.mark.parametrize(("actor_case", "status"), matrix(("owner",), 204, denied_members=404))
def test_token_revoke_matrix_only_the_holder_revokes(team, actor_case, status):
    issued = issue_api_token(team.owner)

    response = client_as(team, actor_case).delete(
        f"/api/v1/companies/{team.company.id}/tokens/{issued.api_token.id}"
    )

    issued.api_token.refresh_from_db()
    if status == 204:
        assert response.status_code == 204
        assert issued.api_token.revoked_at is not None
    else:
        assert_denial(response, status)
        assert issued.api_token.revoked_at is None


def test_a_bearer_token_cannot_mint_more_tokens(team):
    issued = issue_api_token(team.owner)

    response = Client().post(
        f"/api/v1/companies/{team.company.id}/tokens",
        {"name": "persistence"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {issued.token}"},
    )

    assert response.status_code == 401
    assert ApiToken.objects.count() == 1


def test_a_revoked_token_stops_working_at_once(team):
    issued = issue_api_token(team.admin)
    bearer = {"Authorization": f"Bearer {issued.token}"}
    url = f"/api/v1/companies/{team.company.id}/tokens/{issued.api_token.id}"

    revoked = Client().delete(url, headers=bearer)
    after = Client().get(f"/api/v1/companies/{team.company.id}", headers=bearer)

    assert revoked.status_code == 204
    assert after.status_code == 401


def test_a_naive_expiry_is_a_422(team):
    response = client_as(team, "owner").post(
        f"/api/v1/companies/{team.company.id}/tokens",
        {"name": "ci", "expires_at": "2099-01-01T00:00:00"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert ApiToken.objects.count() == 0
