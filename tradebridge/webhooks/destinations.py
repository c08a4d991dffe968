"""Where webhooks may go: URL rules (https only, unless allowed for development) and the
server-side request forgery guard (no private, loopback or link-local addresses, unless
`WEBHOOKS_ALLOW_PRIVATE`).

Settings (read at call time):
- `WEBHOOKS_ALLOW_HTTP` (default: DEBUG): allow `http://` URLs to localhost, 127.0.0.1 or
  [::1], for local development only (other hosts are always https only).
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


_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def allow_http() -> bool:
    return bool(settings.WEBHOOKS_ALLOW_HTTP)


def allow_private() -> bool:
    return bool(settings.WEBHOOKS_ALLOW_PRIVATE)


def url_check(url: str) -> tuple[str, int]:
    """Return (host, port) of an acceptable endpoint URL or raise DestinationRefused:
    a host, https (http to localhost only when allowed), no user:password part."""
    parts = urlsplit(url)
    if not parts.hostname:
        raise DestinationRefused("host", "The URL has no host.")
    plain_http_allowed = allow_http() and parts.hostname in _LOOPBACK_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and plain_http_allowed):
        raise DestinationRefused("scheme", "The URL must start with https://.")
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


def destination_resolve(url: str, *, resolve: Resolver | None = None) -> Destination:
    """Check `url` and resolve its host; raise DestinationRefused when the URL is not
    acceptable, the host does not resolve, or (unless WEBHOOKS_ALLOW_PRIVATE) any address it
    resolves to is not public."""
    host, port = url_check(url)
    try:
        addresses = tuple(dict.fromkeys((resolve or _system_resolve)(host, port)))
    except (OSError, UnicodeError) as exc:
        raise DestinationRefused("dns", "The host name does not resolve.") from exc
    if not addresses:
        raise DestinationRefused("dns", "The host name does not resolve.")
    if not allow_private() and not all(map(_is_public_text, addresses)):
        raise _private_refusal()
    return Destination(url=url, host=host, port=port, addresses=addresses)


def url_check_literal(url: str) -> None:
    """`url_check`, and (unless WEBHOOKS_ALLOW_PRIVATE) refuse `localhost` or an IP address
    that is not public: the checks possible without a DNS lookup, made when an endpoint is
    saved. Host names are resolved and checked again at every delivery."""
    host, _port = url_check(url)
    if allow_private():
        return
    host = host.rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        raise _private_refusal()
    address = _literal_address(host)
    if address is not None and not address_is_public(address):
        raise _private_refusal()


def _literal_address(host: str) -> IPAddress | None:
    """The address `host` spells, in any form a resolver reads as one: dotted, but also
    decimal, hex, octal or short IPv4 (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def _is_public_text(address: str) -> bool:
    return address_is_public(ipaddress.ip_address(address.split("%")[0]))


def _private_refusal() -> DestinationRefused:
    return DestinationRefused(
        "private_address", "The URL points to a private or local network address."
    )
