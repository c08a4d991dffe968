"""Writes about users: the profile a user edits themselves."""

from dataclasses import dataclass

from django.conf import settings

from tradebridge.accounts.models import User
from tradebridge.core.errors import ValidationFailed
from tradebridge.core.money import is_currency


@dataclass(frozen=True)
class ProfileChanges:
    """What a user may change about themselves; `None` leaves a field as it is."""

    full_name: str | None = None
    preferred_language: str | None = None
    preferred_currency: str | None = None


def user_update_profile(*, user: User, changes: ProfileChanges) -> User:
    """Apply `changes` to the user's own profile and return the user.

    The language must be one of settings.LANGUAGES and the currency an ISO 4217 code
    (an empty string clears either). Raises ValidationFailed and then changes nothing.
    """
    values: dict[str, str] = {}
    if changes.full_name is not None:
        values["full_name"] = changes.full_name.strip()[:150]
    if changes.preferred_language is not None:
        values["preferred_language"] = _valid_language(changes.preferred_language)
    if changes.preferred_currency is not None:
        values["preferred_currency"] = _valid_currency(changes.preferred_currency)
    for name, value in values.items():
        setattr(user, name, value)
    if values:
        user.save(update_fields=list(values))
    return user


def _valid_language(value: str) -> str:
    code = value.strip().lower()
    if code and code not in {language for language, _ in settings.LANGUAGES}:
        raise ValidationFailed("Unsupported language.", field="preferred_language")
    return code


def _valid_currency(value: str) -> str:
    code = value.strip().upper()
    if code and not is_currency(code):
        raise ValidationFailed("Not an ISO 4217 currency code.", field="preferred_currency")
    return code
