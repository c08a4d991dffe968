"""schemathesis hooks for the conformance test (loaded through SCHEMATHESIS_HOOKS).

A well-behaved client sends a fresh `Idempotency-Key` with each new request; generated keys
repeat ("0", "00"...) across different bodies, which the API rightly refuses (422
`idempotency_key_reused`). So a key the schema allows is replaced by a fresh one; a key that
breaks the schema (empty, too long) is left for the negative tests.
"""

import uuid
from typing import Any

import schemathesis

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


@schemathesis.hook
def map_headers(context: Any, headers: dict[str, Any] | None) -> dict[str, Any] | None:
    key = (headers or {}).get(HEADER)
    if headers is not None and isinstance(key, str) and 0 < len(key) <= MAX_KEY_LENGTH:
        headers[HEADER] = uuid.uuid4().hex
    return headers
