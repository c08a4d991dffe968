"""Where to send the visitor after a POST: their `next` URL if it is on this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, target: str, *, fallback: str = "/") -> str:
    """`target` when it is a URL on this host (never another site), else `fallback`."""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else fallback
