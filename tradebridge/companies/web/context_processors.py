"""Template context for every page: the signed-in user's companies, for the navigation."""

from django.http import HttpRequest

from tradebridge.accounts.models import User
from tradebridge.companies.actors import current_membership
from tradebridge.companies.selectors import membership_list_for_user
from tradebridge.core.errors import DomainError


def company_navigation(request: HttpRequest) -> dict[str, object]:
    """`nav_membership` (the company acted for, or None) and `nav_memberships` (all of them)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"nav_membership": None, "nav_memberships": []}
    try:
        membership = current_membership(request)
    except DomainError:
        return {"nav_membership": None, "nav_memberships": []}
    return {
        "nav_membership": membership,
        "nav_memberships": list(membership_list_for_user(user=user)),
    }
