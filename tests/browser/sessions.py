"""Browser pages the tests start from: a fresh context (optionally carrying a session cookie
from Django's test client) or one signed in through the sign-in form."""

from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD


def open_page(
    browser: Browser,
    base_url: str,
    *,
    width: int = 1280,
    session: str | None = None,
    language: str | None = None,
) -> Page:
    """A page in a new context `width` px wide; `session` is a session cookie's value,
    `language` the UI language chosen by cookie."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 860}, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    cookies = []
    if session is not None:
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url})
    if language is not None:
        cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url})
    if cookies:
        context.add_cookies(cookies)  # type: ignore[arg-type]
    return context.new_page()


def logged_in_page(
    browser: Browser,
    base_url: str,
    user: User,
    *,
    width: int = 1280,
    language: str | None = None,
) -> Page:
    """A page carrying a session of `user`, logged in by Django's test client (no form)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return open_page(browser, base_url, width=width, session=session, language=language)


def signed_in(browser: Browser, base_url: str, email: str, *, width: int = 1280) -> Page:
    """A page signed in as `email` (with the factories' password) through the sign-in form."""
    page = open_page(browser, base_url, width=width)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")
    return page
