"""After an award, in a real browser at 1280 and 390 px (no side-scroll, no console error, no
axe-core violation): the buyer's awarded RFQ page, the accept page's converted total, the
supplier's "My quotes" page, the deal's payment terms in French. Screenshots:
test-artifacts/screenshots/<test>/."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from tests.browser.sessions import open_page
from tradebridge.companies.models import Membership
from tradebridge.rfq.tests.factories import CounterOfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser: Browser, live_server, membership: Membership, width: int) -> Page:
    client = Client()
    client.force_login(membership.user)
    return open_page(
        browser,
        live_server.url,
        width=width,
        session=client.cookies[settings.SESSION_COOKIE_NAME].value,
    )


def _visit(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pages_after_an_award(market, browser, live_server, screenshot, width):
    CounterOfferFactory.create(quote=market.quote_b)
    buyer = _as(browser, live_server, market.buyer, width)
    _visit(buyer, f"/quotes/{market.quote_b.pk}/accept/?revision=1")
    expect(buyer.locator("#converted-total")).to_contain_text("at the rate frozen with the quote")
    screenshot(buyer, "accept")
    supplier = _as(browser, live_server, market.supplier_b, width)
    _visit(supplier, "/supplier/quotes/")
    expect(supplier.locator("[data-countered]")).to_be_visible()
    screenshot(supplier, "my-quotes-countered")
    buyer.locator("#confirm-accept").click()
    buyer.wait_for_url("**/deals/**")
    _visit(buyer, f"/rfqs/{market.rfq.pk}/")
    expect(buyer.locator("#rfq-awarded")).to_be_visible()
    screenshot(buyer, "awarded-rfq")
    _visit(supplier, "/supplier/quotes/")
    expect(supplier.locator('[data-status="accepted"]')).to_be_visible()
    screenshot(supplier, "my-quotes-accepted")
    supplier.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "fr", "url": live_server.url}]
    )
    _visit(supplier, "/deals/")
    supplier.locator("#deal-list a").first.click()
    expect(supplier.locator("main")).to_contain_text("solde avant l'expédition")
    screenshot(supplier, "deal-fr")
