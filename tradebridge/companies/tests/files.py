"""Small real files for upload tests: a PDF, a JPEG, a PNG, and things that are none of them."""

import io

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


def image_bytes(image_format: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def jpeg() -> bytes:
    return image_bytes("JPEG")


def png() -> bytes:
    return image_bytes("PNG")
