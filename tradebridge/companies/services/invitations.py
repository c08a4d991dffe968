"""Inviting people into a company and accepting invitations."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.accounts.selectors import user_has_verified_email
from tradebridge.companies.emails import invitation_email_send
from tradebridge.companies.models import Company, Invitation, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.companies.selectors import (
    INVITATION_NOT_VALID,
    invitation_list_for_company,
    member_list_for_company,
    token_digest,
)
from tradebridge.companies.services.memberships import _ensure_rank_allows, _valid_role
from tradebridge.core.emails import current_request_base_url
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.core.tasks import enqueue_on_commit

INVITATION_TTL = timedelta(days=7)


@dataclass(frozen=True)
class IssuedInvitation:
    """A new invitation and its raw token, which exists only here and in the e-mail."""

    invitation: Invitation
    token: str


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
    enqueue_on_commit(
        invitation_email_send,
        invitation_id=str(invitation.id),
        token=token,
        base_url=current_request_base_url(),
    )
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
