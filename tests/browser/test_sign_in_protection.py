"""Issue 9, sign-in protection in a real browser, at 1280 and 390 px: a delayed sign-in says
how long to wait; turning TOTP off asks for a fresh code first. Screenshots of every step go
to test-artifacts/screenshots/<test>/."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from tests.browser.sessions import open_page
from tests.browser.test_supplier_onboarding import fresh_totp_code
from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, OperatorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]
WIDTHS = (1280, 390)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_delayed_sign_in_says_how_long_to_wait(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    cache.clear()  # the delay and the rate limits of an earlier test
    UserFactory.create(email="mei@example.com")
    for _ in range(5):
        Client().post("/accounts/login/", {"login": "mei@example.com", "password": "wrong-pass"})
    page = open_page(browser, live_server.url, width=width)

    page.goto("/accounts/login/")
    page.locator("[name=login]").fill("mei@example.com")
    page.locator("[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page.locator("main")).to_contain_text(
        re.compile(
            r"Too many failed attempts with this e-mail address\. Try again in \d+ seconds?\."
        )
    )
    screenshot(page, f"sign-in-delayed-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_turning_totp_off_asks_for_a_fresh_code(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    cache.clear()
    operator = OperatorFactory.create(email="ops@example.com")
    secret = generate_totp_secret()
    TOTP.activate(operator, secret)
    client = Client()
    client.force_login(operator)
    page = open_page(
        browser,
        live_server.url,
        width=width,
        session=client.cookies[settings.SESSION_COOKIE_NAME].value,
    )

    page.goto("/accounts/2fa/totp/deactivate/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/reauthenticate/\?next="))
    expect(page.locator("body")).to_contain_text("To turn two-factor authentication off")
    screenshot(page, f"asked-for-code-{width}")
    page.locator("[name=code]").fill(fresh_totp_code(secret))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/deactivate/$"))
    screenshot(page, f"confirm-turning-off-{width}")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/$"))
    assert Authenticator.objects.filter(user=operator, type="totp").exists() is False
