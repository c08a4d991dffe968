"""Reads of the companies domain, always scoped to the actor: "not yours" is `NotFound`."""

import hashlib
import uuid

from django.db.models import QuerySet
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.enums import KindChangeStatus, SuspensionAction
from tradebridge.companies.models import (
    ApiToken,
    Company,
    CompanyKindChange,
    CompanySuspension,
    CompanyVerificationEvent,
    Invitation,
    Membership,
    VerificationDocument,
)
from tradebridge.companies.permissions import is_operator
from tradebridge.core.errors import NotFound

INVITATION_NOT_VALID = "This invitation is not valid. It may have expired or been used."


def token_digest(raw_token: str) -> str:
    """The SHA-256 hex digest under which invitation and API tokens are stored."""
    return hashlib.sha256(raw_token.encode()).hexdigest()


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The user's active memberships in active companies, with the company, oldest first."""
    return (
        Membership.objects.filter(user=user, is_active=True, company__is_active=True)
        .select_related("company")
        .order_by("created_at", "id")
    )


def membership_get_for_user(*, user: User, company_id: uuid.UUID) -> Membership:
    """The user's active membership in company `company_id`; raise NotFound if there is none."""
    membership = membership_list_for_user(user=user).filter(company_id=company_id).first()
    if membership is None:
        raise NotFound()
    return membership


def company_get_for_actor(*, actor: Membership) -> Company:
    """The actor's own company (a member may always read its company)."""
    return actor.company


def company_kind_change_pending(*, company_id: uuid.UUID) -> CompanyKindChange | None:
    """The company's change of kind waiting for the operator, if any (one query)."""
    return CompanyKindChange.objects.filter(
        company_id=company_id, status=KindChangeStatus.PENDING
    ).first()


def company_kind_change_latest(*, company_id: uuid.UUID) -> CompanyKindChange | None:
    """The company's most recent change-of-kind request, whatever its status (one query)."""
    return CompanyKindChange.objects.filter(company_id=company_id).order_by("-created_at").first()


def member_list_for_company(*, actor: Membership) -> QuerySet[Membership]:
    """Active members of the actor's company with their users, by join date."""
    return (
        Membership.objects.filter(company_id=actor.company_id, is_active=True)
        .select_related("user")
        .order_by("created_at", "id")
    )


def member_get_for_company(*, actor: Membership, membership_id: uuid.UUID) -> Membership:
    """An active member of the actor's company; NotFound for any other id."""
    membership = member_list_for_company(actor=actor).filter(id=membership_id).first()
    if membership is None:
        raise NotFound()
    return membership


def invitation_list_for_company(*, actor: Membership) -> QuerySet[Invitation]:
    """Pending (not accepted, revoked or expired) invitations of the company, newest first."""
    return Invitation.objects.filter(
        company_id=actor.company_id,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("-created_at", "id")


def invitation_get_by_token(*, token: str) -> Invitation:
    """The pending invitation for a raw token, with its company.

    Raises NotFound, with one and the same message, for unknown, expired, accepted and revoked
    tokens, so that a token's existence cannot be probed.
    """
    invitation = (
        Invitation.objects.filter(
            token_hash=token_digest(token),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            company__is_active=True,
        )
        .select_related("company")
        .first()
    )
    if invitation is None:
        raise NotFound(INVITATION_NOT_VALID)
    return invitation


def api_token_list_for_actor(*, actor: Membership) -> QuerySet[ApiToken]:
    """The actor's own unrevoked API tokens (expired ones included, so they can be cleaned up)."""
    return ApiToken.objects.filter(membership_id=actor.id, revoked_at__isnull=True).order_by(
        "-created_at", "id"
    )


def verification_document_list_for_company(*, actor: Membership) -> QuerySet[VerificationDocument]:
    """The documents of the actor's company, newest first, with uploader and reviewer."""
    return (
        VerificationDocument.objects.filter(company_id=actor.company_id)
        .select_related("uploaded_by", "reviewed_by")
        .order_by("-created_at", "id")
    )


def verification_history_for_company(*, actor: Membership) -> QuerySet[CompanyVerificationEvent]:
    """The changes of the actor's company's verification level, newest first."""
    return CompanyVerificationEvent.objects.filter(company_id=actor.company_id).order_by(
        "-created_at", "-id"
    )


def verification_document_get_for_download(
    *, user: User, document_id: uuid.UUID
) -> VerificationDocument:
    """A document the user may download: any active operator, or an active member of the
    document's company (even while it is suspended). NotFound for everyone else."""
    documents = VerificationDocument.objects.filter(id=document_id)
    if not is_operator(user):
        documents = documents.filter(
            company__memberships__user=user, company__memberships__is_active=True
        )
    document = documents.first() if user.is_active else None
    if document is None:
        raise NotFound()
    return document


def suspension_list_for_user(*, user: User) -> list[CompanySuspension]:
    """Why the user's suspended companies are suspended: the latest suspension of each company
    in which the user is an active member and which is suspended now."""
    companies = Company.objects.filter(
        is_active=False, memberships__user=user, memberships__is_active=True
    )
    latest: dict[uuid.UUID, CompanySuspension] = {}
    for suspension in (
        CompanySuspension.objects.filter(company__in=companies, action=SuspensionAction.SUSPENDED)
        .select_related("company")
        .order_by("company_id", "-created_at", "-id")
    ):
        latest.setdefault(suspension.company_id, suspension)
    return sorted(latest.values(), key=lambda suspension: suspension.company.display_name)
