"""API tokens page: the raw token is shown once, stored hashed, listed by prefix, revocable."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from tradebridge.companies.models import ApiToken
from tradebridge.companies.selectors import token_digest
from tradebridge.companies.tests.factories import issue_api_token
from tradebridge.companies.tests.web.pages import MEMBERS, client_as, elements, htmx_headers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actor", MEMBERS)
def test_every_member_creates_a_token_shown_once(team, actor):
    client = client_as(team, actor)

    created = client.post("/account/tokens/", {"name": "ERP sync"})
    listed = client.get("/account/tokens/")

    assert created.status_code == 201
    raw = next(
        a["value"] for a in elements(created.text, "input") if a.get("id") == "new-token-value"
    )
    token = ApiToken.objects.get(membership=team.member(actor))
    assert (token.name, token.token_hash) == ("ERP sync", token_digest(raw))
    assert raw.startswith(f"tb_{token.prefix}_")
    assert raw not in listed.text
    assert f"tb_{token.prefix}_…" in listed.text


def test_the_page_is_never_cached(team):
    response = client_as(team, "owner").post("/account/tokens/", {"name": "CI"})

    assert "no-store" in response["Cache-Control"]


def test_an_expiry_day_means_the_end_of_that_day_in_utc(team):
    day = timezone.now().date() + timedelta(days=30)

    client_as(team, "owner").post("/account/tokens/", {"name": "CI", "expires_on": day})

    token = ApiToken.objects.get()
    assert token.expires_at == datetime.combine(day, time.max, tzinfo=UTC)


def test_a_past_expiry_is_refused_and_nothing_is_created(team):
    response = client_as(team, "owner").post(
        "/account/tokens/", {"name": "CI", "expires_on": date(2020, 1, 1)}
    )

    assert response.status_code == 400
    assert "The expiry must be a future time" in response.text
    assert ApiToken.objects.exists() is False


def test_a_member_sees_only_their_own_tokens(team):
    issue_api_token(team.admin, name="admin script")
    issue_api_token(team.viewer, name="viewer script")

    response = client_as(team, "viewer").get("/account/tokens/")

    assert "viewer script" in response.text
    assert "admin script" not in response.text


def test_revoking_over_htmx_removes_the_row(team):
    issued = issue_api_token(team.viewer)

    response = client_as(team, "viewer").post(
        f"/account/tokens/{issued.api_token.pk}/revoke/", headers=htmx_headers()
    )

    assert (response.status_code, response.text) == (200, "")
    issued.api_token.refresh_from_db()
    assert issued.api_token.revoked_at is not None


@pytest.mark.parametrize("actor", ["owner", "admin", "outsider"])
def test_nobody_else_can_revoke_a_token(team, actor):
    issued = issue_api_token(team.viewer)

    response = client_as(team, actor).post(f"/account/tokens/{issued.api_token.pk}/revoke/")

    assert response.status_code == 404
    issued.api_token.refresh_from_db()
    assert issued.api_token.revoked_at is None
