"""API authentication: bearer personal tokens, or the browser session with CSRF.

Both put the acting `Membership` on `request.auth`:

- `BearerTokenAuth`: `Authorization: Bearer tb_<prefix>_<secret>` acts as the token's membership.
  A bad token (unknown, revoked, expired, or of an inactive membership) is a 401
  `not_authenticated` with one body, and never falls back to the session.
- `SessionCompanyAuth`: the signed-in user; unsafe methods must pass Django's CSRF check
  (403 `csrf_failed`). On routes with a `{company_id}` the membership in that company (404 if
  the user is not an active member), elsewhere the session's current company, or the user
  when they belong to no company.

Endpoints read the actor through `auth_membership` and `auth_user`, never `request.auth` itself.
"""

import uuid

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from tradebridge.accounts.models import User
from tradebridge.companies.actors import current_membership, request_user
from tradebridge.companies.models import Membership
from tradebridge.companies.selectors import membership_get_for_user
from tradebridge.companies.services import api_token_authenticate
from tradebridge.core.errors import NotAuthenticated, NotFound, PermissionDenied


class CsrfFailed(PermissionDenied):
    code = "csrf_failed"
    default_message = "CSRF check failed: send the csrftoken cookie's value as X-CSRFToken."


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer <personal API token>`; resolves to the token's membership."""

    def authenticate(self, request: HttpRequest, token: str) -> Membership:
        return api_token_authenticate(raw_token=token)


class SessionCompanyAuth(APIKeyCookie):
    """The browser session (cookie) with CSRF on unsafe methods; resolves to a membership."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Membership | User | None:
        user = request.user
        if not (isinstance(user, User) and user.is_active):
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise CsrfFailed()
        return self.authenticate(request, request.COOKIES.get(self.param_name))

    def authenticate(self, request: HttpRequest, key: str | None) -> Membership | User:
        user = request_user(request)
        company_id = _path_company_id(request)
        if company_id is not None:
            return membership_get_for_user(user=user, company_id=company_id)
        try:
            return current_membership(request)
        except NotFound:
            return user


API_AUTH = [BearerTokenAuth(), SessionCompanyAuth()]
SESSION_AUTH = [SessionCompanyAuth()]


def auth_membership(request: HttpRequest, company_id: uuid.UUID | None = None) -> Membership:
    """The acting membership, which must belong to `company_id` when given; else NotFound."""
    auth = getattr(request, "auth", None)
    if not isinstance(auth, Membership):
        raise NotFound()
    if company_id is not None and auth.company_id != company_id:
        raise NotFound()
    return auth


def auth_user(request: HttpRequest) -> User:
    """The acting user: the session's, or the owner of the bearer token's membership."""
    auth = getattr(request, "auth", None)
    if isinstance(auth, Membership):
        return auth.user
    if isinstance(auth, User):
        return auth
    raise NotAuthenticated()


def _path_company_id(request: HttpRequest) -> uuid.UUID | None:
    match = request.resolver_match
    raw = match.kwargs.get("company_id") if match is not None else None
    if raw is None:
        return None
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None  # the operation's own validation answers 422 for a malformed id
