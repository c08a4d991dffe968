"""Short-lived signed download links for RFQ and quote attachments, bound to one member.

A link carries a token signed with Django's `TimestampSigner` naming the kind of file
(`rfq` or `quote`), the attachment and the membership it was made for (user and company).
It works for 10 minutes (`LINK_MAX_AGE`), only for that user acting for that company, and the
download view checks the permission again (`rfq.selectors.rfq_attachment_get_for_download`,
`quote_attachment_get_for_download`): a link that leaked, expired or was made for someone else
answers 404 `download_link_invalid`, like a link that never existed.

    url = download_url(kind=FileKind.QUOTE, attachment_id=attachment.id, actor=actor)
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Final

from django.core import signing
from django.urls import reverse

from tradebridge.companies.models import Membership
from tradebridge.core.errors import NotFound

LINK_MAX_AGE: Final = timedelta(minutes=10)
_SALT: Final = "tradebridge.rfq.downloads"
DOWNLOAD_URL_NAME: Final = "api:rfq_file_download"


class FileKind(StrEnum):
    RFQ = "rfq"
    QUOTE = "quote"


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
    payload = {
        "k": kind.value,
        "a": str(attachment_id),
        "u": str(actor.user_id),
        "c": str(actor.company_id),
    }
    return signing.TimestampSigner(salt=_SALT).sign_object(payload, compress=True)


def download_token_verify(
    *, token: str, actor: Membership, max_age: timedelta = LINK_MAX_AGE
) -> DownloadGrant:
    """The grant in `token`, if it is genuine, younger than `max_age` and made for `actor`
    (same user, same company). Raises DownloadLinkInvalid otherwise."""
    try:
        payload = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=max_age)
        if payload["u"] != str(actor.user_id) or payload["c"] != str(actor.company_id):
            raise DownloadLinkInvalid()
        return DownloadGrant(kind=FileKind(payload["k"]), attachment_id=uuid.UUID(payload["a"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise DownloadLinkInvalid() from None


def download_url(*, kind: FileKind, attachment_id: uuid.UUID, actor: Membership) -> str:
    """The path of a signed download link (`/api/v1/rfq-files/<token>`) for `actor`."""
    token = download_token_sign(kind=kind, attachment_id=attachment_id, actor=actor)
    return reverse(DOWNLOAD_URL_NAME, kwargs={"token": token})
