"""Errors of RFQs and their attachments, with stable codes for the API (409, 413, 422, 429).

Field errors of an RFQ's input are `ValidationFailed` with `details.errors`
(`rfq.services.rfq_input`). Errors of quotes live in `rfq.quote_errors`.
"""

from tradebridge.core.errors import Conflict, RateLimited, ValidationFailed


class RFQRateLimited(RateLimited):
    """details: `limit`: RFQs a company may post per day (operator setting)."""

    code = "rfq_limit_reached"
    default_message = "Your company has posted as many RFQs as allowed today."


class RFQFieldLocked(Conflict):
    """details: `fields`: what cannot change once the RFQ is open (only a later quote
    deadline, showing the quote count and more invited suppliers can)."""

    code = "rfq_field_locked"
    default_message = "These fields cannot change once the RFQ is open."


class QuoteDeadlinePassed(Conflict):
    """details: `quote_deadline`. The RFQ stops taking quotes and edits at its deadline, even
    before the scheduled run closes it."""

    code = "quote_deadline_passed"
    default_message = "The RFQ's quote deadline has passed."


class AttachmentTooLarge(ValidationFailed):
    """details: `max_bytes`."""

    code = "file_too_large"
    http_status = 413
    default_message = "The file is larger than 10 MB."


class UnsupportedAttachment(ValidationFailed):
    """The bytes are not a PDF, JPEG, PNG or WebP file (whatever the name says)."""

    code = "unsupported_file_type"
    default_message = "Upload a PDF, JPEG, PNG or WebP file."


class EmptyAttachment(ValidationFailed):
    code = "file_empty"
    default_message = "The file is empty."


class TooManyAttachments(Conflict):
    """details: `max_attachments`."""

    code = "too_many_attachments"
    default_message = "This RFQ has as many attachments as allowed."
