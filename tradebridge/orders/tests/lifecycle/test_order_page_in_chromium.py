"""The order page while the balance is due, with a part payment received, in a real browser:
the buyer's reminder and the supplier's line, in English and French, at 1280 and 390 px, under
the strict CSP with no console error nor axe-core violation (tests/browser/checks.py), and no
side-scroll on phones. Screenshots: test-artifacts/screenshots/<test>/."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.sessions import logged_in_page
from tradebridge.companies.models import Membership
from tradebridge.orders.services.lifecycle import order_confirm, order_production_done
from tradebridge.orders.tests.lifecycle.conftest import DAY, T0, Parties, pay, place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]


def _as(browser: Browser, base_url: str, member: Membership, width: int, language: str) -> Page:
    return logged_in_page(browser, base_url, member.user, width=width, language=language)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_balance_reminder_with_a_part_payment(
    parties: Parties,
    browser: Browser,
    live_server,
    screenshot: Screenshot,
    width: int,
    language: str,
) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    pay(order, "balance", amount="200.00", now=T0 + 11 * DAY)

    page = _as(browser, live_server.url, parties.buyer, width, language)
    page.goto(f"/orders/{order.pk}/")
    banner = page.locator("#payment-due")
    expect(banner).to_be_visible()
    expect(page.locator('#timeline [data-event="part_paid"]')).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, f"buyer-{language}-{width}")
    page.locator("#payment-due a").click()
    expect(page.locator("#bank-transfer-instructions")).to_be_in_viewport()

    page = _as(browser, live_server.url, parties.supplier, width, language)
    page.goto(f"/orders/{order.pk}/")
    expect(page.locator("#payment-due")).to_be_visible()
    expect(page.locator("#payment-due a")).to_have_count(0)
    screenshot(page, f"supplier-{language}-{width}")
