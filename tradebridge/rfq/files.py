"""Checking an uploaded RFQ or quote attachment, from its bytes (never from its name).

At most 10 MB (413 `file_too_large`), not empty (`file_empty`), and one of: PDF (its `%PDF-`
signature), JPEG, PNG or WebP (Pillow must open and verify the image). Anything else, such
as an executable, HTML or SVG renamed `.pdf`, is 422 `unsupported_file_type`. The name is
kept for display only (no folders, no control characters); the stored name is random.
"""

import hashlib
from dataclasses import dataclass
from typing import IO, Final

from tradebridge.companies.documents import document_filename
from tradebridge.core.file_types import file_format_sniff
from tradebridge.rfq.enums import AttachmentContentType
from tradebridge.rfq.errors import AttachmentTooLarge, EmptyAttachment, UnsupportedAttachment

MAX_ATTACHMENT_BYTES: Final = 10 * 1024 * 1024
_TYPES: Final = {
    "PDF": AttachmentContentType.PDF,
    "JPEG": AttachmentContentType.JPEG,
    "PNG": AttachmentContentType.PNG,
    "WEBP": AttachmentContentType.WEBP,
}


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """An upload that passed the checks: its bytes, sniffed type, display name and digest."""

    data: bytes
    content_type: AttachmentContentType
    filename: str
    sha256: str


def attachment_check(file: IO[bytes], *, name: str) -> CheckedFile:
    """Read and check an upload (see the module doc). Raises AttachmentTooLarge,
    EmptyAttachment, UnsupportedAttachment."""
    data = file.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentTooLarge(field="file", max_bytes=MAX_ATTACHMENT_BYTES)
    if not data:
        raise EmptyAttachment(field="file")
    return CheckedFile(
        data=data,
        content_type=attachment_sniff(data),
        filename=document_filename(name),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def attachment_sniff(data: bytes) -> AttachmentContentType:
    """PDF, JPEG, PNG or WebP, told by the content; else UnsupportedAttachment."""
    file_format = file_format_sniff(data, accepted=_TYPES)
    if file_format is None:
        raise UnsupportedAttachment(field="file")
    return _TYPES[file_format]
