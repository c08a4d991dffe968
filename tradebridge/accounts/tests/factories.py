"""Factories for the accounts app: users whose e-mail address is verified, as allauth requires."""

from typing import Any

from allauth.account.models import EmailAddress
from factory.declarations import PostGeneration, Sequence
from factory.django import DjangoModelFactory, Password
from factory.faker import Faker

from tradebridge.accounts.models import User

DEFAULT_PASSWORD = "correct-horse-battery-42"


def _add_primary_email(user: User, create: bool, extracted: bool | None, **_: Any) -> None:
    """`UserFactory(email_verified=False)` leaves the address unverified."""
    if create:
        EmailAddress.objects.create(
            user=user, email=user.email, primary=True, verified=extracted is not False
        )


class UserFactory(DjangoModelFactory[User]):
    """A user who can sign in: active, with a verified primary e-mail address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = Sequence(lambda n: f"user{n}@example.com")
    full_name = Faker("name")
    password = Password(DEFAULT_PASSWORD)
    email_verified = PostGeneration(_add_primary_email)


class OperatorFactory(UserFactory):
    """A platform operator: may open the admin site."""

    is_staff = True
    is_superuser = True
