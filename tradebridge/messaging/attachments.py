"""Telling what an uploaded attachment is from its bytes (never from its name).

PDF by its `%PDF-` signature; JPEG, PNG and WEBP by Pillow, which must open and verify the
image. Everything else (HTML, SVG, Office files, archives, executables renamed .pdf) is
refused. 10 MB at most, as companies' verification documents (`companies.documents`).
"""

import io
import warnings
from typing import Final

from PIL import Image

from tradebridge.core.errors import ValidationFailed
from tradebridge.messaging.enums import AttachmentContentType

MAX_ATTACHMENT_BYTES: Final = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_MESSAGE: Final = 5
_PDF_SIGNATURE: Final = b"%PDF-"
_PILLOW_TYPES: Final = {
    "JPEG": AttachmentContentType.JPEG,
    "PNG": AttachmentContentType.PNG,
    "WEBP": AttachmentContentType.WEBP,
}


def attachment_sniff(data: bytes) -> AttachmentContentType:
    """PDF, JPEG, PNG or WEBP, told by the content; else ValidationFailed (reason `file_type`)."""
    if data.startswith(_PDF_SIGNATURE):
        return AttachmentContentType.PDF
    image_format = _pillow_format(data)
    if image_format not in _PILLOW_TYPES:
        raise ValidationFailed(
            "Attach a PDF, JPEG, PNG or WEBP file.", field="file", reason="file_type"
        )
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
