"""Short-lived signed download links for RFQ and quote attachments, bound to one member.

A link carries a token signed with Django's `TimestampSigner` (`core.signed_downloads`) naming
the kind of file (`rfq` or `quote`), the attachment and the membership it was made for (user
and company). It works for 10 minutes (`LINK_MAX_AGE`), only for that user acting for that
company, and the download view checks the permission again
(`rfq.selectors.rfq_attachment_get_for_download`, `quote_attachment_get_for_download`): a link
that leaked, expired or was made for someone else answers 404 `download_link_invalid`, like a
link that never existed.

    url = download_url(kind=FileKind.QUOTE, attachment_id=attachment.id, actor=actor)
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Final

from django.urls import reverse

from tradebridge.companies.models import Membership
from tradebridge.core.errors import NotFound
from tradebridge.core.signed_downloads import (
    LINK_MAX_AGE,
    claim_uuid,
    link_token_read,
    link_token_sign,
)

__all__ = [
    "LINK_MAX_AGE",
    "DownloadGrant",
    "DownloadLinkInvalid",
    "FileKind",
    "download_token_sign",
    "download_token_verify",
    "download_url",
]

_SALT: Final = "tradebridge.rfq.downloads"
DOWNLOAD_URL_NAME: Final = "api:rfq_file_download"


class FileKind(StrEnum):
    RFQ = "rfq"
    QUOTE = "quote"


_KINDS: Final = frozenset(FileKind)


class DownloadLinkInvalid(NotFound):
    code = "download_link_invalid"
    default_message = "This download link is not valid (it may have expired): ask for a new one."


@dataclass(frozen=True, slots=True)
class DownloadGrant:
    """What a valid token lets its member download (check the permission again)."""

    kind: FileKind
    attachment_id: uuid.UUID


def download_token_sign(*, kind: FileKind, attachment_id: uuid.UUID, actor: Membership) -> str:
    """A token for `actor` to download the attachment within LINK_MAX_AGE."""
    claims = {"k": kind.value, "a": str(attachment_id), **_bound_to(actor)}
    return link_token_sign(salt=_SALT, claims=claims)


def download_token_verify(
    *, token: str, actor: Membership, max_age: timedelta = LINK_MAX_AGE
) -> DownloadGrant:
    """The grant in `token`, if it is genuine, younger than `max_age` and made for `actor`
    (same user, same company). Raises DownloadLinkInvalid otherwise."""
    claims = link_token_read(token, salt=_SALT, bound=_bound_to(actor), max_age=max_age) or {}
    attachment_id = claim_uuid(claims, "a")
    if attachment_id is None or claims.get("k") not in _KINDS:
        raise DownloadLinkInvalid()
    return DownloadGrant(kind=FileKind(claims["k"]), attachment_id=attachment_id)


def download_url(*, kind: FileKind, attachment_id: uuid.UUID, actor: Membership) -> str:
    """The path of a signed download link (`/api/v1/rfq-files/<token>`) for `actor`."""
    token = download_token_sign(kind=kind, attachment_id=attachment_id, actor=actor)
    return reverse(DOWNLOAD_URL_NAME, kwargs={"token": token})


def _bound_to(actor: Membership) -> dict[str, str]:
    return {"u": str(actor.user_id), "c": str(actor.company_id)}
