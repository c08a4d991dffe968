"""Resolve who acts in a company page, and turn the services' domain errors into pages."""

from collections.abc import Callable
from functools import update_wrapper
from typing import Concatenate, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from tradebridge.companies.actors import current_membership
from tradebridge.companies.models import Membership
from tradebridge.core.errors import DomainError, NotFound
from tradebridge.core.web.errors import error_page, status_for


class HtmxHttpRequest(HttpRequest):
    """A request that passed django-htmx's middleware (for the type checker)."""

    htmx: HtmxDetails


type MemberView[**P] = Callable[Concatenate[HttpRequest, Membership, P], HttpResponse]
type PageView[**P] = Callable[Concatenate[HttpRequest, P], HttpResponse]


def acting_member[**P](view: MemberView[P]) -> PageView[P]:
    """Call `view(request, actor, ...)` with the signed-in user's current membership.

    Anonymous visitors go to the sign-in page; users without a company to the dashboard (which
    offers to create one). A DomainError raised by the view becomes the error page with the
    matching status (NotFound 404, PermissionDenied 403, ...).
    """

    def page(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to_sign_in(request)
        try:
            actor = current_membership(request)
        except NotFound:
            return redirect("dashboard")
        try:
            return view(request, actor, *args, **kwargs)
        except DomainError as error:
            return _htmx_error(request, error) if is_htmx(request) else error_page(request, error)

    update_wrapper(page, view)
    return page


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    """To the sign-in page and back. For HTMX, the whole page goes (not the swapped fragment)."""
    if not is_htmx(request):
        return redirect_to_login(request.get_full_path())
    back = cast("HtmxHttpRequest", request).htmx.current_url_abs_path or "/"
    sign_in = resolve_url(settings.LOGIN_URL)
    return HttpResponseClientRedirect(f"{sign_in}?{urlencode({'next': back})}")


def _htmx_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    """An HTMX request's error goes to the page's message area instead of its target."""
    context = {"code": error.code, "message": error.message}
    response = render(
        request, "layouts/_messages.html#htmx-error", context, status=status_for(error)
    )
    response["HX-Retarget"] = "#flash"
    response["HX-Reswap"] = "innerHTML"
    return response


def is_htmx(request: HttpRequest) -> bool:
    """Whether HTMX sent the request (django-htmx's middleware sets `request.htmx`)."""
    return bool(getattr(request, "htmx", False))
