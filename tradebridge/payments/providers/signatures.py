"""Stripe's webhook signature scheme, which the sandbox provider shares.

Header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + raw body)>[,v1=...]`. Several
`v1` entries may appear (secret rotation): one match is enough. The HMAC covers the raw bytes
as received, so a body parsed and serialised again no longer matches. The timestamp must be
within `tolerance` seconds of now, either way (Stripe's own library checks only the past).
"""

import hashlib
import hmac
from datetime import datetime

from django.utils import timezone

from tradebridge.payments.providers.base import (
    SIGNATURE_TOLERANCE_SECONDS,
    WebhookSignatureInvalid,
    WebhookTimestampStale,
)

SCHEME = "v1"


def signature_compute(*, raw_body: bytes, secret: str, timestamp: int) -> str:
    signed = str(timestamp).encode() + b"." + raw_body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(*, raw_body: bytes, secret: str, timestamp: int) -> str:
    """The header value a sender puts on `raw_body` (the sandbox, and tests)."""
    signature = signature_compute(raw_body=raw_body, secret=secret, timestamp=timestamp)
    return f"t={timestamp},{SCHEME}={signature}"


def header_parse(header: str | None) -> tuple[int, list[str]]:
    """(timestamp, v1 signatures). Raises WebhookSignatureInvalid when malformed."""
    if not header:
        raise WebhookSignatureInvalid(reason="missing")
    timestamp: int | None = None
    signatures: list[str] = []
    for item in header.split(","):
        name, _, value = item.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == SCHEME and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise WebhookSignatureInvalid(reason="malformed")
    return timestamp, signatures


def timestamp_check(
    timestamp: int, *, now: datetime | None = None, tolerance: int = SIGNATURE_TOLERANCE_SECONDS
) -> None:
    """Raise WebhookTimestampStale unless |now - timestamp| <= tolerance seconds."""
    current = (now or timezone.now()).timestamp()
    if abs(current - timestamp) > tolerance:
        raise WebhookTimestampStale(timestamp=timestamp, tolerance=tolerance)


def signature_verify(
    *, raw_body: bytes, header: str | None, secret: str, now: datetime | None = None
) -> None:
    """Check `header` against `raw_body`: a matching v1 signature, then the timestamp
    (the signature first, so an unsigned request learns nothing about our clock)."""
    if not secret:
        raise WebhookSignatureInvalid(reason="no_secret")
    timestamp, signatures = header_parse(header)
    expected = signature_compute(raw_body=raw_body, secret=secret, timestamp=timestamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise WebhookSignatureInvalid(reason="mismatch")
    timestamp_check(timestamp, now=now)
