"""Checking an uploaded RFQ or quote attachment, from its bytes (never from its name).

At most 10 MB (413 `file_too_large`), not empty (`file_empty`), and one of: PDF (its `%PDF-`
signature), JPEG, PNG or WebP (Pillow must open and verify the image). Anything else, such
as an executable, HTML or SVG renamed `.pdf`, is 422 `unsupported_file_type`. The name is
kept for display only (no folders, no control characters); the stored name is random.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import IO, Final

from PIL import Image

from tradebridge.companies.documents import document_filename
from tradebridge.rfq.enums import AttachmentContentType
from tradebridge.rfq.errors import AttachmentTooLarge, EmptyAttachment, UnsupportedAttachment

MAX_ATTACHMENT_BYTES: Final = 10 * 1024 * 1024
_PDF_SIGNATURE: Final = b"%PDF-"
_PILLOW_TYPES: Final = {
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
    if data.startswith(_PDF_SIGNATURE):
        return AttachmentContentType.PDF
    image_format = _pillow_format(data)
    if image_format not in _PILLOW_TYPES:
        raise UnsupportedAttachment(field="file")
    return _PILLOW_TYPES[image_format]


def _pillow_format(data: bytes) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(_PILLOW_TYPES)) as image:
                image_format = image.format
                image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        return None
    return image_format
