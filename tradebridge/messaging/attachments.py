"""Telling what an uploaded attachment is from its bytes (never from its name).

PDF by its `%PDF-` signature; JPEG, PNG and WEBP by Pillow, which must open and verify the
image. Everything else (HTML, SVG, Office files, archives, executables renamed .pdf) is
refused. 10 MB at most, as companies' verification documents (`companies.documents`).
"""

from typing import Final

from tradebridge.core.errors import ValidationFailed
from tradebridge.core.file_types import file_format_sniff
from tradebridge.messaging.enums import AttachmentContentType

MAX_ATTACHMENT_BYTES: Final = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_MESSAGE: Final = 5
_TYPES: Final = {
    "PDF": AttachmentContentType.PDF,
    "JPEG": AttachmentContentType.JPEG,
    "PNG": AttachmentContentType.PNG,
    "WEBP": AttachmentContentType.WEBP,
}


def attachment_sniff(data: bytes) -> AttachmentContentType:
    """PDF, JPEG, PNG or WEBP, told by the content; else ValidationFailed (reason `file_type`)."""
    file_format = file_format_sniff(data, accepted=_TYPES)
    if file_format is None:
        raise ValidationFailed(
            "Attach a PDF, JPEG, PNG or WEBP file.", field="file", reason="file_type"
        )
    return _TYPES[file_format]
