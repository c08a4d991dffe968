"""Sign-up with a taken e-mail does the same work as with a new one, so timing tells nothing."""

from typing import ClassVar

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TAKEN = "mei@example.com"


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting the passwords it hashes."""

    encoded: ClassVar[int] = 0

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.encoded += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings) -> type[CountingHasher]:
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.encoded = 0
    return CountingHasher


def _sign_up(email: str):
    return Client().post(
        reverse("account_signup"),
        {
            "full_name": "Mei Lin",
            "email": email,
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
            "legal_name": "Lin Trading",
            "kind": "buyer",
            "country": "DE",
        },
    )


def _work_of_sign_up(email: str, hashes: type[CountingHasher]) -> tuple[int, str, int]:
    """Passwords hashed, redirect answered and e-mails sent by one sign-up."""
    hashes.encoded = 0
    mail.outbox.clear()
    response = _sign_up(email)
    return hashes.encoded, response["Location"], len(mail.outbox)


def test_a_taken_address_costs_a_password_hash_like_a_new_one(hashes):
    UserFactory(email=TAKEN)

    new = _work_of_sign_up("tom@example.com", hashes)
    taken = _work_of_sign_up(TAKEN, hashes)

    assert new == (1, reverse("account_email_verification_sent"), 1)
    assert taken == new


def test_the_taken_address_gets_the_account_exists_mail_not_a_new_account(hashes):
    UserFactory(email=TAKEN)

    _sign_up(TAKEN)

    assert [message.to for message in mail.outbox] == [[TAKEN]]
    assert "already" in str(mail.outbox[0].subject).lower() + str(mail.outbox[0].body).lower()
