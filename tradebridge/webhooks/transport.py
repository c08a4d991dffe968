"""One webhook POST over HTTP: 10 s timeout, no redirects followed, response body capped.

The connection goes to the address the destination check approved (the host name is not
resolved a second time, so DNS rebinding cannot swap in a private address); the `Host`
header, TLS server name and certificate check still use the URL's host name. Proxy settings
of the environment are ignored.
"""

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from tradebridge.webhooks.destinations import Destination

TIMEOUT_SECONDS = 10
RESPONSE_BODY_CAP = 2000  # characters of the answer kept in the delivery log


@dataclass(frozen=True, slots=True)
class PostResult:
    """What came back: a status code and the start of the body, or an error (no answer)."""

    status_code: int | None
    body: str
    error: str
    duration_ms: int


class _PinnedAdapter(HTTPAdapter):
    """Connects to an IP address while TLS checks the certificate against `hostname`."""

    def __init__(self, hostname: str) -> None:
        super().__init__(max_retries=0)
        self._hostname = hostname

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        pool_kwargs["server_hostname"] = self._hostname
        pool_kwargs["assert_hostname"] = self._hostname
        return host_params, pool_kwargs


def pinned_url(destination: Destination) -> str:
    """The URL with its host replaced by the first approved address."""
    parts = urlsplit(destination.url)
    address = destination.addresses[0]
    host = f"[{address}]" if ":" in address else address
    return urlunsplit(parts._replace(netloc=f"{host}:{destination.port}"))


def http_post(*, destination: Destination, body: bytes, headers: dict[str, str]) -> PostResult:
    """POST `body` to the destination; never raises for network trouble (the error is in the
    result). A redirect is an answer like any other non-2xx: it is not followed."""
    started = time.monotonic()
    with requests.Session() as session:
        session.trust_env = False
        adapter = _PinnedAdapter(destination.host)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        try:
            return _send(session, destination, body, headers, started)
        except requests.RequestException as exc:
            return PostResult(
                status_code=None, body="", error=_describe(exc), duration_ms=_elapsed_ms(started)
            )


def _send(
    session: requests.Session,
    destination: Destination,
    body: bytes,
    headers: dict[str, str],
    started: float,
) -> PostResult:
    host_header = urlsplit(destination.url).netloc
    with session.post(
        pinned_url(destination),
        data=body,
        headers={**headers, "host": host_header},
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


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _describe(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.Timeout):
        return f"Timed out after {TIMEOUT_SECONDS} s."
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error (certificate or handshake)."
    if isinstance(exc, requests.ConnectionError):
        return "Could not connect."
    return f"Request failed: {type(exc).__name__}."
