"""Recovery codes can turn TOTP off, so seeing or renewing them asks for a fresh code too."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from tradebridge.accounts.tests.totp import (
    TOTP_PERIOD_SECONDS,
    activate_totp,
    current_code,
    log_in,
)

pytestmark = pytest.mark.django_db

MEI = "mei@example.com"
ASKS_FOR_A_CODE = (
    "To see or renew your recovery codes, enter a code from your authenticator app "
    "or one of your recovery codes."
)
RECOVERY_PAGES = ["mfa_view_recovery_codes", "mfa_download_recovery_codes"]


@pytest.fixture
def secret(advance_clock) -> str:
    UserFactory.create(email=MEI)
    secret = activate_totp(Client(), MEI)
    advance_clock(TOTP_PERIOD_SECONDS * 3)  # a fresh code, not the one used to activate
    return secret


def _signed_in_with_password_confirmed(secret: str) -> Client:
    client = Client()
    log_in(client, MEI)
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    return client


@pytest.mark.parametrize("page", RECOVERY_PAGES)
def test_the_password_alone_does_not_show_the_recovery_codes(secret, page):
    client = _signed_in_with_password_confirmed(secret)

    response = client.get(reverse(page))

    query = urlencode({"next": reverse(page)})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_reauthenticate')}?{query}"
    code_page = client.get(response["Location"])
    assert [str(message) for message in code_page.context["messages"]][-1] == ASKS_FOR_A_CODE


def test_the_password_alone_does_not_renew_the_recovery_codes(secret):
    client = _signed_in_with_password_confirmed(secret)
    before = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES).data

    response = client.post(reverse("mfa_generate_recovery_codes"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES).data == before


def test_a_fresh_code_shows_the_recovery_codes(secret, advance_clock):
    client = _signed_in_with_password_confirmed(secret)
    advance_clock(TOTP_PERIOD_SECONDS * 3)
    client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret)})

    response = client.get(reverse("mfa_view_recovery_codes"))

    assert response.status_code == 200
    assert len(response.context["unused_codes"]) == 10


def test_the_codes_shown_right_after_activation_need_no_second_code():
    UserFactory.create(email=MEI)
    client = Client()
    log_in(client, MEI)
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret

    activated = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    response = client.get(activated["Location"])

    assert activated["Location"] == reverse("mfa_view_recovery_codes")
    assert response.status_code == 200
    assert len(response.context["unused_codes"]) == 10


def test_without_two_factor_the_pages_answer_as_allauth_does():
    UserFactory.create(email=MEI)
    client = Client()
    log_in(client, MEI)

    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 404
    assert client.get(reverse("mfa_deactivate_totp")).status_code == 404
