"""How allauth creates and signs in our users: name, language and display currency."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from tradebridge.accounts.models import User
from tradebridge.accounts.web.preferences import CURRENCY_SESSION_KEY, DISPLAY_CURRENCIES


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        """Fill the fields allauth does not know: full name, language and display currency."""
        saved: User = super().save_user(request, user, form, commit=False)
        saved.full_name = str(form.cleaned_data.get("full_name", "")).strip()
        saved.preferred_language = get_language() or ""
        currency = request.session.get(CURRENCY_SESSION_KEY, "")
        saved.preferred_currency = currency if currency in DISPLAY_CURRENCIES else ""
        if commit:
            saved.save()
        return saved

    def post_login(self, request: HttpRequest, user: User, **kwargs: Any) -> HttpResponse:
        """Sign in, then show the site in the language the user chose before, on any device."""
        response: HttpResponse = super().post_login(request, user, **kwargs)
        if user.preferred_language in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
