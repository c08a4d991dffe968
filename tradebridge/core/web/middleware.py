"""Middleware of core: the base URL of links in e-mails sent while serving a request."""

from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

from tradebridge.core.emails import request_base_url


class RequestBaseUrlMiddleware:
    """E-mails sent or enqueued during a request link to the host it came to, when that host
    is allowed (ALLOWED_HOSTS); otherwise to SITE_URL (`core.emails.site_base_url`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            base_url = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            return self.get_response(request)
        with request_base_url(base_url):
            return self.get_response(request)
