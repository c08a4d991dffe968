"""Short-lived download links of dispute evidence, bound to one user and one file.

A link is `/disputes/evidence/<token>/`, the token a `TimestampSigner` signature of the
evidence's id and the user's (`core.signed_downloads`, as message attachments), valid for 10
minutes. The view checks the signature, that the signed-in user is the one it was made for,
and the user's access to the dispute again: a leaked or stale link is 404.
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
_SALT: Final = "tradebridge.payments.dispute_evidence"


def evidence_link(*, evidence_id: uuid.UUID, user_id: uuid.UUID) -> str:
    """The path of a download link for `user_id` (no host)."""
    token = link_token_sign(salt=_SALT, claims={"e": str(evidence_id), "u": str(user_id)})
    return reverse("payments_dispute_evidence_download", kwargs={"token": token})


def evidence_link_read(
    token: str, *, user_id: uuid.UUID, max_age: int = LINK_MAX_AGE_SECONDS
) -> uuid.UUID | None:
    """The evidence id the token names when it is genuine, fresh and made for `user_id`."""
    claims = link_token_read(token, salt=_SALT, bound={"u": str(user_id)}, max_age=max_age)
    return None if claims is None else claim_uuid(claims, "e")
