"""Where webhooks may go: URL rules (https only, unless allowed for development) and the
server-side request forgery guard (no private, loopback or link-local addresses, unless
`WEBHOOKS_ALLOW_PRIVATE`).

Settings (read at call time):
- `WEBHOOKS_ALLOW_HTTP` (default: DEBUG): allow `http://` URLs, for local development only.
- `WEBHOOKS_ALLOW_PRIVATE` (default: DEBUG; True in the test settings): allow endpoints that
  resolve to private, loopback, link-local or otherwise non-public addresses.
"""

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

type Resolver = Callable[[str, int], Sequence[str]]
type IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class DestinationRefused(Exception):
    """The URL may not receive webhooks; `reason` is a short machine-readable word."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Destination:
    """A checked URL and the addresses it resolved to (all of them allowed)."""

    url: str
    host: str
    port: int
    addresses: tuple[str, ...]


def allow_http() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_HTTP", settings.DEBUG))


def allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", settings.DEBUG))


def url_check(url: str) -> tuple[str, int]:
    """Return (host, port) of an acceptable endpoint URL or raise DestinationRefused:
    https (http only when allowed), a host, no user:password part."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http"):
        raise DestinationRefused("scheme", "The URL must start with https://.")
    if parts.scheme == "http" and not allow_http():
        raise DestinationRefused("scheme", "The URL must start with https://.")
    if not parts.hostname:
        raise DestinationRefused("host", "The URL has no host.")
    if parts.username or parts.password:
        raise DestinationRefused("credentials", "The URL may not contain a user name or password.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise DestinationRefused("port", "The URL has an invalid port.") from exc
    return parts.hostname, port


def _system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def address_is_public(address: IPAddress) -> bool:
    """Whether an address is globally routable (not private, loopback, link-local, multicast,
    reserved or unspecified; IPv4-mapped IPv6 addresses are judged as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def destination_resolve(url: str, *, resolve: Resolver = _system_resolve) -> Destination:
    """Check `url` and resolve its host; raise DestinationRefused when the URL is not
    acceptable, the host does not resolve, or (unless WEBHOOKS_ALLOW_PRIVATE) any address it
    resolves to is not public."""
    host, port = url_check(url)
    try:
        addresses = tuple(dict.fromkeys(resolve(host, port)))
    except (OSError, UnicodeError) as exc:
        raise DestinationRefused("dns", "The host name does not resolve.") from exc
    if not addresses:
        raise DestinationRefused("dns", "The host name does not resolve.")
    if not allow_private():
        for address in addresses:
            if not address_is_public(ipaddress.ip_address(address.split("%")[0])):
                raise DestinationRefused(
                    "private_address", "The URL points to a private or local network address."
                )
    return Destination(url=url, host=host, port=port, addresses=addresses)
