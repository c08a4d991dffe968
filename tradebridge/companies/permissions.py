"""What each role may do inside its company. Services call `ensure_can`; interfaces never decide."""

from enum import StrEnum

from tradebridge.accounts.models import User
from tradebridge.companies.enums import ROLE_RANK, Role
from tradebridge.companies.models import Membership
from tradebridge.core.errors import PermissionDenied


class Permission(StrEnum):
    VIEW_COMPANY = "view_company"
    VIEW_MEMBERS = "view_members"
    MANAGE_COMPANY = "manage_company"
    MANAGE_MEMBERS = "manage_members"
    INVITE_MEMBERS = "invite_members"
    MANAGE_OWN_TOKENS = "manage_own_tokens"
    MANAGE_CATALOG = "manage_catalog"
    CREATE_RFQS = "create_rfqs"
    SUBMIT_QUOTES = "submit_quotes"
    ACCEPT_QUOTES = "accept_quotes"
    PLACE_ORDERS = "place_orders"
    FULFIL_ORDERS = "fulfil_orders"
    MANAGE_PAYMENTS = "manage_payments"
    SEND_MESSAGES = "send_messages"
    VIEW_INSIGHTS = "view_insights"


_EVERYONE = frozenset(
    {Permission.VIEW_COMPANY, Permission.VIEW_MEMBERS, Permission.MANAGE_OWN_TOKENS}
)
_BUYING = frozenset({Permission.CREATE_RFQS, Permission.ACCEPT_QUOTES, Permission.PLACE_ORDERS})
_SELLING = frozenset(
    {Permission.MANAGE_CATALOG, Permission.SUBMIT_QUOTES, Permission.FULFIL_ORDERS}
)
_TRADING = frozenset({Permission.SEND_MESSAGES, Permission.VIEW_INSIGHTS})
_RUNNING = frozenset(
    {
        Permission.MANAGE_COMPANY,
        Permission.MANAGE_MEMBERS,
        Permission.INVITE_MEMBERS,
        Permission.MANAGE_PAYMENTS,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: _EVERYONE | _BUYING | _SELLING | _TRADING | _RUNNING,
    Role.ADMIN: _EVERYONE | _BUYING | _SELLING | _TRADING | _RUNNING,
    Role.PURCHASER: _EVERYONE | _BUYING | _TRADING,
    Role.SALES: _EVERYONE | _SELLING | _TRADING,
    Role.VIEWER: _EVERYONE,
}


def has_permission(actor: Membership, permission: Permission) -> bool:
    """Whether the membership is active and its role grants `permission`."""
    return actor.is_active and permission in ROLE_PERMISSIONS[Role(actor.role)]


def ensure_can(actor: Membership, permission: Permission) -> None:
    """Raise core's PermissionDenied unless `actor`'s role grants `permission`."""
    if not has_permission(actor, permission):
        raise PermissionDenied(permission=permission.value)


def role_outranks_or_equals(actor_role: str, other_role: str) -> bool:
    """Whether a member with `actor_role` may assign or manage `other_role` (rank >= its rank)."""
    return ROLE_RANK[Role(actor_role)] >= ROLE_RANK[Role(other_role)]


def is_operator(user: User) -> bool:
    """Whether `user` is an active platform operator (staff of the platform, not of a company)."""
    return user.is_active and user.is_staff


def ensure_operator(user: User) -> None:
    """Raise core's PermissionDenied unless `user` is an active platform operator."""
    if not is_operator(user):
        raise PermissionDenied()
