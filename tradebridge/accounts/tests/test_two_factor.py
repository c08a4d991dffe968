"""TOTP two-factor authentication: activation, a code at every login, single-use recovery codes."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOTP_PERIOD_SECONDS = 30


def _current_code(secret: str) -> str:
    """The code of the current period; waits out the last second so it is still valid on use."""
    if time.time() % TOTP_PERIOD_SECONDS > TOTP_PERIOD_SECONDS - 1:
        time.sleep(1.1)
    counters = list(yield_hotp_counters_from_time())
    code: str = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    return code


def _log_in(client: Client, email: str = "mei@example.com"):
    return client.post(reverse("account_login"), {"login": email, "password": DEFAULT_PASSWORD})


def _is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _log_in_and_confirm_password(client: Client) -> None:
    """Sign in, then re-enter the password: allauth asks for it before changing 2FA."""
    _log_in(client)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})


def _activate_totp(client: Client) -> str:
    """Sign in, activate TOTP with a correct code; return the secret."""
    _log_in_and_confirm_password(client)
    secret: str = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert response.status_code == 302
    return secret


@pytest.fixture
def mei():
    return UserFactory(email="mei@example.com")


def test_changing_2fa_asks_for_the_password_again(mei):
    client = Client()
    _log_in(client)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 302
    next_url = reverse("mfa_activate_totp").replace("/", "%2F")
    assert response["Location"] == f"{reverse('account_reauthenticate')}?next={next_url}"


def test_activating_totp_stores_it_and_issues_recovery_codes(mei):
    client = Client()

    _activate_totp(client)

    kinds = set(Authenticator.objects.filter(user=mei).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def test_activation_with_a_wrong_code_is_refused(mei):
    client = Client()
    _log_in_and_confirm_password(client)
    client.get(reverse("mfa_activate_totp"))

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Incorrect code."]}
    assert Authenticator.objects.filter(user=mei).exists() is False


def test_with_totp_the_password_alone_does_not_sign_in(mei, advance_clock):
    secret = _activate_totp(Client())
    advance_clock(TOTP_PERIOD_SECONDS * 3)  # a fresh code, not the one used to activate
    client = Client()

    after_password = _log_in(client)
    signed_in_before_code = _is_signed_in(client)
    after_code = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})

    assert after_password["Location"] == reverse("mfa_authenticate")
    assert signed_in_before_code is False
    assert after_code.status_code == 302
    assert _is_signed_in(client) is True


def test_a_wrong_totp_code_does_not_sign_in(mei):
    _activate_totp(Client())
    client = Client()
    _log_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})

    assert response.status_code == 200
    assert _is_signed_in(client) is False


def test_a_recovery_code_signs_in_once(mei):
    _activate_totp(Client())
    code = RecoveryCodes(
        Authenticator.objects.get(user=mei, type="recovery_codes")
    ).get_unused_codes()[0]
    first, second = Client(), Client()

    _log_in(first)
    first.post(reverse("mfa_authenticate"), {"code": code})
    _log_in(second)
    reused = second.post(reverse("mfa_authenticate"), {"code": code})

    assert _is_signed_in(first) is True
    assert reused.status_code == 200
    assert _is_signed_in(second) is False
