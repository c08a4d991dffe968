"""Password reset by e-mail link; the response never tells whether an account exists (X15)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.accounts.tests.outbox import link_in_email

pytestmark = pytest.mark.django_db

RESET_PREFIX = "/accounts/password/reset/key/"
NEW_PASSWORD = "a-brand-new-passphrase-31"
CSRF_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


def _page_without_csrf_tokens(client: Client, path: str) -> str:
    """The page as rendered; CSRF tokens differ on every request and are masked."""
    return CSRF_TOKEN.sub("<csrf>", client.get(path).content.decode())


def _request_reset(client: Client, email: str):
    return client.post(reverse("account_reset_password"), {"email": email})


def test_reset_link_sets_a_new_password_that_signs_in():
    UserFactory(email="mei@example.com")
    client = Client()
    _request_reset(client, "mei@example.com")
    reset_path = str(link_in_email(prefix=RESET_PREFIX))

    form_page = client.get(reset_path, follow=True)
    changed = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert changed.status_code == 302
    assert changed["Location"] == reverse("account_reset_password_from_key_done")
    assert User.objects.get(email="mei@example.com").check_password(NEW_PASSWORD) is True
    signed_in = Client().post(
        reverse("account_login"), {"login": "mei@example.com", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_a_reset_link_works_only_once():
    UserFactory(email="mei@example.com")
    client = Client()
    _request_reset(client, "mei@example.com")
    reset_path = str(link_in_email(prefix=RESET_PREFIX))
    form_url = client.get(reset_path, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    second = Client().get(reset_path, follow=True)

    assert second.status_code == 200
    assert second.context["token_fail"] is True


def test_known_and_unknown_addresses_get_identical_responses():
    UserFactory(email="mei@example.com")

    known = _request_reset(Client(), "mei@example.com")
    unknown = _request_reset(Client(), "nobody@example.com")

    assert (known.status_code, known["Location"]) == (302, reverse("account_reset_password_done"))
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert _page_without_csrf_tokens(Client(), known["Location"]) == _page_without_csrf_tokens(
        Client(), unknown["Location"]
    )
    assert [message.to for message in mail.outbox] == [["mei@example.com"], ["nobody@example.com"]]
    assert link_in_email(prefix=RESET_PREFIX, index=0) is not None
    assert link_in_email(prefix=RESET_PREFIX, index=1) is None
