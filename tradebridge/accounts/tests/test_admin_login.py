"""The admin has no password form of its own: signing in goes through allauth (TOTP, throttling)."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, OperatorFactory, UserFactory
from tradebridge.accounts.tests.totp import (
    TOTP_PERIOD_SECONDS,
    activate_totp,
    current_code,
    is_signed_in,
    log_in,
)

pytestmark = pytest.mark.django_db

OPERATOR = "ops@example.com"
ADMIN_INDEX = "/admin/"


def _allauth_login_for_admin() -> str:
    return f"{reverse('account_login')}?{urlencode({'next': ADMIN_INDEX})}"


def _post_admin_login(client: Client, password: str):
    return client.post(
        f"{reverse('admin:login')}?next={ADMIN_INDEX}",
        {"username": OPERATOR, "password": password, "next": ADMIN_INDEX},
    )


@pytest.fixture
def operator_with_totp(advance_clock) -> str:
    OperatorFactory.create(email=OPERATOR)
    secret = activate_totp(Client(), OPERATOR)
    advance_clock(TOTP_PERIOD_SECONDS * 3)  # a fresh code, not the one used to activate
    return secret


def test_the_admin_login_with_the_password_alone_gives_no_session(operator_with_totp):
    client = Client()

    response = _post_admin_login(client, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == _allauth_login_for_admin()
    assert is_signed_in(client) is False
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_admin_login_page_sends_visitors_to_the_allauth_login():
    response = Client().get(f"{reverse('admin:login')}?next={ADMIN_INDEX}")

    assert response.status_code == 302
    assert response["Location"] == _allauth_login_for_admin()


def test_the_admin_login_checks_no_password_so_it_cannot_escape_throttling():
    OperatorFactory.create(email=OPERATOR)
    client = Client()

    for _ in range(30):
        assert _post_admin_login(client, "wrong-password")["Location"] == (
            _allauth_login_for_admin()
        )
    response = _post_admin_login(client, DEFAULT_PASSWORD)

    assert response["Location"] == _allauth_login_for_admin()
    assert is_signed_in(client) is False


def test_the_operator_reaches_the_admin_through_the_code(operator_with_totp):
    client = Client()

    after_password = client.post(
        _allauth_login_for_admin(), {"login": OPERATOR, "password": DEFAULT_PASSWORD}
    )
    after_code = client.post(
        reverse("mfa_authenticate"), {"code": current_code(operator_with_totp)}
    )

    assert after_password["Location"] == reverse("mfa_authenticate")
    assert after_code["Location"] == ADMIN_INDEX
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_signed_in_non_operator_is_refused_at_the_admin_login():
    client = Client()
    client.force_login(UserFactory.create())

    response = client.get(f"{reverse('admin:login')}?next={ADMIN_INDEX}")

    assert response.status_code == 403


def test_the_admin_logout_still_signs_out():
    client = Client()
    client.force_login(OperatorFactory.create(email=OPERATOR))

    response = client.post(reverse("admin:logout"))

    assert response.status_code == 200
    assert is_signed_in(client) is False


class TestTurningTotpOff:
    def test_the_password_alone_does_not_turn_totp_off(self, operator_with_totp):
        client = Client()
        log_in(client, OPERATOR)
        client.post(reverse("mfa_authenticate"), {"code": current_code(operator_with_totp)})
        client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})

        response = client.post(reverse("mfa_deactivate_totp"))

        next_query = urlencode({"next": reverse("mfa_deactivate_totp")})
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('mfa_reauthenticate')}?{next_query}"
        assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 1
        code_page = client.get(response["Location"])
        assert [str(message) for message in code_page.context["messages"]][-1] == (
            "To turn two-factor authentication off, enter a code from your authenticator app "
            "or one of your recovery codes."
        )

    def test_a_fresh_code_turns_totp_off(self, operator_with_totp, advance_clock):
        client = Client()
        log_in(client, OPERATOR)
        client.post(reverse("mfa_authenticate"), {"code": current_code(operator_with_totp)})
        advance_clock(TOTP_PERIOD_SECONDS * 3)
        client.post(
            f"{reverse('mfa_reauthenticate')}?next={reverse('mfa_deactivate_totp')}",
            {"code": current_code(operator_with_totp)},
        )

        response = client.post(reverse("mfa_deactivate_totp"))

        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_index")
        assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 0

    def test_a_code_confirmed_too_long_ago_is_not_enough(self, operator_with_totp, advance_clock):
        client = Client()
        log_in(client, OPERATOR)
        client.post(reverse("mfa_authenticate"), {"code": current_code(operator_with_totp)})
        advance_clock(TOTP_PERIOD_SECONDS * 3)
        client.post(reverse("mfa_reauthenticate"), {"code": current_code(operator_with_totp)})
        advance_clock(10 * 60)  # past ACCOUNT_REAUTHENTICATION_TIMEOUT (5 minutes)

        response = client.post(reverse("mfa_deactivate_totp"))

        assert response.status_code == 302
        assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 1
