"""Template context for every page: the signed-in user's companies, for the navigation, and the
display currency (which, without a choice, is the acting company's)."""

from django.http import HttpRequest

from tradebridge.accounts.models import User
from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES
from tradebridge.companies.actors import current_membership
from tradebridge.companies.selectors import membership_list_for_user
from tradebridge.companies.web.preferences import display_currency_for
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


def display_preferences(request: HttpRequest) -> dict[str, object]:
    """`display_currency` (what prices are shown in) and `display_currencies` (the choices)."""
    return {
        "display_currency": display_currency_for(request),
        "display_currencies": DISPLAY_CURRENCIES,
    }
