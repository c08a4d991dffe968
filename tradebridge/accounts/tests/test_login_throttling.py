"""Failed logins are throttled for a window, then allowed again: no permanent lock-out."""

import pytest
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts. Try again later."
FAILURES_ALLOWED_PER_ACCOUNT = 5  # "5/5m/key" in ACCOUNT_RATE_LIMITS["login_failed"]
WINDOW_SECONDS = 5 * 60


def _log_in(password: str):
    return Client().post(
        reverse("account_login"), {"login": "mei@example.com", "password": password}
    )


def _fail(times: int) -> None:
    for _ in range(times):
        assert _log_in("wrong-password").status_code == 200


def _refused_as_too_many(response) -> bool:
    return response.status_code == 200 and TOO_MANY in response.context["form"].non_field_errors()


def test_the_right_password_is_refused_after_too_many_failures():
    UserFactory(email="mei@example.com")
    _fail(FAILURES_ALLOWED_PER_ACCOUNT)

    response = _log_in(DEFAULT_PASSWORD)

    assert _refused_as_too_many(response) is True
    assert "_auth_user_id" not in response.client.session


def test_fewer_failures_than_the_limit_do_not_block():
    UserFactory(email="mei@example.com")
    _fail(FAILURES_ALLOWED_PER_ACCOUNT - 1)

    response = _log_in(DEFAULT_PASSWORD)

    assert response.status_code == 302


def test_signing_in_works_again_once_the_window_has_passed(advance_clock):
    UserFactory(email="mei@example.com")
    _fail(FAILURES_ALLOWED_PER_ACCOUNT)
    assert _refused_as_too_many(_log_in(DEFAULT_PASSWORD)) is True

    advance_clock(WINDOW_SECONDS + 1)
    response = _log_in(DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert "_auth_user_id" in response.client.session


def test_throttling_one_account_does_not_block_another():
    UserFactory(email="mei@example.com")
    UserFactory(email="tom@example.com")
    _fail(FAILURES_ALLOWED_PER_ACCOUNT)

    response = Client().post(
        reverse("account_login"), {"login": "tom@example.com", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
