"""Verification documents: a company uploads them, an operator approves or rejects them.

Approving may grant the company a verification level (business verified, audited) through
`company_set_verification`, which records the level's history.
"""

import uuid
from typing import IO, Final

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.documents import (
    document_filename,
    document_read_capped,
    document_sniff,
)
from tradebridge.companies.enums import DocumentKind, DocumentStatus, VerificationLevel
from tradebridge.companies.events import VerificationDocumentReviewed
from tradebridge.companies.models import Membership, VerificationDocument
from tradebridge.companies.permissions import Permission, ensure_can, ensure_operator
from tradebridge.companies.services.verification import company_set_verification
from tradebridge.companies.transitions import DOCUMENT_TRANSITIONS
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.core.events import publish
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition

MAX_PENDING_DOCUMENTS: Final = 20
GRANTABLE_LEVELS: Final = frozenset(
    {VerificationLevel.BUSINESS_VERIFIED, VerificationLevel.AUDITED}
)


def verification_document_upload(
    *, actor: Membership, kind: str, file: IO[bytes], filename: str
) -> VerificationDocument:
    """Store a document for the actor's company (owner or admin), pending an operator's review.

    The type is told from the bytes: PDF, JPEG or PNG, at most 10 MB. Raises PermissionDenied,
    ValidationFailed (unknown kind; `reason` file_too_large, file_empty or file_type), Conflict
    (already 20 documents waiting for review). Not idempotent: each call stores one document.
    """
    ensure_can(actor, Permission.MANAGE_COMPANY)
    if kind not in DocumentKind.values:
        raise ValidationFailed("Unknown document kind.", field="kind")
    data = document_read_capped(file)
    content_type = document_sniff(data)
    with transaction.atomic():
        pending = VerificationDocument.objects.filter(
            company_id=actor.company_id, status=DocumentStatus.PENDING
        )
        if pending.count() >= MAX_PENDING_DOCUMENTS:
            raise Conflict(
                "Too many documents are waiting for review; wait for the operator's decision.",
                reason="too_many_pending",
            )
        document = VerificationDocument(
            company_id=actor.company_id,
            kind=kind,
            original_filename=document_filename(filename),
            content_type=content_type,
            size=len(data),
            uploaded_by_id=actor.user_id,
        )
        document.file.save(document.original_filename, ContentFile(data), save=False)
        document.save()
        audit_record(
            action="verification_document.uploaded",
            object_type="companies.verificationdocument",
            object_id=document.id,
            actor_user_id=actor.user_id,
            company_id=actor.company_id,
            data={"kind": kind, "content_type": content_type, "size": len(data)},
        )
    return document


def verification_document_approve(
    *, operator: User, document_id: uuid.UUID, note: str = "", grant_level: str | None = None
) -> VerificationDocument:
    """Approve a pending document; with `grant_level` (business verified or audited) also set
    the company's verification level, recorded in its history with the note.

    Raises PermissionDenied (not an operator), NotFound, ValidationFailed (a level that a
    document cannot grant), InvalidTransition (already reviewed).
    """
    ensure_operator(operator)
    if grant_level is not None and grant_level not in GRANTABLE_LEVELS:
        raise ValidationFailed(
            "A document can grant 'business verified' or 'audited' only.", field="grant_level"
        )
    with transaction.atomic():
        document = _review(operator, document_id, DocumentStatus.APPROVED, note)
        if grant_level is not None:
            reason = (
                f"Approved {document.get_kind_display().lower()} “{document.original_filename}”"
            )
            company_set_verification(
                operator=operator,
                company_id=document.company_id,
                level=grant_level,
                note=f"{reason}. {document.review_note}".strip(),
            )
    return document


def verification_document_reject(
    *, operator: User, document_id: uuid.UUID, note: str
) -> VerificationDocument:
    """Reject a pending document; the note, which the company's members see, is required.

    Raises PermissionDenied, NotFound, ValidationFailed (no note), InvalidTransition.
    """
    ensure_operator(operator)
    if not note.strip():
        raise ValidationFailed("Say why the document is rejected.", field="note")
    with transaction.atomic():
        return _review(operator, document_id, DocumentStatus.REJECTED, note)


def _review(
    operator: User, document_id: uuid.UUID, status: DocumentStatus, note: str
) -> VerificationDocument:
    document = VerificationDocument.objects.select_for_update().filter(id=document_id).first()
    if document is None:
        raise NotFound()
    ensure_transition(DOCUMENT_TRANSITIONS, current=DocumentStatus(document.status), target=status)
    document.status = status
    document.reviewed_by = operator
    document.reviewed_at = timezone.now()
    document.review_note = note.strip()
    document.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"]
    )
    audit_record(
        action=f"verification_document.{status}",
        object_type="companies.verificationdocument",
        object_id=document.id,
        actor_user_id=operator.id,
        company_id=document.company_id,
        data={"note": document.review_note},
    )
    publish(VerificationDocumentReviewed(document_id=document.id))
    return document
