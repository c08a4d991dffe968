"""How allauth creates our users: the full name and the visitor's language and currency."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
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
