"""The one check of what an uploaded file is: its bytes decide, among the accepted formats."""

import io

import pytest
from PIL import Image

from tradebridge.core.file_types import file_format_sniff

ALL = ("PDF", "JPEG", "PNG", "WEBP")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


def image_bytes(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_image_is_told_by_its_bytes(image_format: str) -> None:
    assert file_format_sniff(image_bytes(image_format), accepted=ALL) == image_format


def test_a_pdf_is_told_by_its_signature() -> None:
    assert file_format_sniff(PDF, accepted=ALL) == "PDF"


@pytest.mark.parametrize(
    "data",
    [HTML, SVG, b"MZ\x90\x00\x03 an executable renamed .pdf", b"", b"\x89PNG\r\n\x1a\n broken"],
)
def test_anything_else_is_none(data: bytes) -> None:
    assert file_format_sniff(data, accepted=ALL) is None


def test_a_format_not_accepted_is_none() -> None:
    assert file_format_sniff(image_bytes("WEBP"), accepted=("PDF", "JPEG", "PNG")) is None
    assert file_format_sniff(PDF, accepted=("JPEG",)) is None
    assert file_format_sniff(image_bytes("PNG"), accepted=("PDF",)) is None


def test_a_decompression_bomb_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # a 40 x 30 picture is then a bomb

    assert file_format_sniff(image_bytes("PNG"), accepted=ALL) is None
