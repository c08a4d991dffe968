"""Issue 9's header and pages at desktop and phone widths, in every UI language.

The main pages (home, search, a category, a product, a storefront, sign-in, sign-up, the
dashboards of a buyer and of a supplier, members, API tokens) at 1280 and 390 px: no sideways
scroll, and axe-clean (the conftest checks every page loaded). Then the header alone in the five
languages, signed out and signed in as a member of a company that buys and sells (the longest
navigation) and of a second one (the company switcher): one row of navigation at 1280 px; at
390 px the brand and the account on one row and a Menu button that opens the navigation (and
the switcher). One browser for all of it. Screenshots go to test-artifacts/screenshots/<test>/.
"""

import os
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.services import categories_load
from tradebridge.catalog.taxonomy import read_taxonomy
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.catalog.web.display import product_url
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.models import FxRate
from tradebridge.search.services.indexing import search_reindex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]
SOCCER_BALLS = 1112
WIDTHS = (1280, 390)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _marketplace() -> tuple[Product, dict[str, User]]:
    """A verified supplier with three balls; the owners of a buyer and of a supplier."""
    if not Category.objects.filter(id=SOCCER_BALLS).exists():  # flushed by an earlier test
        categories_load(nodes=read_taxonomy())
    day = timezone.localdate() - timedelta(days=1)
    for currency, rate in {"USD": "1.0700", "GBP": "0.84250", "CNY": "7.7646"}.items():
        FxRate.objects.create(date=day, currency=currency, rate=Decimal(rate))
    supplier = SupplierFactory.create(
        slug="xiamen-sports",
        display_name="Xiamen Sports",
        verification_level=VerificationLevel.BUSINESS_VERIFIED,
    )
    balls = [
        ProductFactory.create(
            supplier=supplier,
            title=f"Soccer ball size 5, model {number}",
            category_id=SOCCER_BALLS,
            tiers=[(100, "4.20"), (1000, "3.10")],
            sample_available=True,
            sample_price=Decimal("12.00"),
        )
        for number in range(3)
    ]
    search_reindex()
    users = {
        "buyer": _member(CompanyKind.BUYER, "Rhein Sport GmbH", "jonas@rhein-sport.example"),
        "supplier": _member(CompanyKind.SUPPLIER, "Harbour Sports", "mei@harbour.example"),
    }
    return balls[0], users


def _member(kind: CompanyKind, name: str, email: str) -> User:
    company = CompanyFactory.create(display_name=name, legal_name=name, kind=kind)
    return MembershipFactory.create(
        company=company, role=Role.OWNER, user=UserFactory.create(email=email)
    ).user


def _context(
    browser: Browser, base_url: str, width: int, language: str, user: User | None
) -> BrowserContext:
    """A browser context at `width` in `language`, signed in as `user` (a session cookie)."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 860}, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url})
    context.add_cookies(cookies)  # type: ignore[arg-type]
    return context


def _no_sideways_scroll(page: Page, where: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{where} scrolls sideways by {overflow}px"


def _rows(page: Page, selector: str) -> int:
    """How many rows the visible elements matching `selector` are laid out on: an element
    starts a new row when it begins below the bottom of every element of the current one."""
    boxes = page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .filter(e => e.offsetParent !== null)
            .map(e => e.getBoundingClientRect()).map(r => [r.top, r.bottom])
            .sort((a, b) => a[0] - b[0])""",
        selector,
    )
    assert boxes, f"nothing visible matches {selector}"
    rows, bottom = 1, boxes[0][1]
    for top, end in boxes[1:]:
        if top >= bottom:
            rows += 1
        bottom = max(bottom, end) if top < bottom else end
    return rows


def test_the_main_pages_fit_and_pass_axe_at_desktop_and_phone_widths(
    search_index: Path, browser: Browser, live_server, screenshot: Screenshot
):
    product, users = _marketplace()
    anonymous = {
        "home": "/",
        "search": "/search/?q=soccer",
        "category": f"/categories/{SOCCER_BALLS}/soccer-balls/",
        "product": product_url(product),
        "storefront": "/suppliers/xiamen-sports/",
        "login": "/accounts/login/",
        "signup": "/signup/",
    }
    signed_in = {
        "buyer": {"dashboard-buyer": "/dashboard/", "members": "/company/members/"},
        "supplier": {"dashboard-supplier": "/dashboard/", "api-tokens": "/account/tokens/"},
    }
    for width in WIDTHS:
        journeys: list[tuple[User | None, dict[str, str]]] = [(None, anonymous)]
        journeys += [(users[who], pages) for who, pages in signed_in.items()]
        for user, pages in journeys:
            context = _context(browser, live_server.url, width, "en", user)
            page = context.new_page()
            for name, url in pages.items():
                response = page.goto(url)
                assert response is not None
                assert response.status == 200, f"{url}: {response.status}"
                _no_sideways_scroll(page, f"{name} at {width}px")
                screenshot(page, f"{name}-{width}")
            context.close()


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "zh-hans"])
def test_the_header_fits_in_every_language(
    browser: Browser, live_server, screenshot: Screenshot, language: str
):
    member = _member(CompanyKind.BOTH, "Lyon Trading SARL", "claire@lyon-trading.example")
    second = CompanyFactory.create(display_name="Rhein Sport Handelsgesellschaft mbH")
    MembershipFactory.create(company=second, user=member, role=Role.VIEWER)  # the switcher shows
    for width in WIDTHS:
        for who, user in (("visitor", None), ("member", member)):
            context = _context(browser, live_server.url, width, language, user)
            page = context.new_page()
            page.goto("/dashboard/" if user else "/")
            expect(page.locator("html")).to_have_attribute("lang", language)
            _no_sideways_scroll(page, f"the {who}'s header in {language} at {width}px")
            toggle = page.locator("[data-nav-toggle]")
            nav = page.locator(".mainnav")
            if width == 1280:
                expect(toggle).to_be_hidden()
                assert _rows(page, ".mainnav > a, .mainnav > .is-soon") == 1
                assert _rows(page, ".topbar__inner > *") == 1
            else:
                assert _rows(page, ".topbar__inner > .brand, .topbar__tools") == 1
                expect(nav).to_be_hidden()
                expect(toggle).to_have_attribute("aria-expanded", "false")
                toggle.focus()
                page.keyboard.press("Enter")  # a real button: the keyboard opens it
                expect(toggle).to_have_attribute("aria-expanded", "true")
                expect(nav).to_be_visible()
                _no_sideways_scroll(page, f"the {who}'s open menu in {language} at {width}px")
            screenshot(page, f"{who}-{width}")
            if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1" and (language, who) == (
                "en",
                "member",
            ):
                page.screenshot(path=DOCS / f"header-{who}-{width}.png")  # the first screen
            if width == 390:
                page.keyboard.press("Escape")
                expect(toggle).to_have_attribute("aria-expanded", "false")
                expect(toggle).to_be_focused()
                expect(nav).to_be_hidden()
            context.close()
