"""Failed logins: a generous limit per address, progressive delays per account, no lock-out."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.login_throttle import DEVICE_COOKIE, FIRST_DELAY, MAX_DELAY, delay_for
from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from tradebridge.accounts.tests.outbox import link_in_email

pytestmark = pytest.mark.django_db

ADDRESS_LIMITED = "Too many failed login attempts. Try again later."
WRONG = "The email address and/or password you specified are not correct."
FREE_FAILURES_PER_ACCOUNT = 5
FAILURES_ALLOWED_PER_ADDRESS = 30  # "30/5m/ip" in ACCOUNT_RATE_LIMITS["login_failed_address"]
MEI = "mei@example.com"
# allauth's "login" limit (30 posts a minute per address, any outcome) would answer 429 first.
STAY_UNDER_30_LOGINS_A_MINUTE = 3


def _wait(seconds: int) -> list[str]:
    return [
        "Too many failed attempts with this e-mail address. "
        f"Try again in {seconds} second{'s' if seconds != 1 else ''}."
    ]


def _log_in(password: str, *, email: str = MEI, client: Client | None = None, **meta: Any):
    return (client or Client()).post(
        reverse("account_login"), {"login": email, "password": password}, **meta
    )


def _errors(response) -> list[str]:
    assert response.status_code == 200
    return list(response.context["form"].non_field_errors())


def _fail(times: int, *, email: str = MEI, client: Client | None = None, **meta: Any) -> None:
    for _ in range(times):
        response = _log_in("wrong-password", email=email, client=client, **meta)
        assert _errors(response) == [WRONG]


@pytest.fixture
def mei():
    return UserFactory(email=MEI)


class TestPerAccount:
    def test_the_right_password_waits_after_too_many_failures(self, mei, frozen_clock):
        _fail(FREE_FAILURES_PER_ACCOUNT)

        response = _log_in(DEFAULT_PASSWORD)

        assert _errors(response) == _wait(FIRST_DELAY)
        assert "_auth_user_id" not in response.client.session

    def test_fewer_failures_than_the_free_ones_do_not_delay(self, mei):
        _fail(FREE_FAILURES_PER_ACCOUNT - 1)

        assert _log_in(DEFAULT_PASSWORD).status_code == 302

    def test_the_first_delay_is_short(self, mei, frozen_clock):
        _fail(FREE_FAILURES_PER_ACCOUNT)

        frozen_clock(FIRST_DELAY)
        response = _log_in(DEFAULT_PASSWORD)

        assert response.status_code == 302
        assert "_auth_user_id" in response.client.session

    def test_each_further_failure_doubles_the_delay(self, mei, frozen_clock):
        _fail(FREE_FAILURES_PER_ACCOUNT)
        frozen_clock(FIRST_DELAY)
        _fail(1)

        frozen_clock(FIRST_DELAY)
        too_early = _log_in(DEFAULT_PASSWORD)
        frozen_clock(FIRST_DELAY)
        in_time = _log_in(DEFAULT_PASSWORD)

        assert _errors(too_early) == _wait(FIRST_DELAY)
        assert in_time.status_code == 302

    def test_an_attacker_cannot_push_the_delay_past_three_minutes(self, mei, frozen_clock):
        for _ in range(20):
            _fail(1)
            frozen_clock(MAX_DELAY)
        _fail(1)

        waiting = _log_in(DEFAULT_PASSWORD)
        frozen_clock(MAX_DELAY)

        assert _errors(waiting) == _wait(180)
        assert _log_in(DEFAULT_PASSWORD).status_code == 302

    def test_refused_attempts_do_not_lengthen_the_wait(self, mei, frozen_clock):
        _fail(FREE_FAILURES_PER_ACCOUNT)
        for second in range(10):
            frozen_clock(1)
            assert _errors(_log_in("wrong-password")) == _wait(FIRST_DELAY - 1 - second)

        frozen_clock(FIRST_DELAY - 10)

        assert _log_in(DEFAULT_PASSWORD).status_code == 302

    def test_delaying_one_account_does_not_delay_another(self, mei):
        UserFactory(email="tom@example.com")
        _fail(FREE_FAILURES_PER_ACCOUNT)

        assert _log_in(DEFAULT_PASSWORD, email="tom@example.com").status_code == 302

    def test_a_password_reset_clears_the_delay(self, mei, frozen_clock):
        for failures in range(FREE_FAILURES_PER_ACCOUNT + 3):
            frozen_clock(delay_for(failures))
            _fail(1)
        assert _errors(_log_in(DEFAULT_PASSWORD)) == _wait(120)
        client = Client()
        client.post(reverse("account_reset_password"), {"email": MEI})
        reset_path = str(link_in_email(prefix="/accounts/password/reset/key/"))
        form_url = client.get(reset_path, follow=True).redirect_chain[-1][0]
        client.post(
            form_url, {"password1": "a-new-passphrase-77", "password2": "a-new-passphrase-77"}
        )

        response = _log_in("a-new-passphrase-77")

        assert len(mail.outbox) == 1
        assert response.status_code == 302


class TestKnownDevice:
    def test_the_owner_signs_in_on_a_known_browser_while_an_attacker_guesses(self, mei):
        owner = Client()
        assert _log_in(DEFAULT_PASSWORD, client=owner).status_code == 302
        owner.post(reverse("account_logout"))
        _fail(FREE_FAILURES_PER_ACCOUNT)
        assert _errors(_log_in("wrong-password")) != [WRONG]

        response = _log_in(DEFAULT_PASSWORD, client=owner)

        assert response.status_code == 302
        assert "_auth_user_id" in owner.session

    def test_a_browser_known_for_another_account_is_delayed_like_any(self, mei, frozen_clock):
        UserFactory(email="attacker@example.com")
        attacker = Client()
        _log_in(DEFAULT_PASSWORD, email="attacker@example.com", client=attacker)
        attacker.post(reverse("account_logout"))

        _fail(FREE_FAILURES_PER_ACCOUNT, client=attacker)

        assert _errors(_log_in(DEFAULT_PASSWORD, client=attacker)) == _wait(FIRST_DELAY)

    def test_a_forged_device_cookie_is_ignored(self, mei, frozen_clock):
        attacker = Client()
        attacker.cookies[DEVICE_COOKIE] = "forged:value"
        _fail(FREE_FAILURES_PER_ACCOUNT, client=attacker)

        assert _errors(_log_in(DEFAULT_PASSWORD, client=attacker)) == _wait(FIRST_DELAY)


class TestPerAddress:
    def test_failures_with_random_emails_do_not_block_the_next_visitor(self, mei):
        for n in range(10):
            _fail(1, email=f"nobody{n}@example.com")

        assert _log_in(DEFAULT_PASSWORD).status_code == 302

    def test_an_address_is_limited_across_accounts(self, mei, frozen_clock):
        for n in range(FAILURES_ALLOWED_PER_ADDRESS):
            _fail(1, email=f"nobody{n}@example.com")
            frozen_clock(STAY_UNDER_30_LOGINS_A_MINUTE)

        assert _errors(_log_in(DEFAULT_PASSWORD)) == [ADDRESS_LIMITED]
        assert _log_in(DEFAULT_PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302

    def test_behind_a_trusted_proxy_each_client_address_counts_apart(
        self, mei, settings, frozen_clock
    ):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
        proxy: dict[str, Any] = {"REMOTE_ADDR": "10.0.0.2"}
        for n in range(FAILURES_ALLOWED_PER_ADDRESS):
            _fail(1, email=f"nobody{n}@example.com", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
            frozen_clock(STAY_UNDER_30_LOGINS_A_MINUTE)

        attacker = _log_in(DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
        visitor = _log_in(DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

        assert _errors(attacker) == [ADDRESS_LIMITED]
        assert visitor.status_code == 302


def test_the_delay_schedule_doubles_from_fifteen_seconds_to_three_minutes():
    delays = [delay_for(failures) for failures in range(12)]

    assert delays == [0, 0, 0, 0, 0, 15, 30, 60, 120, 180, 180, 180]


def test_the_wait_is_told_in_the_visitors_language(mei, frozen_clock, settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    _fail(FREE_FAILURES_PER_ACCOUNT)

    response = _log_in(DEFAULT_PASSWORD, client=client)

    assert _errors(response) == [
        "Trop de tentatives échouées avec cette adresse e-mail. Réessayez dans 15 secondes."
    ]
