"""Short-lived signed download links of uploaded files, and the response that serves one.

A link's token is a `TimestampSigner` signature (one salt per kind of link, so a token of one
kind never reads as another) of a few string claims: what to download, and who the link was
made for (the user; for a link bound to a membership, the company too). It works for
LINK_MAX_AGE. `link_token_read` checks the signature, the age and that the binding claims are
those of the person asking: a link leaked to someone else, kept past its time or tampered
with reads as nothing, and the app answers 404 as for a file that never existed.

Each app keeps a thin wrapper that names its claims and its URL (`rfq.downloads`,
`messaging.downloads`, `payments.dispute_downloads`); its view checks the permission again
before serving the file with `file_download_response`.
"""

import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Final

from django.core import signing
from django.db.models.fields.files import FieldFile
from django.http import FileResponse

LINK_MAX_AGE: Final = timedelta(minutes=10)
# A downloaded file is never rendered as a page of the site, whatever its type says.
DOWNLOAD_CSP: Final = "sandbox; default-src 'none'"

type Claims = Mapping[str, str]


def link_token_sign(*, salt: str, claims: Claims) -> str:
    """A token carrying `claims`, signed now under `salt`."""
    return signing.TimestampSigner(salt=salt).sign_object(dict(claims), compress=True)


def link_token_read(
    token: str, *, salt: str, bound: Claims, max_age: timedelta | int = LINK_MAX_AGE
) -> dict[str, str] | None:
    """The claims of `token` when it is genuine (signed under `salt`), younger than `max_age`
    (a timedelta or seconds) and carries every claim of `bound` with that value (who the link
    was made for); None otherwise. Never raises."""
    try:
        claims = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):  # SignatureExpired is a BadSignature
        return None
    if not isinstance(claims, dict) or any(
        claims.get(key) != value for key, value in bound.items()
    ):
        return None
    return claims


def claim_uuid(claims: Claims, key: str) -> uuid.UUID | None:
    """The UUID claimed under `key`, or None when it is missing or not a UUID."""
    try:
        return uuid.UUID(claims[key])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def file_download_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """The stored `file` as an attachment named `filename`: never sniffed into another type,
    never rendered (a sandboxing CSP), never kept by a shared cache."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response
