import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.models import ApiToken, Company, Membership
from tradebridge.companies.selectors import token_digest
from tradebridge.companies.services import (
    MAX_API_TOKENS_PER_MEMBERSHIP,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from tradebridge.companies.tests.factories import issue_api_token
from tradebridge.core.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed

pytestmark = pytest.mark.django_db


def test_create_returns_the_token_once_and_stores_its_hash(team):
    expires_at = timezone.now() + timedelta(days=30)

    issued = api_token_create(actor=team.viewer, name=" CI pipeline ", expires_at=expires_at)

    stored = ApiToken.objects.get()
    scheme, prefix, secret = issued.token.split("_", 2)
    assert (scheme, prefix) == ("tb", stored.prefix)
    assert len(prefix) == 8
    assert len(secret) == 43
    assert stored.token_hash == token_digest(issued.token)
    assert secret not in stored.token_hash
    assert (stored.membership, stored.name, stored.expires_at) == (
        team.viewer,
        "CI pipeline",
        expires_at,
    )
    assert (stored.last_used_at, stored.revoked_at) == (None, None)


@pytest.mark.parametrize(
    ("name", "expires_in", "field_case"),
    [
        ("   ", None, "name"),
        ("ci", timedelta(seconds=-1), "expires_at"),
    ],
)
def test_create_rejects_bad_input(team, name, expires_in, field_case):
    expires_at = timezone.now() + expires_in if expires_in else None

    with pytest.raises(ValidationFailed) as error:
        api_token_create(actor=team.owner, name=name, expires_at=expires_at)

    assert error.value.details == {"field": field_case}
    assert ApiToken.objects.count() == 0


def test_a_naive_expiry_is_rejected(team):
    with pytest.raises(ValidationFailed):
        api_token_create(
            actor=team.owner, name="ci", expires_at=timezone.now().replace(tzinfo=None)
        )


def test_a_membership_holds_a_limited_number_of_tokens(team):
    for number in range(MAX_API_TOKENS_PER_MEMBERSHIP):
        api_token_create(actor=team.sales, name=f"token {number}")

    with pytest.raises(Conflict):
        api_token_create(actor=team.sales, name="one too many")

    assert ApiToken.objects.count() == MAX_API_TOKENS_PER_MEMBERSHIP


def test_authenticate_resolves_the_membership_and_records_use(team):
    issued = issue_api_token(team.purchaser)

    membership = api_token_authenticate(raw_token=issued.token)

    assert membership == team.purchaser
    assert ApiToken.objects.get().last_used_at is not None


def test_last_use_is_written_at_most_once_a_minute(team):
    recent = timezone.now() - timedelta(seconds=30)
    stale = timezone.now() - timedelta(seconds=90)
    fresh = issue_api_token(team.owner, name="fresh", last_used_at=recent)
    old = issue_api_token(team.owner, name="old", last_used_at=stale)

    api_token_authenticate(raw_token=fresh.token)
    api_token_authenticate(raw_token=old.token)

    assert ApiToken.objects.get(id=fresh.api_token.id).last_used_at == recent
    touched = ApiToken.objects.get(id=old.api_token.id).last_used_at
    assert touched is not None
    assert touched > stale


def _unusable_tokens(team):
    revoked = issue_api_token(team.owner, name="revoked", revoked_at=timezone.now())
    expired = issue_api_token(
        team.owner, name="expired", expires_at=timezone.now() - timedelta(seconds=1)
    )
    removed = issue_api_token(team.viewer, name="removed member")
    Membership.objects.filter(id=team.viewer.id).update(is_active=False)
    inactive_user = issue_api_token(team.sales, name="inactive user")
    User.objects.filter(id=team.sales.user_id).update(is_active=False)
    closed = issue_api_token(team.outsider, name="closed company")
    Company.objects.filter(id=team.other_company.id).update(is_active=False)
    valid = issue_api_token(team.admin, name="valid").token
    return {
        "revoked_case": revoked.token,
        "expired_case": expired.token,
        "removed_membership_case": removed.token,
        "inactive_user_case": inactive_user.token,
        "inactive_company_case": closed.token,
        "wrong_secret_case": valid[:-4] + "AAAA",
        "unknown_prefix_case": "tb_00000000_" + valid.split("_", 2)[2],
        "malformed_case": "Bearer-ish",
        "no_secret_case": f"tb_{valid.split('_')[1]}_",
    }


def test_unusable_tokens_fail_with_one_error(team):
    failures = {}
    for case, token in _unusable_tokens(team).items():
        with pytest.raises(NotAuthenticated) as error:
            api_token_authenticate(raw_token=token)
        failures[case] = (error.value.code, error.value.message)

    assert failures == dict.fromkeys(
        failures, ("not_authenticated", "Invalid or expired API token.")
    )
    assert len(failures) == 9
    assert ApiToken.objects.filter(last_used_at__isnull=False).count() == 0


def test_members_revoke_their_own_tokens(team):
    issued = issue_api_token(team.viewer)

    api_token_revoke(actor=team.viewer, token_id=issued.api_token.id)

    assert ApiToken.objects.get().revoked_at is not None
    with pytest.raises(NotAuthenticated):
        api_token_authenticate(raw_token=issued.token)


@pytest.mark.parametrize("actor_case", ["owner", "admin", "outsider"])
def test_nobody_revokes_someone_elses_token(team, actor_case):
    issued = issue_api_token(team.viewer)

    with pytest.raises(NotFound):
        api_token_revoke(actor=team.member(actor_case), token_id=issued.api_token.id)

    assert ApiToken.objects.get().revoked_at is None


def test_revoking_twice_or_an_unknown_token_is_not_found(team):
    issued = issue_api_token(team.viewer)
    api_token_revoke(actor=team.viewer, token_id=issued.api_token.id)

    for token_id in (issued.api_token.id, uuid.uuid4()):
        with pytest.raises(NotFound):
            api_token_revoke(actor=team.viewer, token_id=token_id)


def test_a_token_used_within_the_minute_is_read_without_a_write(team, django_assert_num_queries):
    issued = issue_api_token(team.owner, name="busy", last_used_at=timezone.now())

    with django_assert_num_queries(1):  # the token with its membership, user and company
        membership = api_token_authenticate(raw_token=issued.token)

    assert membership == team.owner
