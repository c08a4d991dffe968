"""Reads about users."""

from allauth.account.models import EmailAddress

from tradebridge.accounts.models import User


def user_has_verified_email(*, user: User, email: str) -> bool:
    """Whether `email` (any case) is one of the user's addresses verified through allauth."""
    addresses = EmailAddress.objects.filter(user=user, email__iexact=email.strip(), verified=True)
    return bool(addresses.exists())
