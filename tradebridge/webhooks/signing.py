"""The Standard Webhooks message: the body posted for an event and the headers that sign it.

The signed content is `webhook-id.webhook-timestamp.body`, HMAC-SHA256 with each valid secret
(`standardwebhooks.Webhook.sign`); during a secret rotation both signatures are sent,
space-separated, and a receiver holding either secret verifies.
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from standardwebhooks import Webhook

USER_AGENT = "Tradebridge-Webhooks/1.0"


def event_body(*, event_id: str, event_type: str, created_at: datetime, data: Any) -> str:
    """The JSON body of an event: `{"id", "type", "timestamp", "data"}`, compact, keys sorted
    (the same bytes on every retry)."""
    envelope = {
        "id": event_id,
        "type": event_type,
        "timestamp": created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "data": data,
    }
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True)


def signed_headers(
    *, msg_id: str, timestamp: datetime, body: str, secrets: Sequence[str]
) -> dict[str, str]:
    """The request headers of one attempt: `webhook-id`, `webhook-timestamp` (Unix seconds),
    `webhook-signature` (one `v1,<base64>` per secret, space-separated)."""
    if not secrets:
        raise ValueError("at least one secret is needed to sign")
    utc = timestamp.astimezone(UTC)
    signatures = " ".join(Webhook(secret).sign(msg_id, utc, body) for secret in secrets)
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(utc.timestamp())),
        "webhook-signature": signatures,
    }
