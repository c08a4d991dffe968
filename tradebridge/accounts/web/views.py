"""Display preferences: language and currency, remembered for visitors and users alike."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from tradebridge.accounts.models import User
from tradebridge.accounts.services import ProfileChanges, user_update_profile
from tradebridge.accounts.web.forms import DisplayCurrencyForm
from tradebridge.accounts.web.preferences import CURRENCY_SESSION_KEY
from tradebridge.core.web.redirects import safe_next_url


@require_POST
def currency_set(request: HttpRequest) -> HttpResponse:
    """Remember the display currency: in the session, and on the user when signed in."""
    form = DisplayCurrencyForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "layouts/error.html",
            {
                "code": "unknown_currency",
                "title": _("Check your input"),
                "message": _("This currency is not offered."),
            },
            status=400,
        )
    currency = form.cleaned_data["currency"]
    request.session[CURRENCY_SESSION_KEY] = currency
    if isinstance(request.user, User):
        user_update_profile(user=request.user, changes=ProfileChanges(preferred_currency=currency))
    return HttpResponseRedirect(safe_next_url(request, form.cleaned_data["next"]))


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's `set_language` (cookie, redirect to `next`), also kept on the signed-in user."""
    response = set_language(request)
    language = request.POST.get("language", "")
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if isinstance(request.user, User) and cookie is not None and cookie.value == language:
        user_update_profile(user=request.user, changes=ProfileChanges(preferred_language=language))
    return response
