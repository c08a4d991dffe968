"""Telling what an uploaded verification document is from its bytes (never from its name).

PDF by its `%PDF-` signature; JPEG and PNG by Pillow, which must open and verify the image.
Everything else (HTML, SVG, Office files, archives, executables) is refused.
"""

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO, Final

from tradebridge.companies.enums import DocumentContentType
from tradebridge.core.errors import ValidationFailed
from tradebridge.core.file_types import file_format_sniff

MAX_DOCUMENT_BYTES: Final = 10 * 1024 * 1024
_TYPES: Final = {
    "PDF": DocumentContentType.PDF,
    "JPEG": DocumentContentType.JPEG,
    "PNG": DocumentContentType.PNG,
}


def document_read_capped(file: IO[bytes]) -> bytes:
    """The whole file, or ValidationFailed (reason `file_too_large`) past 10 MB or when empty."""
    data = file.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationFailed(
            "The file is larger than 10 MB.",
            field="file",
            reason="file_too_large",
            max_bytes=MAX_DOCUMENT_BYTES,
        )
    if not data:
        raise ValidationFailed("The file is empty.", field="file", reason="file_empty")
    return data


def document_sniff(data: bytes) -> DocumentContentType:
    """PDF, JPEG or PNG, told by the content; else ValidationFailed (reason `file_type`)."""
    file_format = file_format_sniff(data, accepted=_TYPES)
    if file_format is None:
        raise ValidationFailed("Upload a PDF, JPEG or PNG file.", field="file", reason="file_type")
    return _TYPES[file_format]


def document_filename(name: str) -> str:
    """The uploaded file's own name, for display and downloads: no folders, no control
    characters, at most 255 characters; "document" when nothing is left."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    printable = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    return printable[-255:] or "document"
