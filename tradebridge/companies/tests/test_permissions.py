import pytest

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import (
    ROLE_PERMISSIONS,
    Permission,
    ensure_can,
    has_permission,
    role_outranks_or_equals,
)
from tradebridge.core.errors import PermissionDenied


def test_every_role_has_a_permission_set_and_owner_and_admin_hold_them_all():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert ROLE_PERMISSIONS[Role.OWNER] == set(Permission)
    assert ROLE_PERMISSIONS[Role.ADMIN] == set(Permission)


def test_only_owners_and_admins_manage_the_company_and_its_members():
    managers = {
        role
        for role, permissions in ROLE_PERMISSIONS.items()
        if {Permission.MANAGE_COMPANY, Permission.MANAGE_MEMBERS, Permission.INVITE_MEMBERS}
        & permissions
    }

    assert managers == {Role.OWNER, Role.ADMIN}


def test_viewers_only_view_and_manage_their_tokens():
    assert ROLE_PERMISSIONS[Role.VIEWER] == {
        Permission.VIEW_COMPANY,
        Permission.VIEW_MEMBERS,
        Permission.MANAGE_OWN_TOKENS,
    }


def test_purchasers_buy_and_sales_sell():
    assert Permission.PLACE_ORDERS in ROLE_PERMISSIONS[Role.PURCHASER]
    assert Permission.MANAGE_CATALOG not in ROLE_PERMISSIONS[Role.PURCHASER]
    assert Permission.SUBMIT_QUOTES in ROLE_PERMISSIONS[Role.SALES]
    assert Permission.PLACE_ORDERS not in ROLE_PERMISSIONS[Role.SALES]


def test_ensure_can_raises_for_missing_permissions_and_inactive_memberships():
    viewer = Membership(role=Role.VIEWER, is_active=True)
    former_owner = Membership(role=Role.OWNER, is_active=False)

    ensure_can(viewer, Permission.VIEW_COMPANY)
    with pytest.raises(PermissionDenied) as error:
        ensure_can(viewer, Permission.MANAGE_MEMBERS)
    assert error.value.details == {"permission": "manage_members"}
    assert has_permission(former_owner, Permission.VIEW_COMPANY) is False


@pytest.mark.parametrize(
    ("actor", "other", "allowed"),
    [
        (Role.OWNER, Role.OWNER, True),
        (Role.ADMIN, Role.OWNER, False),
        (Role.ADMIN, Role.ADMIN, True),
        (Role.PURCHASER, Role.SALES, True),
        (Role.SALES, Role.ADMIN, False),
        (Role.VIEWER, Role.PURCHASER, False),
    ],
)
def test_rank_comparison(actor, other, allowed):
    assert role_outranks_or_equals(actor, other) is allowed
