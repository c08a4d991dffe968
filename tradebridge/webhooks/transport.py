"""One webhook POST over HTTP: 10 s timeout, no redirects followed, response body capped."""

import time
from dataclasses import dataclass

import requests

TIMEOUT_SECONDS = 10
RESPONSE_BODY_CAP = 2000  # characters of the answer kept in the delivery log


@dataclass(frozen=True, slots=True)
class PostResult:
    """What came back: a status code and the start of the body, or an error (no answer)."""

    status_code: int | None
    body: str
    error: str
    duration_ms: int


def http_post(*, url: str, body: bytes, headers: dict[str, str]) -> PostResult:
    """POST `body` to `url`; never raises for network trouble (the error is in the result).
    A redirect is an answer like any other non-2xx: it is not followed."""
    started = time.monotonic()
    try:
        with requests.post(
            url,
            data=body,
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,
            stream=True,
        ) as response:
            raw = response.raw.read(RESPONSE_BODY_CAP * 4, decode_content=True)
            text = raw.decode(response.encoding or "utf-8", errors="replace")
            return PostResult(
                status_code=response.status_code,
                body=text[:RESPONSE_BODY_CAP],
                error="",
                duration_ms=_elapsed_ms(started),
            )
    except requests.RequestException as exc:
        return PostResult(
            status_code=None, body="", error=_describe(exc), duration_ms=_elapsed_ms(started)
        )


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _describe(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.Timeout):
        return f"Timed out after {TIMEOUT_SECONDS} s."
    if isinstance(exc, requests.ConnectionError):
        return "Could not connect."
    return f"Request failed: {type(exc).__name__}."
