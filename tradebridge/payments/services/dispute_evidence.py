"""Evidence on a dispute: a photo, an inspection report, a tracking proof, from either party.

PDF, JPEG, PNG or WEBP told from the bytes (`core.file_types`), at most 10 MB, stored in
private storage under a random name (never under MEDIA_URL); downloads go through signed,
short-lived links bound to one user (`payments.dispute_downloads`). Evidence is added while
the dispute is open; each file is a timeline entry and an audit event.
"""

import hashlib
from datetime import datetime
from typing import IO, Final
from uuid import UUID

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tradebridge.companies.documents import document_filename, document_read_capped
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import InvalidTransition, RateLimited, ValidationFailed
from tradebridge.core.file_types import file_format_sniff
from tradebridge.payments.dispute_selectors import dispute_get_for_company
from tradebridge.payments.dispute_transitions import OPEN_STATUSES
from tradebridge.payments.enums import EvidenceContentType
from tradebridge.payments.models import DisputeEvidence
from tradebridge.payments.services.dispute_steps import Who, dispute_record

MAX_EVIDENCE_PER_DISPUTE: Final = 30
MAX_NOTE = 2000
_TYPES: Final = {
    "PDF": EvidenceContentType.PDF,
    "JPEG": EvidenceContentType.JPEG,
    "PNG": EvidenceContentType.PNG,
    "WEBP": EvidenceContentType.WEBP,
}


def evidence_sniff(data: bytes) -> EvidenceContentType:
    """PDF, JPEG, PNG or WEBP, told by the content; else ValidationFailed (`file_type`)."""
    file_format = file_format_sniff(data, accepted=_TYPES)
    if file_format is None:
        raise ValidationFailed(
            "Add a PDF, JPEG, PNG or WEBP file.", field="file", reason="file_type"
        )
    return _TYPES[file_format]


def dispute_evidence_add(
    *,
    actor: Membership,
    dispute_id: UUID,
    file: IO[bytes],
    filename: str,
    note: str = "",
    now: datetime | None = None,
) -> DisputeEvidence:
    """Store a file for the dispute on behalf of the actor's company (the buyer with
    PLACE_ORDERS, the supplier with FULFIL_ORDERS). Raises NotFound, PermissionDenied,
    InvalidTransition (409: the dispute is closed), ValidationFailed (`file`: file_too_large,
    file_empty, file_type; `note`: too_long), RateLimited (30 files per dispute)."""
    now = now or timezone.now()
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValidationFailed(field="note", reason="too_long", max_length=MAX_NOTE)
    data = document_read_capped(file)
    content_type = evidence_sniff(data)
    with transaction.atomic():
        dispute = dispute_get_for_company(actor=actor, dispute_id=dispute_id, for_update=True)
        is_buyer = dispute.buyer_id == actor.company_id
        ensure_can(actor, Permission.PLACE_ORDERS if is_buyer else Permission.FULFIL_ORDERS)
        if dispute.status not in OPEN_STATUSES:
            raise InvalidTransition(
                "Evidence can be added only while the dispute is open.",
                current=dispute.status,
                allowed=sorted(OPEN_STATUSES),
            )
        if DisputeEvidence.objects.filter(dispute=dispute).count() >= MAX_EVIDENCE_PER_DISPUTE:
            raise RateLimited(limit=MAX_EVIDENCE_PER_DISPUTE)
        evidence = DisputeEvidence(
            dispute=dispute,
            uploaded_by_id=actor.user_id,
            company_id=actor.company_id,
            original_filename=document_filename(filename),
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            note=note,
        )
        evidence.file.save(evidence.original_filename, ContentFile(data), save=False)
        evidence.save()
        who = Who(user_id=actor.user_id, company_id=actor.company_id)
        data_ = {
            "evidence_id": str(evidence.pk),
            "filename": evidence.original_filename,
            "side": "buyer" if is_buyer else "supplier",
        }
        dispute_record(dispute, "evidence_added", who=who, now=now, data=data_)
    return evidence
