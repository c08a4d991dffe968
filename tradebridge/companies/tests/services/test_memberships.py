import uuid

import pytest

from tradebridge.companies.enums import Role
from tradebridge.companies.models import ApiToken, Membership
from tradebridge.companies.services import membership_change_role, membership_remove
from tradebridge.companies.tests.factories import MembershipFactory, issue_api_token
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def _role(membership: Membership) -> str:
    return Membership.objects.get(id=membership.id).role


@pytest.mark.parametrize(
    ("actor_case", "target_case", "new_role"),
    [
        ("owner", "admin", Role.OWNER),
        ("owner", "viewer", Role.ADMIN),
        ("admin", "purchaser", Role.SALES),
        ("admin", "viewer", Role.ADMIN),
        ("admin", "sales", Role.VIEWER),
    ],
)
def test_owners_and_admins_assign_roles_up_to_their_own(team, actor_case, target_case, new_role):
    target = team.member(target_case)

    changed = membership_change_role(
        actor=team.member(actor_case), membership_id=target.id, role=new_role
    )

    assert changed.id == target.id
    assert _role(target) == new_role


@pytest.mark.parametrize(
    ("actor_case", "target_case", "new_role"),
    [
        ("admin", "viewer", Role.OWNER),  # assigning a role above one's own
        ("admin", "admin", Role.OWNER),  # promoting oneself
        ("admin", "owner", Role.VIEWER),  # demoting someone above oneself
        ("purchaser", "viewer", Role.SALES),  # no MANAGE_MEMBERS at all
        ("sales", "viewer", Role.VIEWER),
        ("viewer", "viewer", Role.ADMIN),
    ],
)
def test_roles_above_ones_own_are_never_assigned(team, actor_case, target_case, new_role):
    target = team.member(target_case)
    before = _role(target)

    with pytest.raises(PermissionDenied):
        membership_change_role(
            actor=team.member(actor_case), membership_id=target.id, role=new_role
        )

    assert _role(target) == before


def test_unknown_roles_are_rejected(team):
    with pytest.raises(ValidationFailed) as error:
        membership_change_role(
            actor=team.owner, membership_id=team.viewer.id, role="platform_staff"
        )

    assert error.value.details == {"field": "role"}
    assert _role(team.viewer) == Role.VIEWER


def test_members_of_other_companies_are_not_found(team):
    with pytest.raises(NotFound):
        membership_change_role(actor=team.owner, membership_id=team.outsider.id, role=Role.VIEWER)
    with pytest.raises(NotFound):
        membership_change_role(actor=team.owner, membership_id=uuid.uuid4(), role=Role.VIEWER)

    assert _role(team.outsider) == Role.OWNER


def test_the_last_owner_cannot_be_demoted(team):
    with pytest.raises(Conflict) as error:
        membership_change_role(actor=team.owner, membership_id=team.owner.id, role=Role.ADMIN)

    assert error.value.details == {"reason": "last_owner"}
    assert _role(team.owner) == Role.OWNER


def test_an_owner_may_step_down_when_another_owner_remains(team):
    MembershipFactory.create(company=team.company, role=Role.OWNER)

    membership_change_role(actor=team.owner, membership_id=team.owner.id, role=Role.ADMIN)

    assert _role(team.owner) == Role.ADMIN


def test_an_inactive_second_owner_does_not_count(team):
    MembershipFactory.create(company=team.company, role=Role.OWNER, is_active=False)

    with pytest.raises(Conflict):
        membership_change_role(actor=team.owner, membership_id=team.owner.id, role=Role.ADMIN)

    assert _role(team.owner) == Role.OWNER


def test_removing_a_member_deactivates_it_and_revokes_its_tokens(team):
    issued = issue_api_token(team.sales)

    membership_remove(actor=team.admin, membership_id=team.sales.id)

    assert Membership.objects.get(id=team.sales.id).is_active is False
    assert ApiToken.objects.get(id=issued.api_token.id).revoked_at is not None


@pytest.mark.parametrize("role_case", ["admin", "purchaser", "sales", "viewer"])
def test_any_member_may_leave(team, role_case):
    member = team.member(role_case)

    membership_remove(actor=member, membership_id=member.id)

    assert Membership.objects.get(id=member.id).is_active is False


@pytest.mark.parametrize(
    ("actor_case", "target_case"),
    [("admin", "owner"), ("purchaser", "viewer"), ("sales", "viewer"), ("viewer", "sales")],
)
def test_members_cannot_remove_others_above_their_rank_or_without_permission(
    team, actor_case, target_case
):
    target = team.member(target_case)
    issued = issue_api_token(target)

    with pytest.raises(PermissionDenied):
        membership_remove(actor=team.member(actor_case), membership_id=target.id)

    assert Membership.objects.get(id=target.id).is_active is True
    assert ApiToken.objects.get(id=issued.api_token.id).revoked_at is None


def test_the_last_owner_cannot_leave(team):
    with pytest.raises(Conflict):
        membership_remove(actor=team.owner, membership_id=team.owner.id)

    assert Membership.objects.get(id=team.owner.id).is_active is True


def test_an_owner_may_remove_another_owner(team):
    second = MembershipFactory.create(company=team.company, role=Role.OWNER)

    membership_remove(actor=team.owner, membership_id=second.id)

    assert Membership.objects.get(id=second.id).is_active is False


def test_removed_members_are_not_found_again(team):
    membership_remove(actor=team.owner, membership_id=team.viewer.id)

    with pytest.raises(NotFound):
        membership_remove(actor=team.owner, membership_id=team.viewer.id)
    with pytest.raises(NotFound):
        membership_remove(actor=team.owner, membership_id=team.outsider.id)


def test_a_removed_member_can_no_longer_act(team):
    membership_remove(actor=team.owner, membership_id=team.admin.id)
    stale_actor = Membership.objects.get(id=team.admin.id)

    with pytest.raises(PermissionDenied):
        membership_change_role(actor=stale_actor, membership_id=team.viewer.id, role=Role.SALES)

    assert _role(team.viewer) == Role.VIEWER


def test_an_actor_is_judged_on_its_current_role_not_a_stale_copy(team):
    stale_admin = Membership.objects.get(id=team.admin.id)
    Membership.objects.filter(id=team.admin.id).update(role=Role.VIEWER)

    with pytest.raises(PermissionDenied):
        membership_change_role(actor=stale_admin, membership_id=team.sales.id, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        membership_remove(actor=stale_admin, membership_id=team.sales.id)

    assert Membership.objects.get(id=team.sales.id).role == Role.SALES


def test_a_stale_copy_of_a_removed_member_cannot_act(team):
    stale_admin = Membership.objects.get(id=team.admin.id)
    Membership.objects.filter(id=team.admin.id).update(is_active=False)

    with pytest.raises(PermissionDenied):
        membership_remove(actor=stale_admin, membership_id=team.viewer.id)

    assert Membership.objects.get(id=team.viewer.id).is_active is True
