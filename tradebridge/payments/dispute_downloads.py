"""Short-lived download links of dispute evidence, bound to one user and one file.

A link is `/disputes/evidence/<token>/`, the token a `TimestampSigner` signature of
"<evidence id>:<user id>" valid for 10 minutes (as message attachments,
`messaging.downloads`). The view checks the signature, that the signed-in user is the one
it was made for, and the user's access to the dispute again: a leaked or stale link is 404.
"""

import uuid
from typing import Final

from django.core import signing
from django.urls import reverse

LINK_MAX_AGE_SECONDS: Final = 600
_SALT: Final = "tradebridge.payments.dispute_evidence"


def evidence_link(*, evidence_id: uuid.UUID, user_id: uuid.UUID) -> str:
    """The path of a download link for `user_id` (no host)."""
    token = signing.TimestampSigner(salt=_SALT).sign(f"{evidence_id}:{user_id}")
    return reverse("payments_dispute_evidence_download", kwargs={"token": token})


def evidence_link_read(
    token: str, *, user_id: uuid.UUID, max_age: int = LINK_MAX_AGE_SECONDS
) -> uuid.UUID | None:
    """The evidence id the token names when it is genuine, fresh and made for `user_id`."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    evidence, _, user = value.partition(":")
    if user != str(user_id):
        return None
    try:
        return uuid.UUID(evidence)
    except ValueError:
        return None
