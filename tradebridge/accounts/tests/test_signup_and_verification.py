"""Sign-up sends a verification link; only a verified address may sign in."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from tradebridge.accounts.tests.outbox import link_in_email

pytestmark = pytest.mark.django_db

CONFIRM_PREFIX = "/accounts/confirm-email/"


def _sign_up(client: Client, email: str, password: str = DEFAULT_PASSWORD):
    """Sign up as the owner of a new supplier, as the sign-up page asks."""
    return client.post(
        reverse("account_signup"),
        {
            "full_name": "Mei Lin",
            "email": email,
            "password1": password,
            "password2": password,
            "legal_name": "Xiamen Example Sports Co., Ltd.",
            "kind": "supplier",
            "country": "CN",
        },
    )


def _log_in(client: Client, email: str, password: str = DEFAULT_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_signing_up_sends_one_verification_email_and_does_not_sign_in():
    client = Client()

    response = _sign_up(client, "Mei.Lin@Example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert _is_signed_in(client) is False
    user = User.objects.get()
    assert (user.email, user.full_name) == ("mei.lin@example.com", "Mei Lin")
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mei.lin@example.com"]
    assert link_in_email(prefix=CONFIRM_PREFIX) is not None


def test_following_the_link_verifies_the_address_and_signs_in():
    client = Client()
    _sign_up(client, "mei@example.com")
    confirm_path = str(link_in_email(prefix=CONFIRM_PREFIX))

    landing = client.get(confirm_path)
    confirmed = client.post(confirm_path)

    assert landing.status_code == 200
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="mei@example.com").verified is True
    assert _is_signed_in(client) is True


def test_after_verification_signing_in_from_another_browser_works():
    _sign_up(Client(), "mei@example.com")
    Client().post(str(link_in_email(prefix=CONFIRM_PREFIX)))
    elsewhere = Client()

    response = _log_in(elsewhere, "mei@example.com")

    assert response.status_code == 302
    assert response["Location"] == resolve_url(settings.LOGIN_REDIRECT_URL)
    assert _is_signed_in(elsewhere) is True


def test_a_verified_user_signs_in_with_email_and_password():
    UserFactory(email="mei@example.com")
    client = Client()

    response = _log_in(client, "mei@example.com")

    assert response.status_code == 302
    assert response["Location"] == resolve_url(settings.LOGIN_REDIRECT_URL)
    assert _is_signed_in(client) is True


def test_an_unverified_user_cannot_sign_in_and_is_sent_a_fresh_link():
    UserFactory(email="mei@example.com", email_verified=False)
    client = Client()

    response = _log_in(client, "mei@example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert _is_signed_in(client) is False
    assert len(mail.outbox) == 1
    assert link_in_email(prefix=CONFIRM_PREFIX) is not None


def test_a_wrong_password_is_refused_with_a_form_error():
    UserFactory(email="mei@example.com")
    client = Client()

    response = _log_in(client, "mei@example.com", "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["The email address and/or password you specified are not correct."]
    }
    assert _is_signed_in(client) is False


def test_signing_up_with_a_taken_address_looks_like_a_normal_sign_up():
    UserFactory(email="mei@example.com")
    client = Client()

    response = _sign_up(client, "mei@example.com", "another-passphrase-9")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert User.objects.get().check_password(DEFAULT_PASSWORD) is True
    assert [message.to for message in mail.outbox] == [["mei@example.com"]]
