"""Short-lived download links of attachments, bound to one user and one attachment.

A link is `/messages/files/<token>/`, the token a `TimestampSigner` signature of the
attachment's id and the user's (`core.signed_downloads`), valid for 10 minutes. The view that
serves it checks the signature, that the signed-in user is the one it was made for, and the
user's access to the thread again (`selectors.attachment_get_for_download`): a link leaked to
someone else, or kept past its time, answers 404.
"""

import uuid
from typing import Final

from django.urls import reverse

from tradebridge.core.signed_downloads import (
    LINK_MAX_AGE,
    claim_uuid,
    link_token_read,
    link_token_sign,
)

LINK_MAX_AGE_SECONDS: Final = int(LINK_MAX_AGE.total_seconds())
_SALT: Final = "tradebridge.messaging.attachment"


def attachment_link(*, attachment_id: uuid.UUID, user_id: uuid.UUID) -> str:
    """The path of a download link for `user_id` (no host)."""
    token = link_token_sign(salt=_SALT, claims={"a": str(attachment_id), "u": str(user_id)})
    return reverse("messaging_attachment_download", kwargs={"token": token})


def attachment_link_read(
    token: str, *, user_id: uuid.UUID, max_age: int = LINK_MAX_AGE_SECONDS
) -> uuid.UUID | None:
    """The attachment id the token names when it is genuine, fresh and made for `user_id`."""
    claims = link_token_read(token, salt=_SALT, bound={"u": str(user_id)}, max_age=max_age)
    return None if claims is None else claim_uuid(claims, "a")
