"""Quote attachments: a supplier adds files (catalogue, test report, photo) to the current
revision of its live quote. The bytes are checked by `rfq.files` (10 MB, PDF/JPEG/PNG/WebP told
by content) and kept in private storage under a random name; only the quoting supplier's and
the RFQ buyer's members download them, through `rfq.downloads` signed links."""

from typing import IO, Final
from uuid import UUID

from django.core.files.base import ContentFile
from django.db import transaction

from tradebridge.companies.models import Membership
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.rfq.enums import QuoteStatus
from tradebridge.rfq.errors import TooManyAttachments
from tradebridge.rfq.files import attachment_check
from tradebridge.rfq.models import QuoteAttachment
from tradebridge.rfq.services.quotes import (
    current_revision,
    ensure_supplier,
    lock_rfq_and_quote,
    own_quote,
)
from tradebridge.rfq.transitions import QUOTE_TRANSITIONS

MAX_ATTACHMENTS_PER_REVISION: Final = 10


def quote_attachment_add(
    *, actor: Membership, quote_id: UUID, file: IO[bytes], filename: str
) -> QuoteAttachment:
    """Attach an uploaded file to the current revision of the actor's company's live quote.

    Raises PermissionDenied (SUBMIT_QUOTES, not an active supplier), NotFound (not the
    actor's quote), AttachmentTooLarge (413), EmptyAttachment, UnsupportedAttachment (422),
    InvalidTransition (409: the quote is accepted, rejected, withdrawn or expired),
    TooManyAttachments (409). Nothing is stored on failure.
    """
    quote = own_quote(actor, quote_id)
    ensure_supplier(actor)
    checked = attachment_check(file, name=filename)
    with transaction.atomic():
        _rfq, quote = lock_rfq_and_quote(quote)
        # Only a quote that could still be revised takes files: accepted terms stay as they were.
        ensure_transition(
            QUOTE_TRANSITIONS, current=QuoteStatus(quote.status), target=QuoteStatus.REVISED
        )
        revision = current_revision(quote)
        if revision.attachments.count() >= MAX_ATTACHMENTS_PER_REVISION:
            raise TooManyAttachments(max_attachments=MAX_ATTACHMENTS_PER_REVISION)
        attachment = QuoteAttachment(
            revision=revision,
            original_filename=checked.filename,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=checked.sha256,
            uploaded_by_id=actor.user_id,
        )
        attachment.file.save(checked.filename, ContentFile(checked.data), save=False)
        try:
            attachment.save()
            _audit(attachment, actor=actor, quote_id=quote.pk)
        except BaseException:
            attachment.file.delete(save=False)  # the row is not written: neither is the file
            raise
    return attachment


def _audit(attachment: QuoteAttachment, *, actor: Membership, quote_id: UUID) -> None:
    audit_record(
        action="quote.attachment_added",
        object_type="rfq.quote",
        object_id=quote_id,
        actor_user_id=actor.user_id,
        company_id=actor.company_id,
        data={"attachment_id": str(attachment.pk), "sha256": attachment.sha256},
    )
