"""Passwords are stored with Argon2 in every real deployment (tests use MD5 for speed only)."""

import pytest
from django.test import override_settings

from config.settings import base
from tradebridge.accounts.models import User

pytestmark = pytest.mark.django_db


def test_argon2_is_the_first_hasher_in_the_deployed_settings() -> None:
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_password_set_with_the_deployed_hashers_is_stored_as_argon2() -> None:
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = User.objects.create_user("ana@example.com", "a-long-passphrase-77")

        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("a-long-passphrase-77") is True
        assert user.check_password("a-long-passphrase-78") is False
