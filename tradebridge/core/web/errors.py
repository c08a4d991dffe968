"""Domain errors as HTML pages: the same status codes as the API, a page instead of JSON."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tradebridge.core.errors import (
    Conflict,
    DomainError,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
)

type ErrorPage = Callable[[HttpRequest, Exception | None], HttpResponse]

# Most specific first: InvalidTransition is a Conflict, and so on. The status itself is the
# error's own `http_status`, the same the API answers with.
_PAGES: tuple[tuple[type[DomainError], Promise, Promise], ...] = (
    (NotFound, _("Page not found"), _("This page does not exist, or it is not yours to see.")),
    (PermissionDenied, _("Not allowed"), _("You do not have permission to do this.")),
    (NotAuthenticated, _("Please sign in"), _("Sign in to continue.")),
    (ValidationFailed, _("Check your input"), _("The input is not valid.")),
    (Conflict, _("That cannot be done now"), _("This clashes with the current state.")),
    (RateLimited, _("Too many requests"), _("Too many requests; please wait a moment.")),
)
_FALLBACK = (DomainError, _("Something went wrong"), _("The request could not be completed."))


def status_for(error: DomainError) -> int:
    """The HTTP status of a domain error: the same the API answers with."""
    return error.http_status


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The error page: a translated title, the message and the machine-readable code."""
    _kind, title, generic = _page_for(error)
    message = generic if error.message == type(error).default_message else error.message
    context = {"code": error.code, "title": title, "message": message}
    return render(request, "layouts/error.html", context, status=error.http_status)


def _page_for(error: DomainError) -> tuple[type[DomainError], Promise, Promise]:
    return next((page for page in _PAGES if isinstance(error, page[0])), _FALLBACK)


# --- Django's handler400/403/404/500 --------------------------------------------------------


def _data_forgetting_page(template: str, status: int) -> ErrorPage:
    """A Django error handler rendering `template` for a request whose data is forgotten.

    The error may be the request's own malformed data (too many fields, too large a body...).
    Django does not keep a failed parse of the query string or body, so any template that
    looks at `request.GET` (the header's search box does) would raise again and turn the 4xx
    into a 500. The page therefore sees the request as if it carried no data at all.
    """

    def handler(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
        request_data_forget(request)
        return render(request, template, status=status)

    return handler


bad_request = _data_forgetting_page("400.html", 400)  # handler400
permission_denied = _data_forgetting_page("403.html", 403)  # handler403
page_not_found = _data_forgetting_page("404.html", 404)  # handler404


def request_data_forget(request: HttpRequest) -> None:
    """Replace the query string, form fields and files by empty ones, parsed or not."""
    request.GET = QueryDict()
    request.POST = QueryDict()
    request._files = MultiValueDict()  # type: ignore[attr-defined]  # FILES has no setter
