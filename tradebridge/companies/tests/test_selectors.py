import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.selectors import (
    INVITATION_NOT_VALID,
    api_token_list_for_actor,
    company_get_for_actor,
    invitation_get_by_token,
    invitation_list_for_company,
    member_get_for_company,
    member_list_for_company,
    membership_get_for_user,
    membership_list_for_user,
)
from tradebridge.companies.tests.factories import (
    CompanyFactory,
    MembershipFactory,
    issue_api_token,
    issue_invitation,
)
from tradebridge.core.errors import NotFound

pytestmark = pytest.mark.django_db


def test_membership_list_for_user_holds_only_active_memberships_of_active_companies(team):
    user = team.viewer.user
    second = MembershipFactory.create(user=user, role=Role.SALES)
    MembershipFactory.create(user=user, is_active=False)
    MembershipFactory.create(user=user, company=CompanyFactory.create(is_active=False))

    assert list(membership_list_for_user(user=user)) == [team.viewer, second]


def test_membership_get_for_user_finds_only_the_users_own(team):
    assert membership_get_for_user(user=team.admin.user, company_id=team.company.id) == team.admin

    for company_id in (team.other_company.id, uuid.uuid4()):
        with pytest.raises(NotFound):
            membership_get_for_user(user=team.admin.user, company_id=company_id)


def test_company_get_for_actor_is_the_actors_company(team):
    assert company_get_for_actor(actor=team.viewer) == team.company


def test_member_list_holds_active_members_of_the_actors_company_by_join_date(team):
    Membership.objects.filter(id=team.sales.id).update(is_active=False)

    members = list(member_list_for_company(actor=team.viewer))

    assert members == [team.owner, team.admin, team.purchaser, team.viewer]


def test_member_get_for_company_does_not_reach_other_companies(team):
    assert member_get_for_company(actor=team.viewer, membership_id=team.sales.id) == team.sales

    with pytest.raises(NotFound):
        member_get_for_company(actor=team.viewer, membership_id=team.outsider.id)


def test_invitation_list_holds_pending_invitations_of_the_company_newest_first(team):
    older = issue_invitation(company=team.company, email="a@example.com").invitation
    newer = issue_invitation(company=team.company, email="b@example.com").invitation
    issue_invitation(company=team.company, accepted_at=timezone.now())
    issue_invitation(company=team.company, revoked_at=timezone.now())
    issue_invitation(company=team.company, expires_at=timezone.now() - timedelta(seconds=1))
    issue_invitation(company=team.other_company)

    assert list(invitation_list_for_company(actor=team.viewer)) == [newer, older]


def test_invitation_get_by_token_returns_pending_invitations_only(team):
    issued = issue_invitation(company=team.company)
    expired = issue_invitation(
        company=team.company, expires_at=timezone.now() - timedelta(seconds=1)
    )
    closed = issue_invitation(company=CompanyFactory.create(is_active=False))

    assert invitation_get_by_token(token=issued.token) == issued.invitation
    for token in (expired.token, closed.token, "unknown"):
        with pytest.raises(NotFound) as error:
            invitation_get_by_token(token=token)
        assert error.value.message == INVITATION_NOT_VALID


def test_api_token_list_holds_the_actors_unrevoked_tokens_only(team):
    mine = issue_api_token(team.admin, name="mine").api_token
    issue_api_token(team.admin, name="revoked", revoked_at=timezone.now())
    issue_api_token(team.owner, name="not mine")

    assert list(api_token_list_for_actor(actor=team.admin)) == [mine]


def test_deactivated_companies_disappear_from_membership_lookups(team):
    Company.objects.filter(id=team.company.id).update(is_active=False)

    with pytest.raises(NotFound):
        membership_get_for_user(user=team.owner.user, company_id=team.company.id)
