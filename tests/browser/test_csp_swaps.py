"""Issue 9, item 14: HTMX swaps never trip the Content Security Policy.

htmx "settles" a swapped element by first giving it the old element's attributes: by default
`class`, `width`, `height` and `style`, copied with setAttribute. An element the browser styled
through the CSSOM (a textarea the user resized; a screenshot tool hiding the caret) has a style
attribute, and copying it is an inline style the CSP (style-src 'self') refuses, logged as a
console error. base.html's htmx config leaves `style` out. The conftest fails these tests on any
console error; here elements are styled the way a browser would before each swap.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, expect

from tests.browser.sessions import open_page
from tests.browser.test_search import _marketplace
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import Role, VerificationLevel
from tradebridge.companies.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STYLE_THROUGH_CSSOM = "selector => { document.querySelector(selector).style.minWidth = '2em'; }"


def test_clicking_facets_after_the_browser_styled_an_element(
    search_index: Path, browser: Browser, live_server
):
    _marketplace()
    page = open_page(browser, live_server.url)
    page.goto("/categories/1112/soccer-balls/")

    page.evaluate(STYLE_THROUGH_CSSOM, "#result-count")
    page.locator(".facet__list a", has_text="Fujian").click()
    expect(page.locator("#result-count")).to_contain_text("40")
    page.evaluate(STYLE_THROUGH_CSSOM, "#result-count")
    page.locator(".facet__list a", has_text="Ready to ship").click()

    page.wait_for_url("**ready_to_ship=true**")
    expect(page.locator(".facet__list a.is-selected", has_text="Ready to ship")).to_have_count(1)
    expect(page.locator("#result-count")).not_to_have_attribute("style", "min-width: 2em;")


def test_adding_a_tier_after_the_browser_styled_the_button(browser: Browser, live_server):
    supplier = SupplierFactory.create(verification_level=VerificationLevel.BUSINESS_VERIFIED)
    owner = MembershipFactory.create(company=supplier, role=Role.OWNER, user=UserFactory.create())
    client = Client()
    client.force_login(owner.user)
    page = open_page(
        browser, live_server.url, session=client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    page.goto("/supplier/catalog/new/")
    rows = page.locator(".tier-row").count()

    for added in (1, 2):
        page.evaluate(STYLE_THROUGH_CSSOM, "#add-tier")
        page.click("#add-tier")
        expect(page.locator(".tier-row")).to_have_count(rows + added)

    expect(page.locator("#id_tiers-TOTAL_FORMS")).to_have_value(str(rows + 2))
