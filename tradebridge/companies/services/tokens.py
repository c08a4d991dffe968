"""Personal API tokens: issuing, revoking and authenticating."""

import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from tradebridge.companies.models import ApiToken, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.companies.selectors import api_token_list_for_actor, token_digest
from tradebridge.companies.services.companies import _required_text
from tradebridge.core.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed

API_TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)
MAX_API_TOKENS_PER_MEMBERSHIP = 20


@dataclass(frozen=True)
class IssuedApiToken:
    """A new API token and its raw value `tb_<prefix>_<secret>`, shown to its owner once."""

    api_token: ApiToken
    token: str


def api_token_create(
    *, actor: Membership, name: str, expires_at: datetime | None = None
) -> IssuedApiToken:
    """Issue a personal API token acting as `actor`; the raw value is returned only here.

    Raises ValidationFailed (empty name, expiry not in the future), Conflict (too many tokens).
    """
    ensure_can(actor, Permission.MANAGE_OWN_TOKENS)
    label = _required_text(name, field="name")[:100]
    if expires_at is not None and (timezone.is_naive(expires_at) or expires_at <= timezone.now()):
        raise ValidationFailed(
            "The expiry must be a future time with a time zone.", field="expires_at"
        )
    if api_token_list_for_actor(actor=actor).count() >= MAX_API_TOKENS_PER_MEMBERSHIP:
        raise Conflict("Too many API tokens; revoke one first.")
    prefix = secrets.token_hex(4)
    raw = f"tb_{prefix}_{secrets.token_urlsafe(32)}"
    api_token = ApiToken.objects.create(
        membership=actor,
        name=label,
        prefix=prefix,
        token_hash=token_digest(raw),
        expires_at=expires_at,
    )
    return IssuedApiToken(api_token=api_token, token=raw)


def api_token_revoke(*, actor: Membership, token_id: uuid.UUID) -> None:
    """Revoke one of the actor's own tokens. Raises NotFound for any other id."""
    ensure_can(actor, Permission.MANAGE_OWN_TOKENS)
    revoked = (
        api_token_list_for_actor(actor=actor).filter(id=token_id).update(revoked_at=timezone.now())
    )
    if not revoked:
        raise NotFound()


def api_token_authenticate(*, raw_token: str) -> Membership:
    """The active membership a raw token acts as; records its use at most once a minute.

    Raises NotAuthenticated, with one message, for malformed, unknown, revoked or expired
    tokens and for tokens of inactive memberships, users or companies.
    """
    api_token = _usable_api_token(raw_token)
    if api_token is None:
        raise NotAuthenticated("Invalid or expired API token.")
    now = timezone.now()
    if (
        api_token.last_used_at is not None
        and api_token.last_used_at >= now - API_TOKEN_TOUCH_INTERVAL
    ):
        return api_token.membership  # used within the minute: no write (a busy script's every call)
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - API_TOKEN_TOUCH_INTERVAL),
        id=api_token.id,
    ).update(last_used_at=now)
    return api_token.membership


def _usable_api_token(raw_token: str) -> ApiToken | None:
    scheme, _, rest = raw_token.partition("_")
    prefix, _, secret = rest.partition("_")
    if scheme != "tb" or not prefix or not secret:
        return None
    api_token = (
        ApiToken.objects.select_related("membership__user", "membership__company")
        .filter(prefix=prefix)
        .first()
    )
    if api_token is None or not hmac.compare_digest(api_token.token_hash, token_digest(raw_token)):
        return None
    membership = api_token.membership
    usable = (
        api_token.revoked_at is None
        and (api_token.expires_at is None or api_token.expires_at > timezone.now())
        and membership.is_active
        and membership.user.is_active
        and membership.company.is_active
    )
    return api_token if usable else None
