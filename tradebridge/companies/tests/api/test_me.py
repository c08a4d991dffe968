import pytest

from tradebridge.accounts.models import User
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.api.matrix import client_as
from tradebridge.companies.tests.factories import MembershipFactory, issue_api_token

pytestmark = pytest.mark.django_db


def test_me_shows_the_user_and_their_active_memberships(team):
    second = MembershipFactory.create(user=team.sales.user, role=Role.ADMIN)
    MembershipFactory.create(user=team.sales.user, is_active=False)

    body = client_as(team, "sales").get("/api/v1/me").json()

    user = team.sales.user
    assert {key: body[key] for key in ("id", "email", "full_name")} == {
        "id": str(user.id),
        "email": "sales@alpha.example.com",
        "full_name": user.full_name,
    }
    assert [(m["id"], m["role"], m["company"]["id"]) for m in body["memberships"]] == [
        (str(team.sales.id), "sales", str(team.company.id)),
        (str(second.id), "admin", str(second.company_id)),
    ]


def test_me_works_with_a_bearer_token(team):
    issued = issue_api_token(team.viewer)

    response = client_as(team, "anonymous").get(
        "/api/v1/me", headers={"Authorization": f"Bearer {issued.token}"}
    )

    assert response.json()["email"] == "viewer@alpha.example.com"


def test_me_update_changes_name_language_and_currency(team):
    response = client_as(team, "viewer").patch(
        "/api/v1/me",
        {"full_name": " Ana Ruiz ", "preferred_language": "es", "preferred_currency": "eur"},
        content_type="application/json",
    )

    user = User.objects.get(id=team.viewer.user_id)
    assert response.status_code == 200
    assert (user.full_name, user.preferred_language, user.preferred_currency) == (
        "Ana Ruiz",
        "es",
        "EUR",
    )
    assert response.json()["preferred_currency"] == "EUR"


@pytest.mark.parametrize(
    ("body", "field_case"),
    [
        ({"preferred_language": "klingon"}, "preferred_language"),
        ({"preferred_currency": "ABC"}, "preferred_currency"),
    ],
)
def test_me_update_rejects_unknown_language_or_currency(team, body, field_case):
    response = client_as(team, "viewer").patch(
        "/api/v1/me", {"full_name": "Changed", **body}, content_type="application/json"
    )

    # The schema lists the accepted codes (an enum), so the schema's validation refuses it.
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert [error["loc"][-1] for error in response.json()["details"]["errors"]] == [field_case]
    assert User.objects.get(id=team.viewer.user_id).full_name != "Changed"


def test_me_update_clears_preferences_with_empty_strings(team):
    User.objects.filter(id=team.viewer.user_id).update(preferred_language="fr")

    client_as(team, "viewer").patch(
        "/api/v1/me", {"preferred_language": ""}, content_type="application/json"
    )

    assert User.objects.get(id=team.viewer.user_id).preferred_language == ""


@pytest.mark.parametrize(
    "body",
    [
        {"full_name": "Ana\u0000Ruiz"},
        {"full_name": "Ana", "preferred_language": "es\u0000"},
    ],
)
def test_a_nul_character_in_any_text_is_refused_on_every_database(team, body):
    """PostgreSQL's text cannot hold NUL (a 500 there before); SQLite's could."""
    before = User.objects.get(id=team.viewer.user_id).full_name

    response = client_as(team, "viewer").patch("/api/v1/me", body, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert User.objects.get(id=team.viewer.user_id).full_name == before
