"""RFQ attachments: a buyer adds files (drawings, specifications, photos) to a draft or open
RFQ. The bytes are checked by `rfq.files` (10 MB, PDF/JPEG/PNG/WebP told by content) and kept
in private storage under a random name; downloads go through `rfq.downloads`."""

import uuid
from typing import IO, Final

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.services.audit import audit_record
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.errors import QuoteDeadlinePassed, RFQFieldLocked, TooManyAttachments
from tradebridge.rfq.files import attachment_check
from tradebridge.rfq.models import RFQAttachment
from tradebridge.rfq.selectors import rfq_get_for_buyer

MAX_ATTACHMENTS_PER_RFQ: Final = 10


def rfq_attachment_add(
    *, actor: Membership, rfq_id: uuid.UUID, file: IO[bytes], filename: str
) -> RFQAttachment:
    """Attach an uploaded file to one of the actor's company's draft or open RFQs.

    Raises PermissionDenied (CREATE_RFQS), NotFound, AttachmentTooLarge (413),
    EmptyAttachment, UnsupportedAttachment (422), RFQFieldLocked (not a draft or open RFQ),
    QuoteDeadlinePassed, TooManyAttachments (409). Nothing is stored on failure.
    """
    ensure_can(actor, Permission.CREATE_RFQS)
    checked = attachment_check(file, name=filename)
    with transaction.atomic():
        rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id, for_update=True)
        if rfq.status not in (RFQStatus.DRAFT, RFQStatus.OPEN):
            raise RFQFieldLocked(status=rfq.status, fields=["attachments"])
        if rfq.status == RFQStatus.OPEN and rfq.quote_deadline <= timezone.now():
            raise QuoteDeadlinePassed(quote_deadline=rfq.quote_deadline.isoformat())
        if rfq.attachments.count() >= MAX_ATTACHMENTS_PER_RFQ:
            raise TooManyAttachments(max_attachments=MAX_ATTACHMENTS_PER_RFQ)
        attachment = RFQAttachment(
            rfq=rfq,
            original_filename=checked.filename,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=checked.sha256,
            uploaded_by_id=actor.user_id,
        )
        attachment.file.save(checked.filename, ContentFile(checked.data), save=False)
        try:
            attachment.save()
            _audit(attachment, actor=actor)
        except BaseException:
            attachment.file.delete(save=False)  # the row is not written: neither is the file
            raise
    return attachment


def _audit(attachment: RFQAttachment, *, actor: Membership) -> None:
    audit_record(
        action="rfq.attachment_added",
        object_type="rfq",
        object_id=attachment.rfq_id,
        actor_user_id=actor.user_id,
        company_id=actor.company_id,
        data={"attachment_id": str(attachment.pk), "sha256": attachment.sha256},
    )
