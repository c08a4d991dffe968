"""What an uploaded file is, told by its bytes, never by its name or by the browser's word for
it: verification documents, RFQ and quote attachments and message attachments all ask here."""

import io
import warnings
from collections.abc import Collection
from typing import Final

from PIL import Image

PDF_SIGNATURE: Final = b"%PDF-"
IMAGE_FORMATS: Final = ("JPEG", "PNG", "WEBP")


def file_format_sniff(data: bytes, *, accepted: Collection[str]) -> str | None:
    """The file's format, "PDF" or one of IMAGE_FORMATS, if it is among `accepted`; else None.

    An image counts only if Pillow opens and verifies it whole; a decompression bomb is None.
    """
    if data.startswith(PDF_SIGNATURE):
        return "PDF" if "PDF" in accepted else None
    images = [name for name in IMAGE_FORMATS if name in accepted]
    if not images:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=images) as image:
                image_format = image.format
                image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        return None
    return image_format if image_format in images else None
