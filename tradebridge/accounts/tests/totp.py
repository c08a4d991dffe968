"""TOTP codes and two-factor activation for tests, through allauth's real pages."""

import time

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD

TOTP_PERIOD_SECONDS = 30


def current_code(secret: str) -> str:
    """The code of the current period; waits out the last second so it is still valid on use."""
    if time.time() % TOTP_PERIOD_SECONDS > TOTP_PERIOD_SECONDS - 1:
        time.sleep(1.1)
    counters = list(yield_hotp_counters_from_time())
    code: str = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    return code


def log_in(client: Client, email: str, password: str = DEFAULT_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def activate_totp(client: Client, email: str) -> str:
    """Sign in, confirm the password, activate TOTP with a correct code; return the secret."""
    log_in(client, email)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    secret: str = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    return secret


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session
