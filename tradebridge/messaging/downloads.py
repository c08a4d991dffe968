"""Short-lived download links of attachments, bound to one user and one attachment.

A link is `/messages/files/<token>/`, the token a `TimestampSigner` signature of
"<attachment id>:<user id>" valid for 10 minutes. The view that serves it checks the
signature, that the signed-in user is the one it was made for, and the user's access to the
thread again (`selectors.attachment_get_for_download`): a link leaked to someone else, or
kept past its time, answers 404.
"""

import uuid
from typing import Final

from django.core import signing
from django.urls import reverse

LINK_MAX_AGE_SECONDS: Final = 600
_SALT: Final = "tradebridge.messaging.attachment"


def attachment_link(*, attachment_id: uuid.UUID, user_id: uuid.UUID) -> str:
    """The path of a download link for `user_id` (no host)."""
    token = signing.TimestampSigner(salt=_SALT).sign(f"{attachment_id}:{user_id}")
    return reverse("messaging_attachment_download", kwargs={"token": token})


def attachment_link_read(
    token: str, *, user_id: uuid.UUID, max_age: int = LINK_MAX_AGE_SECONDS
) -> uuid.UUID | None:
    """The attachment id the token names when it is genuine, fresh and made for `user_id`."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    attachment, _, user = value.partition(":")
    if user != str(user_id):
        return None
    try:
        return uuid.UUID(attachment)
    except ValueError:
        return None
