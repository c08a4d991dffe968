import uuid
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Invitation, Membership
from tradebridge.companies.selectors import INVITATION_NOT_VALID, token_digest
from tradebridge.companies.services import (
    INVITATION_TTL,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from tradebridge.companies.tests.factories import MembershipFactory, issue_invitation
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def test_create_stores_only_the_hash_and_mails_the_link_on_commit(
    team, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.SITE_URL = "https://trade.example.com/"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issued = invitation_create(actor=team.admin, email=" New.Buyer@Example.COM ", role="sales")
    assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()

    invitation = Invitation.objects.get()
    assert invitation == issued.invitation
    assert invitation.email == "new.buyer@example.com"
    assert invitation.role == Role.SALES
    assert invitation.invited_by == team.admin.user
    assert invitation.token_hash == token_digest(issued.token)
    assert issued.token not in invitation.token_hash
    assert len(issued.token) == 43
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        INVITATION_TTL, abs=timedelta(seconds=5)
    )
    [mail] = mailoutbox
    assert mail.to == ["new.buyer@example.com"]
    assert mail.subject == "You are invited to join Alpha Trading GmbH on Tradebridge"
    assert f"https://trade.example.com/invitations/{issued.token}/" in mail.body
    assert "as Sales" in mail.body


def test_no_mail_leaves_for_an_invitation_revoked_before_sending(
    team, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issued = invitation_create(actor=team.owner, email="late@example.com", role="viewer")
    invitation_revoke(actor=team.owner, invitation_id=issued.invitation.id)
    for callback in callbacks:
        callback()

    assert mailoutbox == []


def test_reinviting_an_address_replaces_its_pending_invitation(team):
    first = invitation_create(actor=team.owner, email="buyer@example.com", role="viewer")

    second = invitation_create(actor=team.owner, email="BUYER@example.com", role="purchaser")

    first.invitation.refresh_from_db()
    assert first.invitation.revoked_at is not None
    assert list(Invitation.objects.filter(revoked_at__isnull=True)) == [second.invitation]
    with pytest.raises(NotFound):
        invitation_accept(user=UserFactory.create(email="buyer@example.com"), token=first.token)


def test_inviting_an_active_member_is_a_conflict(team):
    with pytest.raises(Conflict):
        invitation_create(actor=team.owner, email=team.viewer.user.email.upper(), role="viewer")

    assert Invitation.objects.count() == 0


def test_a_former_member_may_be_invited_again(team):
    Membership.objects.filter(id=team.viewer.id).update(is_active=False)

    issued = invitation_create(actor=team.owner, email=team.viewer.user.email, role="sales")
    membership = invitation_accept(user=team.viewer.user, token=issued.token)

    assert membership.id == team.viewer.id
    assert (membership.role, membership.is_active) == (Role.SALES, True)


@pytest.mark.parametrize(
    ("actor_case", "role", "error"),
    [
        ("admin", "owner", PermissionDenied),
        ("purchaser", "viewer", PermissionDenied),
        ("sales", "viewer", PermissionDenied),
        ("viewer", "viewer", PermissionDenied),
        ("owner", "platform_staff", ValidationFailed),
    ],
)
def test_invitations_need_permission_and_a_role_up_to_ones_own(team, actor_case, role, error):
    with pytest.raises(error):
        invitation_create(actor=team.member(actor_case), email="x@example.com", role=role)

    assert Invitation.objects.count() == 0


def test_invalid_addresses_are_rejected(team):
    with pytest.raises(ValidationFailed) as error:
        invitation_create(actor=team.owner, email="not-an-address", role="viewer")

    assert error.value.details == {"field": "email"}


def test_accept_creates_the_membership_and_uses_the_token_up(team):
    issued = issue_invitation(company=team.company, email="Joiner@Example.com", role=Role.PURCHASER)
    user = UserFactory.create(email="joiner@example.com")

    membership = invitation_accept(user=user, token=issued.token)

    assert (membership.user, membership.company, membership.role) == (
        user,
        team.company,
        "purchaser",
    )
    assert Invitation.objects.get().accepted_at is not None
    with pytest.raises(NotFound):
        invitation_accept(user=user, token=issued.token)
    assert Membership.objects.filter(user=user).count() == 1


def test_accept_matches_any_verified_address_of_the_user(team):
    issued = issue_invitation(company=team.company, email="work@example.com")
    user = UserFactory.create(email="home@example.com")
    EmailAddress.objects.create(user=user, email="WORK@example.com", verified=True, primary=False)

    membership = invitation_accept(user=user, token=issued.token)

    assert membership.company == team.company


def _invalid_token_cases(team):
    """Tokens that must all fail the same way, keyed by case label."""
    expired = issue_invitation(
        company=team.company,
        email="me@example.com",
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    used = issue_invitation(
        company=team.company, email="me@example.com", accepted_at=timezone.now()
    )
    revoked = issue_invitation(
        company=team.company, email="me@example.com", revoked_at=timezone.now()
    )
    other_email = issue_invitation(company=team.other_company, email="someone.else@example.com")
    return {
        "unknown_case": "no-such-token",
        "expired_case": expired.token,
        "used_case": used.token,
        "revoked_case": revoked.token,
        "other_address_case": other_email.token,
    }


def test_every_invalid_token_fails_with_the_same_error(team):
    user = UserFactory.create(email="me@example.com")

    errors = {}
    for case, token in _invalid_token_cases(team).items():
        with pytest.raises(NotFound) as error:
            invitation_accept(user=user, token=token)
        errors[case] = (error.value.code, error.value.message, error.value.details)

    expected: tuple[str, str, dict[str, object]] = ("not_found", INVITATION_NOT_VALID, {})
    assert errors == dict.fromkeys(errors, expected)
    assert len(errors) == 5
    assert not Membership.objects.filter(user=user).exists()


def test_an_unverified_matching_address_is_not_enough(team):
    issued = issue_invitation(company=team.company, email="fresh@example.com")
    user = UserFactory.create(email="fresh@example.com", email_verified=False)

    with pytest.raises(NotFound):
        invitation_accept(user=user, token=issued.token)

    assert Invitation.objects.get().accepted_at is None


def test_an_invitation_to_a_deactivated_company_is_not_valid(team):
    issued = issue_invitation(company=team.company, email="me@example.com")
    team.company.is_active = False
    team.company.save()

    with pytest.raises(NotFound):
        invitation_accept(user=UserFactory.create(email="me@example.com"), token=issued.token)


def test_an_active_member_accepting_again_is_a_conflict(team):
    issued = issue_invitation(company=team.company, email=team.sales.user.email, role=Role.ADMIN)

    with pytest.raises(Conflict):
        invitation_accept(user=team.sales.user, token=issued.token)

    assert Membership.objects.get(id=team.sales.id).role == Role.SALES
    assert Invitation.objects.get().accepted_at is None


def test_owners_and_admins_revoke_pending_invitations(team):
    issued = issue_invitation(company=team.company, role=Role.ADMIN)

    invitation_revoke(actor=team.admin, invitation_id=issued.invitation.id)

    assert Invitation.objects.get().revoked_at is not None


@pytest.mark.parametrize(
    ("actor_case", "role", "error"),
    [
        ("admin", Role.OWNER, PermissionDenied),
        ("purchaser", Role.VIEWER, PermissionDenied),
        ("viewer", Role.VIEWER, PermissionDenied),
        ("outsider", Role.VIEWER, NotFound),
    ],
)
def test_revoke_is_limited_to_the_company_and_the_actors_rank(team, actor_case, role, error):
    issued = issue_invitation(company=team.company, role=role)

    with pytest.raises(error):
        invitation_revoke(actor=team.member(actor_case), invitation_id=issued.invitation.id)

    assert Invitation.objects.get().revoked_at is None


def test_revoking_an_unknown_or_used_invitation_is_not_found(team):
    used = issue_invitation(company=team.company, accepted_at=timezone.now())

    for invitation_id in (used.invitation.id, uuid.uuid4()):
        with pytest.raises(NotFound):
            invitation_revoke(actor=team.owner, invitation_id=invitation_id)

    assert Invitation.objects.get().revoked_at is None


def test_invited_memberships_have_no_other_effect_on_other_companies(team):
    MembershipFactory.create(
        company=team.other_company, user=UserFactory.create(email="dual@example.com")
    )
    issued = issue_invitation(company=team.company, email="dual@example.com")

    membership = invitation_accept(
        user=Membership.objects.get(user__email="dual@example.com").user, token=issued.token
    )

    assert Membership.objects.filter(user=membership.user, is_active=True).count() == 2
