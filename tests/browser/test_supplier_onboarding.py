"""Journey 1, first steps, in a real browser: a supplier signs up with its company, verifies the
e-mail address, turns on TOTP two-factor authentication and invites a colleague; the colleague
signs up with the invited address, verifies it, accepts the invitation, signs in again and
works for the company. Screenshots of every step go to test-artifacts/screenshots/."""

import base64
import hashlib
import hmac
import re
import struct
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.mail import EmailMessage
from playwright.sync_api import Browser, Page, expect

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership

pytestmark = pytest.mark.django_db(transaction=True)

SUPPLIER_EMAIL = "mei.lin@xiamen-sports.example"
COLLEAGUE_EMAIL = "chen.jie@xiamen-sports.example"
PASSWORD = "kite-surf-lantern-2026"
COMPANY = "Xiamen Harbour Sports Goods Co., Ltd."

Screenshot = Callable[[Page, str], Path]


def totp_code(secret: str, *, at: float | None = None, digits: int = 6, period: int = 30) -> str:
    """RFC 6238 TOTP (HMAC-SHA1), as an authenticator app computes it."""
    counter = int((time.time() if at is None else at) // period)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def fresh_totp_code(secret: str, *, period: int = 30, margin: float = 3.0) -> str:
    """The current code, waiting for the next period if this one ends within `margin` seconds
    (the server accepts only the current period's code)."""
    remaining = period - time.time() % period
    if remaining < margin:
        time.sleep(remaining + 0.1)
    return totp_code(secret)


def test_rfc_6238_reference_vector():
    """The RFC's SHA-1 test vector at T=59s; guards the helper the journey relies on."""
    secret = base64.b32encode(b"12345678901234567890").decode()

    assert totp_code(secret, at=59, digits=8) == "94287082"


def _link_in_last_email_to(outbox: list[EmailMessage], address: str, path_prefix: str) -> str:
    """The path of the first link starting with `path_prefix` in the newest e-mail to `address`."""
    to_address = [message for message in outbox if address in message.to]
    assert to_address, f"no e-mail to {address}"
    urls: list[str] = re.findall(r"https?://\S+", str(to_address[-1].body))
    paths = [urlsplit(url).path for url in urls if urlsplit(url).path.startswith(path_prefix)]
    assert paths, f"no {path_prefix} link in the e-mail to {address}"
    return paths[0]


def _confirm_email(page: Page, outbox: list[EmailMessage], address: str) -> None:
    page.goto(_link_in_last_email_to(outbox, address, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()


def _sign_out(page: Page) -> None:
    page.goto("/accounts/logout/")
    page.locator("main").get_by_role("button", name=re.compile("sign out", re.IGNORECASE)).click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()


def _sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("[name=login]").fill(email)
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()


def _supplier_signs_up_and_verifies(page: Page, outbox, screenshot: Screenshot) -> None:
    page.goto("/signup/?kind=supplier")
    page.locator("[name=full_name]").fill("Mei Lin")
    page.locator("[name=email]").fill(SUPPLIER_EMAIL)
    page.locator("[name=password1]").fill(PASSWORD)
    page.locator("[name=password2]").fill(PASSWORD)
    page.locator("[name=legal_name]").fill(COMPANY)
    expect(page.locator("input[name=kind][value=supplier]")).to_be_checked()
    page.locator("[name=country]").select_option("CN")
    screenshot(page, "supplier-signup-form")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    screenshot(page, "supplier-verification-sent")

    _confirm_email(page, outbox, SUPPLIER_EMAIL)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.locator("main")).to_contain_text(f"You are working for {COMPANY} as Owner.")
    screenshot(page, "supplier-dashboard")


def _supplier_turns_on_totp(page: Page, screenshot: Screenshot) -> str:
    page.goto("/accounts/2fa/totp/activate/")
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator("[name=password]").fill(PASSWORD)
    screenshot(page, "supplier-confirms-password")
    page.locator("main").get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("[name=code]").fill(fresh_totp_code(secret))
    screenshot(page, "supplier-activates-totp")
    page.get_by_role("button", name="Activate").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    screenshot(page, "supplier-recovery-codes")
    return secret


def _supplier_invites_colleague(page: Page, outbox, screenshot: Screenshot) -> str:
    page.goto("/company/invitations/")
    page.locator("[name=email]").fill(COLLEAGUE_EMAIL)
    page.locator("[name=role]").select_option(Role.SALES.value)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("main")).to_contain_text(
        f"An invitation has been sent to {COLLEAGUE_EMAIL}"
    )
    expect(page.locator("table")).to_contain_text(COLLEAGUE_EMAIL)
    screenshot(page, "supplier-invited-colleague")
    return _link_in_last_email_to(outbox, COLLEAGUE_EMAIL, "/invitations/")


def _colleague_joins(page: Page, outbox, invitation_path: str, screenshot: Screenshot) -> None:
    page.goto(invitation_path)
    expect(page.locator("main")).to_contain_text(f"Join {COMPANY} on Tradebridge")
    screenshot(page, "colleague-opens-invitation")
    page.get_by_role("link", name="Create an account").click()
    page.locator("[name=full_name]").fill("Chen Jie")
    page.locator("[name=email]").fill(COLLEAGUE_EMAIL)
    page.locator("[name=password1]").fill(PASSWORD)
    page.locator("[name=password2]").fill(PASSWORD)
    screenshot(page, "colleague-signup-form")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    _confirm_email(page, outbox, COLLEAGUE_EMAIL)
    page.goto(invitation_path)
    screenshot(page, "colleague-verified-invitation")
    page.get_by_role("button", name="Accept invitation").click()
    expect(page.locator("main")).to_contain_text(f"You are working for {COMPANY} as Sales.")
    screenshot(page, "colleague-joined")


def test_supplier_signs_up_secures_the_account_and_onboards_a_colleague(
    browser: Browser, page: Page, console, live_server, mailoutbox, screenshot
):
    _supplier_signs_up_and_verifies(page, mailoutbox, screenshot)
    secret = _supplier_turns_on_totp(page, screenshot)
    invitation_path = _supplier_invites_colleague(page, mailoutbox, screenshot)
    _sign_out(page)

    colleague = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 860}
    )
    colleague_page = colleague.new_page()
    _colleague_joins(colleague_page, mailoutbox, invitation_path, screenshot)
    _sign_out(colleague_page)
    _sign_in(colleague_page, COLLEAGUE_EMAIL)
    expect(colleague_page).to_have_url(re.compile(r"/dashboard/$"))
    expect(colleague_page.locator("main")).to_contain_text(
        f"You are working for {COMPANY} as Sales."
    )
    screenshot(colleague_page, "colleague-signs-in-and-sees-company")
    colleague.close()

    _sign_in(page, SUPPLIER_EMAIL)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    screenshot(page, "supplier-asked-for-code")
    page.locator("[name=code]").fill(fresh_totp_code(secret))
    page.locator("main").get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    screenshot(page, "supplier-signed-in-with-totp")

    company = Company.objects.get(legal_name=COMPANY)
    members = Membership.objects.filter(company=company, is_active=True)
    assert sorted(members.values_list("user__email", "role")) == [
        (COLLEAGUE_EMAIL, Role.SALES),
        (SUPPLIER_EMAIL, Role.OWNER),
    ]
    assert console.errors == []
