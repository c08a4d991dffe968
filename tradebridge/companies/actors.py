"""Who is acting in a web request: the signed-in user's membership in the company they picked.

The session key `current_company_id` selects the company among the user's active memberships;
without it (or when it is stale) the oldest membership is used.
"""

import uuid

from django.http import HttpRequest

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.selectors import membership_get_for_user, membership_list_for_user
from tradebridge.core.errors import NotAuthenticated, NotFound

CURRENT_COMPANY_SESSION_KEY = "current_company_id"


def request_user(request: HttpRequest) -> User:
    """The signed-in, active user; raise NotAuthenticated otherwise."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise NotAuthenticated()
    return user


def current_membership(request: HttpRequest) -> Membership:
    """The membership the user acts as. Raises NotAuthenticated, or NotFound without any company."""
    memberships = membership_list_for_user(user=request_user(request))
    selected = _as_uuid(request.session.get(CURRENT_COMPANY_SESSION_KEY))
    membership = memberships.filter(company_id=selected).first() if selected else None
    if membership is None:
        membership = memberships.first()
        if membership is None:
            raise NotFound("You are not a member of any company yet.")
        request.session[CURRENT_COMPANY_SESSION_KEY] = str(membership.company_id)
    return membership


def membership_switch(request: HttpRequest, company_id: uuid.UUID) -> Membership:
    """Act as the user's membership in `company_id` from now on. Raises NotFound if not theirs."""
    membership = membership_get_for_user(user=request_user(request), company_id=company_id)
    request.session[CURRENT_COMPANY_SESSION_KEY] = str(membership.company_id)
    return membership


def _as_uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
