"""Serving product pictures in the embedded deployment (`/media/catalog/...`).

Only what `catalog.images` stored is served: re-encoded JPEG, PNG and WebP files under
`catalog/images/` and `catalog/thumbnails/`, with a random name. Every other path (catalog
import files, anything else under the media root, `..` tricks) is a 404. The response type
comes from the stored extension, never from the bytes; `nosniff` stops browsers guessing;
a sandboxing Content Security Policy makes a file opened directly inert even if it held
markup. The scale-out deployment serves the same names from object storage or a CDN with
the same headers.
"""

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

SERVED_DIRECTORIES = ("catalog/images/", "catalog/thumbnails/")
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
MEDIA_CSP = "default-src 'none'; img-src 'self'; sandbox"
ONE_YEAR = 365 * 24 * 3600


@require_safe
def catalog_media(request: HttpRequest, path: str) -> FileResponse:
    """A stored product image or thumbnail; names never change, so it is cached for a year."""
    name = posixpath.normpath(f"catalog/{path}")
    if name != f"catalog/{path}" or not name.startswith(SERVED_DIRECTORIES):
        raise Http404()
    directory, filename = posixpath.split(name)
    extension = posixpath.splitext(filename)[1].lower()
    if f"{directory}/" not in SERVED_DIRECTORIES or extension not in CONTENT_TYPES:
        raise Http404()
    try:
        stored = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise Http404() from None
    response = FileResponse(stored, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    response["Cross-Origin-Resource-Policy"] = "same-site"
    response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
