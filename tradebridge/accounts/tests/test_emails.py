"""The branded e-mails: allauth's and the platform's own, both parts, the sender, the
language of the recipient and links on the host the request came to."""

import re

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.core.emails import email_send, site_base_url
from tradebridge.core.web.middleware import RequestBaseUrlMiddleware

pytestmark = pytest.mark.django_db

SENDER = "Tradebridge <no-reply@tradebridge.local>"


def _html(message: mail.EmailMessage) -> str:
    assert isinstance(message, mail.EmailMultiAlternatives)
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return str(html)


def _lines(message: mail.EmailMessage) -> list[str]:
    return str(message.body).splitlines()


@pytest.fixture
def public_host(settings):
    settings.ALLOWED_HOSTS = ["trade.example.com"]
    return Client(HTTP_HOST="trade.example.com")


def test_the_sign_up_confirmation_is_branded_and_links_to_the_requests_host(public_host):
    public_host.post(
        reverse("account_signup"),
        {
            "email": "ines@example.com",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
            "full_name": "Inés García",
            "legal_name": "García Importaciones S.L.",
            "country": "ES",
            "kind": "buyer",
        },
    )

    (message,) = mail.outbox
    assert message.subject == "[Tradebridge] Confirm your e-mail address"
    assert message.from_email == SENDER
    assert message.to == ["ines@example.com"]
    links = [line for line in _lines(message) if line.startswith("http")]
    assert len(links) == 2
    assert re.fullmatch(r"http://trade\.example\.com/accounts/confirm-email/[\w:-]+/", links[0])
    assert links[1] == "http://trade.example.com/"
    assert _lines(message)[:3] == [
        "Hello,",
        "",
        "Please confirm that ines@example.com is your e-mail address on Tradebridge. "
        "Open this link:",
    ]
    assert f'href="{links[0]}"' in _html(message)
    assert ">Confirm my e-mail address</a>" in _html(message)
    assert "Hello from" not in message.body


def test_a_long_link_is_never_folded_in_the_sent_message(public_host):
    UserFactory.create(email="mei@example.com")
    public_host.post(reverse("account_reset_password"), {"email": "mei@example.com"})

    (message,) = mail.outbox
    link = next(line for line in _lines(message) if "/password/reset/key/" in line)
    assert len(link) > 78
    raw = message.message().as_string()
    assert link in raw.splitlines()
    assert "quoted-printable" not in raw
    assert "base64" not in raw


def test_a_password_reset_is_written_in_the_language_the_user_chose(public_host):
    UserFactory.create(email="claire@example.com", preferred_language="fr")

    public_host.post(reverse("account_reset_password"), {"email": "claire@example.com"})

    (message,) = mail.outbox
    assert message.subject == "[Tradebridge] Réinitialisez votre mot de passe"
    assert _lines(message)[0] == "Bonjour,"
    assert "Choisir un nouveau mot de passe</a>" in _html(message)
    assert "Tradebridge, la place de marché B2B transfrontalière" in message.body


def test_outside_a_request_links_use_site_url(settings):
    settings.SITE_URL = "https://trade.example.com/"

    email_send(
        to="li@example.com",
        language="zh-hans",
        template="account/email/password_reset_key",
        context={"password_reset_url": "https://trade.example.com/accounts/password/reset/key/x/"},
    )

    assert site_base_url() == "https://trade.example.com"
    (message,) = mail.outbox
    assert message.subject == "重置您的密码"
    assert _lines(message)[-1] == "https://trade.example.com/"


@pytest.mark.parametrize(
    ("host", "base_url"),
    [("trade.example.com", "http://trade.example.com"), ("evil.example.net", "https://site")],
)
def test_only_an_allowed_host_becomes_the_base_of_links(settings, rf, host, base_url):
    settings.ALLOWED_HOSTS = ["trade.example.com"]
    settings.SITE_URL = "https://site/"
    seen = []

    def view(request):
        seen.append(site_base_url())
        return HttpResponse()

    RequestBaseUrlMiddleware(view)(rf.get("/", HTTP_HOST=host))

    assert seen == [base_url]
    assert site_base_url() == "https://site"


def test_an_unknown_language_falls_back_to_english():
    email_send(
        to="li@example.com",
        language="xx",
        template="account/email/password_reset_key",
        context={"password_reset_url": "http://127.0.0.1:8000/r/"},
        base_url="http://127.0.0.1:8100",
    )

    (message,) = mail.outbox
    assert message.subject == "Reset your password"
    assert _lines(message)[-2:] == [
        "Tradebridge, the cross-border B2B marketplace",
        "http://127.0.0.1:8100/",
    ]
