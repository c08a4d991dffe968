"""How allauth creates and signs in our users: name, language, display currency, throttling."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language, ngettext

from tradebridge.accounts.login_throttle import (
    DEVICE_COOKIE,
    DEVICE_COOKIE_MAX_AGE,
    known_device_read,
    known_device_remember,
    login_attempt_begin,
    login_bucket,
    login_failures_clear,
)
from tradebridge.accounts.models import User
from tradebridge.accounts.web.preferences import CURRENCY_SESSION_KEY, DISPLAY_CURRENCIES
from tradebridge.core.emails import email_send


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

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Operators (`is_staff`) land on the back office, where their work waits; everyone
        else on the dashboard. A `next` address still wins (allauth checks it first)."""
        if request.user.is_staff:
            return reverse("admin:index")
        url: str = super().get_login_redirect_url(request)
        return url

    def post_login(self, request: HttpRequest, user: User, **kwargs: Any) -> HttpResponse:
        """Sign in, then show the site in the language the user chose before, on any device."""
        response: HttpResponse = super().post_login(request, user, **kwargs)
        _remember_device(request, response, email=user.email)
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

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every allauth e-mail in the branded layout (`core.emails`), in the language the
        recipient chose, else the one of the request."""
        user = context.get("user")
        preferred = user.preferred_language if isinstance(user, User) else ""
        email_send(
            to=email,
            language=preferred or get_language() or "",
            template=template_prefix,
            context=context,
            subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        )

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Replaces allauth's hard per-account lock: a generous limit per address, then the
        progressive per-account delay of `login_throttle` (see docs/deployment.md)."""
        # allauth's internal consume returns the usage, which `authenticate` rolls back on success.
        self._login_failed_rl_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed_address"
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")
        self._login_bucket = login_bucket(
            email=_typed_email(credentials),
            device=known_device_read(request.COOKIES.get(DEVICE_COOKIE)),
        )
        if wait := login_attempt_begin(bucket=self._login_bucket):
            raise _wait_error(wait)

    def authenticate(self, request: HttpRequest, **credentials: Any) -> User | None:
        user: User | None = super().authenticate(request, **credentials)
        if user is not None:
            login_failures_clear(bucket=self._login_bucket)
        return user

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        """allauth calls this after a password reset: the new password starts with no delay."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        login_failures_clear(bucket=login_bucket(email=_typed_email(credentials), device=None))


def _wait_error(seconds: int) -> forms.ValidationError:
    """Saying how long helps the owner, and tells an attacker nothing new: every e-mail
    typed, registered or not, has the same counter."""
    message = ngettext(
        "Too many failed attempts with this e-mail address. Try again in %(seconds)d second.",
        "Too many failed attempts with this e-mail address. Try again in %(seconds)d seconds.",
        seconds,
    )
    return forms.ValidationError(message % {"seconds": seconds}, code="too_many_login_attempts")


def _typed_email(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


def _remember_device(request: HttpRequest, response: HttpResponse, *, email: str) -> None:
    """Mark this browser as one the account signed in on: its failures are counted apart."""
    device = known_device_read(request.COOKIES.get(DEVICE_COOKIE))
    response.set_cookie(
        DEVICE_COOKIE,
        known_device_remember(device=device, email=email),
        max_age=DEVICE_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
