"""E-mails the companies domain sends, as background tasks scheduled after commit
(`core.tasks.enqueue_on_commit`, from the services or the event map). Each takes primitive
values, including the `base_url` of links (`core.emails.current_request_base_url()` where
it was enqueued; empty: SITE_URL), and no-ops when no longer relevant.
`core.emails.email_send` renders them.
"""

import uuid
from dataclasses import dataclass

from django.tasks import task
from django.urls import reverse

from tradebridge.accounts.models import User
from tradebridge.companies.enums import DocumentStatus, VerificationLevel
from tradebridge.companies.models import (
    Company,
    CompanySuspension,
    Invitation,
    Membership,
    VerificationDocument,
)
from tradebridge.companies.permissions import ROLE_PERMISSIONS, Permission
from tradebridge.core.emails import email_send


@dataclass(frozen=True, slots=True)
class Recipient:
    email: str
    language: str
    name: str


def company_recipients(*, company_id: uuid.UUID, permission: Permission) -> list[Recipient]:
    """The active members of the company whose role grants `permission`, each with the
    language they chose (e.g. MANAGE_COMPANY: owners and admins hear about verification)."""
    roles = [role for role, granted in ROLE_PERMISSIONS.items() if permission in granted]
    members = (
        Membership.objects.filter(
            company_id=company_id, is_active=True, role__in=roles, user__is_active=True
        )
        .select_related("user")
        .order_by("created_at", "id")
    )
    return [
        Recipient(m.user.email, m.user.preferred_language, m.user.get_full_name()) for m in members
    ]


@task()
def invitation_email_send(*, invitation_id: str, token: str, base_url: str = "") -> None:
    """Send the invitation with its accept link `{base_url}/invitations/<token>/`, in the
    language of the invited person if they have an account, else of the inviter.

    Sends nothing if the invitation has since been accepted, revoked or has expired. The raw
    token travels in the task's arguments because only its hash is stored; on its own it is
    useless without signing in with the invited, verified address.
    """
    invitation = (
        Invitation.objects.select_related("company", "invited_by").filter(id=invitation_id).first()
    )
    if invitation is None or not invitation.is_pending:
        return
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    inviter = invitation.invited_by
    language = (invitee.preferred_language if invitee else "") or (
        inviter.preferred_language if inviter else ""
    )
    email_send(
        to=invitation.email,
        language=language,
        template="companies/email/invitation",
        context={
            "invitation": invitation,
            "company": invitation.company,
            "inviter": inviter,
            "path": reverse("invitation_open", kwargs={"token": token}),
        },
        base_url=base_url or None,
    )


@task()
def verification_document_reviewed_email_send(*, document_id: str, base_url: str = "") -> None:
    """Tell the company's owners and admins that a document was approved or rejected (with
    the operator's note). Sends nothing for a document that is gone or still pending."""
    document = VerificationDocument.objects.select_related("company").filter(id=document_id).first()
    if document is None or document.status == DocumentStatus.PENDING:
        return
    approved = document.status == DocumentStatus.APPROVED
    _send_to_company(
        company=document.company,
        permission=Permission.MANAGE_COMPANY,
        template=f"companies/email/document_{'approved' if approved else 'rejected'}",
        context={"document": document, "path": reverse("company_verification")},
        base_url=base_url,
    )


@task()
def verification_level_email_send(*, company_id: str, base_url: str = "") -> None:
    """Tell the company's owners and admins the verification level it now has, when it is
    one an operator grants (business verified, audited); nothing for a downgrade."""
    company = Company.objects.filter(id=company_id).first()
    granted = {VerificationLevel.BUSINESS_VERIFIED, VerificationLevel.AUDITED}
    if company is None or company.verification_level not in granted:
        return
    _send_to_company(
        company=company,
        permission=Permission.MANAGE_COMPANY,
        template="companies/email/verification_granted",
        context={"path": reverse("company_verification")},
        base_url=base_url,
    )


@task()
def company_suspension_email_send(*, company_id: str, base_url: str = "") -> None:
    """Tell every active member that the company was suspended or reinstated, with the
    operator's reason (its latest suspension record says which)."""
    company = Company.objects.filter(id=company_id).first()
    record = CompanySuspension.objects.filter(company_id=company_id).order_by("-created_at").first()
    if company is None or record is None:
        return
    _send_to_company(
        company=company,
        permission=Permission.VIEW_COMPANY,
        template=f"companies/email/company_{record.action}",
        context={"reason": record.reason, "path": reverse("dashboard")},
        base_url=base_url,
    )


def _send_to_company(
    *,
    company: Company,
    permission: Permission,
    template: str,
    context: dict[str, object],
    base_url: str,
) -> None:
    for recipient in company_recipients(company_id=company.id, permission=permission):
        email_send(
            to=recipient.email,
            language=recipient.language,
            template=template,
            context={**context, "company": company, "recipient": recipient},
            base_url=base_url or None,
        )
