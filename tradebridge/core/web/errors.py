"""Domain errors as HTML pages: the same status codes as the API, a page instead of JSON."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tradebridge.core.errors import (
    Conflict,
    DomainError,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
)

_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (NotFound, 404),
    (PermissionDenied, 403),
    (NotAuthenticated, 401),
    (ValidationFailed, 400),
    (Conflict, 409),
    (RateLimited, 429),
)


def status_for(error: DomainError) -> int:
    """The HTTP status of a domain error (400 for any error without a more precise one)."""
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 400)


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The error page: its message and its machine-readable code, with the matching status."""
    return render(
        request,
        "layouts/error.html",
        {"code": error.code, "message": error.message},
        status=status_for(error),
    )
