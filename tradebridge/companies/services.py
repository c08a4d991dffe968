"""Use cases of the companies domain. Every service checks the actor's role (`ensure_can`) itself.

Errors are core's: NotFound (absent or not the actor's), PermissionDenied (role too low),
ValidationFailed (bad values), Conflict (clashes with current state).
"""

import hmac
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from tradebridge.accounts.models import User
from tradebridge.accounts.selectors import user_has_verified_email
from tradebridge.companies.emails import invitation_email_send
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.iso_codes import COUNTRY_CODES, CURRENCY_CODES
from tradebridge.companies.models import (
    ApiToken,
    Company,
    CompanyVerificationEvent,
    Invitation,
    Membership,
)
from tradebridge.companies.permissions import Permission, ensure_can, role_outranks_or_equals
from tradebridge.companies.selectors import (
    INVITATION_NOT_VALID,
    api_token_list_for_actor,
    invitation_list_for_company,
    member_list_for_company,
    token_digest,
)
from tradebridge.core.errors import (
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from tradebridge.core.tasks import enqueue_on_commit

INVITATION_TTL = timedelta(days=7)
API_TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)
MAX_API_TOKENS_PER_MEMBERSHIP = 20
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
_IDENTITY_FIELDS = ("legal_name", "country", "registration_number", "vat_number")


@dataclass(frozen=True)
class CompanyChanges:
    """The fields an owner or admin may edit; `None` leaves a field as it is."""

    legal_name: str | None = None
    display_name: str | None = None
    kind: str | None = None
    country: str | None = None
    province: str | None = None
    city: str | None = None
    registration_number: str | None = None
    vat_number: str | None = None
    default_currency: str | None = None
    languages: list[str] | None = None
    website: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class IssuedInvitation:
    """A new invitation and its raw token, which exists only here and in the e-mail."""

    invitation: Invitation
    token: str


@dataclass(frozen=True)
class IssuedApiToken:
    """A new API token and its raw value `tb_<prefix>_<secret>`, shown to its owner once."""

    api_token: ApiToken
    token: str


# --- companies -------------------------------------------------------------------------------


def company_create_with_owner(
    *,
    user: User,
    legal_name: str,
    kind: str,
    country: str,
    default_currency: str = "USD",
    province: str = "",
    city: str = "",
    languages: list[str] | None = None,
) -> Membership:
    """Create a company and make `user` its owner; return the owner's Membership.

    Raises ValidationFailed for an empty name, unknown kind, country or currency.
    """
    company = Company(
        legal_name=_required_text(legal_name, field="legal_name"),
        kind=_valid_kind(kind),
        country=_valid_country(country),
        default_currency=_valid_currency(default_currency),
        province=province.strip(),
        city=city.strip(),
        languages=_valid_languages(languages or []),
    )
    company.display_name = company.legal_name
    with transaction.atomic():
        _save_with_unique_slug(company)
        return Membership.objects.create(user=user, company=company, role=Role.OWNER)


def company_update(*, actor: Membership, changes: CompanyChanges) -> Company:
    """Apply `changes` to the actor's company (owner or admin); return the company.

    Legal identity (legal name, country, registration and VAT number) is frozen once the company
    is business verified: changing it raises Conflict. Raises ValidationFailed for bad values.
    """
    ensure_can(actor, Permission.MANAGE_COMPANY)
    values = _validated_company_changes(changes)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(id=actor.company_id)
        changed = {name: value for name, value in values.items() if getattr(company, name) != value}
        _ensure_identity_editable(company, changed)
        for name, value in changed.items():
            setattr(company, name, value)
        if changed:
            company.save(update_fields=[*changed, "updated_at"])
    return company


def company_set_verification(
    *, operator: User, company_id: uuid.UUID, level: str, note: str = ""
) -> Company:
    """Set a company's verification level and record who did it, when, from, to and why.

    Only active platform operators (`is_staff`) may. Idempotent: setting the current level again
    records nothing. Raises PermissionDenied, NotFound, ValidationFailed (unknown level).
    """
    if not (operator.is_active and operator.is_staff):
        raise PermissionDenied()
    if level not in VerificationLevel.values:
        raise ValidationFailed("Unknown verification level.", field="level")
    with transaction.atomic():
        company = Company.objects.select_for_update().filter(id=company_id).first()
        if company is None:
            raise NotFound()
        if company.verification_level != level:
            CompanyVerificationEvent.objects.create(
                company=company,
                operator=operator,
                from_level=company.verification_level,
                to_level=level,
                note=note.strip(),
            )
            company.verification_level = level
            company.save(update_fields=["verification_level", "updated_at"])
    return company


def _save_with_unique_slug(company: Company) -> None:
    base = slugify(company.legal_name)[:60].strip("-") or "company"
    taken = set(Company.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate = base
    for number in range(2, len(taken) + 3):
        if candidate not in taken:
            break
        candidate = f"{base}-{number}"
    company.slug = candidate
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:  # a concurrent sign-up took the same slug between read and write
        company.slug = f"{base}-{secrets.token_hex(3)}"
        company.save()


def _validated_company_changes(changes: CompanyChanges) -> dict[str, object]:
    validators: dict[str, Callable[[Any], object]] = {
        "legal_name": partial(_required_text, field="legal_name"),
        "display_name": partial(_required_text, field="display_name"),
        "kind": _valid_kind,
        "country": _valid_country,
        "default_currency": _valid_currency,
        "languages": _valid_languages,
        "website": _valid_website,
    }
    given = {name: value for name, value in vars(changes).items() if value is not None}
    return {name: validators.get(name, str.strip)(value) for name, value in given.items()}


def _ensure_identity_editable(company: Company, changed: dict[str, object]) -> None:
    verified = company.verification_level in {
        VerificationLevel.BUSINESS_VERIFIED,
        VerificationLevel.AUDITED,
    }
    frozen = sorted(set(changed) & set(_IDENTITY_FIELDS))
    if verified and frozen:
        raise Conflict(
            "A verified company's legal identity can only be changed by the operator.",
            fields=frozen,
        )


def _required_text(value: str, *, field: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationFailed("This field may not be empty.", field=field)
    return text


def _valid_kind(value: str) -> str:
    if value not in CompanyKind.values:
        raise ValidationFailed("Unknown company kind.", field="kind")
    return value


def _valid_country(value: str) -> str:
    code = value.strip().upper()
    if code not in COUNTRY_CODES:
        raise ValidationFailed("Not an ISO 3166 alpha-2 country code.", field="country")
    return code


def _valid_currency(value: str) -> str:
    code = value.strip().upper()
    if code not in CURRENCY_CODES:
        raise ValidationFailed("Not an ISO 4217 currency code.", field="default_currency")
    return code


def _valid_languages(values: list[str]) -> list[str]:
    codes = [value.strip().lower() for value in values]
    if not all(_LANGUAGE_CODE.match(code) for code in codes):
        raise ValidationFailed(
            "Languages must be language codes such as 'en' or 'zh-hans'.", field="languages"
        )
    return list(dict.fromkeys(codes))


def _valid_website(value: str) -> str:
    url = value.strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationFailed("Not a valid http(s) address.", field="website") from exc
    return url


# --- memberships -----------------------------------------------------------------------------


def membership_change_role(*, actor: Membership, membership_id: uuid.UUID, role: str) -> Membership:
    """Give a member of the actor's company a new role; return the membership.

    The actor needs MANAGE_MEMBERS and a rank >= both the member's current and the new role,
    judged on the actor's role as it is when the rows are locked. Raises NotFound,
    PermissionDenied, ValidationFailed (unknown role), Conflict (the last owner).
    """
    ensure_can(actor, Permission.MANAGE_MEMBERS)
    new_role = _valid_role(role)
    with transaction.atomic():
        locked = _lock_members(actor=actor, membership_id=membership_id)
        ensure_can(locked.actor, Permission.MANAGE_MEMBERS)
        _ensure_rank_allows(locked.actor, locked.target.role, new_role)
        if locked.target.role == Role.OWNER and new_role != Role.OWNER:
            locked.ensure_another_owner()
        target = locked.target
        if target.role != new_role:
            target.role = new_role
            target.save(update_fields=["role", "updated_at"])
    return target


def membership_remove(*, actor: Membership, membership_id: uuid.UUID) -> None:
    """Remove a member from the actor's company, or let the actor leave (its own membership).

    Removing others needs MANAGE_MEMBERS and a rank >= theirs. The membership is deactivated and
    its API tokens revoked. Raises NotFound, PermissionDenied, Conflict (the last owner).
    """
    leaving = membership_id == actor.id
    if not leaving:
        ensure_can(actor, Permission.MANAGE_MEMBERS)
    with transaction.atomic():
        locked = _lock_members(actor=actor, membership_id=membership_id)
        if not leaving:
            ensure_can(locked.actor, Permission.MANAGE_MEMBERS)
        _ensure_rank_allows(locked.actor, locked.target.role)
        if locked.target.role == Role.OWNER:
            locked.ensure_another_owner()
        target = locked.target
        target.is_active = False
        target.save(update_fields=["is_active", "updated_at"])
        target.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@dataclass(frozen=True)
class _LockedMembers:
    actor: Membership
    target: Membership
    owner_ids: frozenset[uuid.UUID]

    def ensure_another_owner(self) -> None:
        if not self.owner_ids - {self.target.id}:
            raise Conflict("The last owner cannot be removed or demoted.", reason="last_owner")


def _lock_members(*, actor: Membership, membership_id: uuid.UUID) -> _LockedMembers:
    # One query locks the actor, the target and every owner, in primary-key order: concurrent
    # role changes serialise without deadlocks, and each is judged on fresh roles.
    rows = {
        row.id: row
        for row in Membership.objects.select_for_update()
        .filter(Q(id__in=(actor.id, membership_id)) | Q(role=Role.OWNER))
        .filter(company_id=actor.company_id, is_active=True)
        .order_by("id")
    }
    if actor.id not in rows:
        raise PermissionDenied()
    if membership_id not in rows:
        raise NotFound()
    owner_ids = frozenset(row.id for row in rows.values() if row.role == Role.OWNER)
    return _LockedMembers(actor=rows[actor.id], target=rows[membership_id], owner_ids=owner_ids)


def _ensure_rank_allows(actor: Membership, *roles: str) -> None:
    if not all(role_outranks_or_equals(actor.role, role) for role in roles):
        raise PermissionDenied("You cannot manage or assign a role above your own.")


def _valid_role(value: str) -> Role:
    if value not in Role.values:
        raise ValidationFailed("Unknown role.", field="role")
    return Role(value)


# --- invitations -----------------------------------------------------------------------------


def invitation_create(*, actor: Membership, email: str, role: str) -> IssuedInvitation:
    """Invite `email` to the actor's company with `role` (<= the actor's); e-mail it on commit.

    A pending invitation for the same address is revoked and replaced. Raises PermissionDenied,
    ValidationFailed (bad address or role), Conflict (already an active member).
    """
    ensure_can(actor, Permission.INVITE_MEMBERS)
    new_role = _valid_role(role)
    _ensure_rank_allows(actor, new_role)
    address = _valid_email(email)
    if member_list_for_company(actor=actor).filter(user__email__iexact=address).exists():
        raise Conflict("This person is already a member.", field="email")
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            _revoke_open_invitations(company_id=actor.company_id, email=address)
            invitation = Invitation.objects.create(
                company_id=actor.company_id,
                email=address,
                role=new_role,
                token_hash=token_digest(token),
                invited_by_id=actor.user_id,
                expires_at=timezone.now() + INVITATION_TTL,
            )
    except IntegrityError as exc:  # a concurrent invitation of the same address won
        raise Conflict("An invitation for this address is being sent.", field="email") from exc
    enqueue_on_commit(invitation_email_send, invitation_id=str(invitation.id), token=token)
    return IssuedInvitation(invitation=invitation, token=token)


def invitation_accept(*, user: User, token: str) -> Membership:
    """Join the invitation's company as `user`; return the new (or reactivated) membership.

    The token must be pending and addressed to one of the user's verified e-mail addresses
    (case-insensitive). It is single use: concurrent accepts yield one membership. Raises NotFound
    with one message for unknown, expired, used, revoked or someone else's tokens, and Conflict
    if the user is already an active member.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(
                token_hash=token_digest(token),
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if invitation is None or not _may_accept(user, invitation):
            raise NotFound(INVITATION_NOT_VALID)
        membership = _join(user=user, invitation=invitation)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated_at"])
    return membership


def invitation_revoke(*, actor: Membership, invitation_id: uuid.UUID) -> None:
    """Revoke a pending invitation of the actor's company (its role must be <= the actor's).

    Raises PermissionDenied, NotFound (unknown, not the company's, or no longer pending).
    """
    ensure_can(actor, Permission.INVITE_MEMBERS)
    with transaction.atomic():
        invitation = (
            invitation_list_for_company(actor=actor)
            .select_for_update()
            .filter(id=invitation_id)
            .first()
        )
        if invitation is None:
            raise NotFound()
        _ensure_rank_allows(actor, invitation.role)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])


def _may_accept(user: User, invitation: Invitation) -> bool:
    return (
        user.is_active
        and Company.objects.filter(id=invitation.company_id, is_active=True).exists()
        and user_has_verified_email(user=user, email=invitation.email)
    )


def _join(*, user: User, invitation: Invitation) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, company_id=invitation.company_id)
        .first()
    )
    if membership is None:
        return Membership.objects.create(
            user=user, company_id=invitation.company_id, role=invitation.role
        )
    if membership.is_active:
        raise Conflict("You are already a member of this company.")
    membership.is_active = True
    membership.role = invitation.role
    membership.save(update_fields=["is_active", "role", "updated_at"])
    return membership


def _revoke_open_invitations(*, company_id: uuid.UUID, email: str) -> None:
    Invitation.objects.filter(
        company_id=company_id, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


def _valid_email(value: str) -> str:
    address = value.strip().lower()
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ValidationFailed("Not a valid e-mail address.", field="email") from exc
    return address


# --- API tokens ------------------------------------------------------------------------------


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
