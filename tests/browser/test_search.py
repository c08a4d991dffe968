"""Issue 4's search journey in a real browser: a buyer types in the header box (suggestions
appear), searches, narrows by two facets (HTMX swaps, the URL follows), switches to euros,
goes to page 2 and presses back; the URL and the results are checked at every step. Also the
pages at phone and desktop widths. Screenshots go to test-artifacts/screenshots/."""

import os
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tradebridge.catalog.models import Category
from tradebridge.catalog.services import categories_load
from tradebridge.catalog.taxonomy import read_taxonomy
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.core.models import FxRate
from tradebridge.search.services.indexing import search_reindex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]
SOCCER_BALLS = 1112
SOCCER = 1111
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _marketplace() -> None:
    """40 ready-to-ship balls from Fujian, 10 made to order there, 15 from Zhejiang."""
    if not Category.objects.filter(id=SOCCER_BALLS).exists():  # flushed by an earlier test
        categories_load(nodes=read_taxonomy())
    day = timezone.localdate() - timedelta(days=1)
    for currency, rate in {"USD": "1.0700", "GBP": "0.84250", "CNY": "7.7646"}.items():
        FxRate.objects.create(date=day, currency=currency, rate=Decimal(rate))
    fujian = SupplierFactory.create(
        slug="xiamen-sports",
        display_name="Xiamen Sports",
        province="Fujian",
        verification_level=VerificationLevel.BUSINESS_VERIFIED,
    )
    zhejiang = SupplierFactory.create(
        slug="yiwu-goods", display_name="Yiwu Goods", province="Zhejiang", city="Yiwu"
    )
    for number in range(40):
        ProductFactory.create(
            supplier=fujian,
            title=f"Soccer ball size 5, model {number:02d}",
            description="Machine-stitched PU leather.",
            category_id=SOCCER_BALLS,
            tiers=[(100, f"{4 + number / 10:.2f}"), (1000, f"{3 + number / 10:.2f}")],
            stock=500,
            certifications=["CE"],
        )
    for number in range(10):
        ProductFactory.create(
            supplier=fujian,
            title=f"Soccer goal net, model {number:02d}",
            description="Polyethylene, knotless.",
            category_id=SOCCER,
            tiers=[(20, "18.00")],
        )
    for number in range(15):
        ProductFactory.create(
            supplier=zhejiang,
            title=f"Soccer training ball, model {number:02d}",
            description="Rubber bladder.",
            category_id=SOCCER_BALLS,
            currency="CNY",
            tiers=[(300, "21.00")],
            sample_available=True,
        )
    search_reindex()


def _to_docs(path: Path, name: str) -> None:
    """With UPDATE_DOCS_SCREENSHOTS=1, the screenshot also replaces docs/screenshots/<name>."""
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        DOCS.joinpath(name).write_bytes(path.read_bytes())


def _shot(screenshot: Screenshot, page: Page, step: str) -> Path:
    """A screenshot, then the page as it was: Playwright hides the caret with an inline style
    on every input and leaves `style=""` behind, which the next HTMX swap would copy and the
    CSP would (rightly) refuse. No page of ours has a style attribute."""
    path = screenshot(page, step)
    page.evaluate(
        "document.querySelectorAll('input[style=\"\"]').forEach(e => e.removeAttribute('style'))"
    )
    return path


def _titles(page: Page) -> list[str]:
    return page.locator(".product-card__title a").all_inner_texts()


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _count(page: Page) -> str:
    return page.locator("#result-count").inner_text()


def test_a_buyer_searches_narrows_changes_currency_pages_and_goes_back(
    search_index: Path, page: Page, console, screenshot: Screenshot
):
    _marketplace()
    page.goto("/")

    page.fill("#topsearch-q", "socc")
    expect(page.locator("#topsearch-suggestions [role=option]").first).to_be_visible()
    expect(page.locator("#topsearch-q")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#topsearch-suggestions [role=option]").first).to_be_focused()
    _shot(screenshot, page, "suggestions")
    page.keyboard.press("Escape")
    page.fill("#topsearch-q", "soccer")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=soccer")
    assert _count(page) == "65 products for “soccer”"
    assert len(_titles(page)) == 24
    _shot(screenshot, page, "searched")

    page.locator(".facet__list a", has_text="Fujian").click()
    expect(page.locator("#result-count")).to_have_text("50 products for “soccer”")
    assert _query(page) == {"q": ["soccer"], "supplier_province": ["Fujian"]}
    page.locator(".facet__list a", has_text="Ready to ship").click()
    expect(page.locator("#result-count")).to_have_text("40 products for “soccer”")
    assert _query(page) == {
        "q": ["soccer"],
        "supplier_province": ["Fujian"],
        "ready_to_ship": ["true"],
    }
    assert all(title.startswith("Soccer ball size 5") for title in _titles(page))
    expect(page.locator(".product-card__price").first).to_contain_text("$")
    _shot(screenshot, page, "two-facets")

    page.select_option("#pref-currency", "EUR")
    page.wait_for_load_state("load")
    expect(page.locator(".product-card__price").first).to_contain_text("€")
    assert _query(page) == {
        "q": ["soccer"],
        "supplier_province": ["Fujian"],
        "ready_to_ship": ["true"],
    }
    assert _count(page) == "40 products for “soccer”"
    first_page = _titles(page)
    _shot(screenshot, page, "in-euros")

    page.locator(".pagination a[rel=next]").click()
    expect(page.locator(".pagination__current")).to_have_text("2")
    assert _query(page)["page"] == ["2"]
    assert _query(page)["supplier_province"] == ["Fujian"]
    second_page = _titles(page)
    assert len(second_page) == 16
    assert not set(first_page) & set(second_page)
    expect(page.locator(".product-card__price").first).to_contain_text("€")
    _shot(screenshot, page, "page-2")

    page.go_back()
    expect(page.locator(".pagination__current")).to_have_text("1")
    assert "page" not in _query(page)
    assert _titles(page) == first_page
    assert _count(page) == "40 products for “soccer”"
    _shot(screenshot, page, "back")
    assert console.errors == [], "\n".join(console.errors)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_pages_at_desktop_and_phone_widths(
    search_index: Path, browser: Browser, live_server, width: int, screenshot: Screenshot
):
    _marketplace()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    shots = {
        "products": "/search/?q=soccer&supplier_province=Fujian&ready_to_ship=true",
        "category": f"/categories/{SOCCER_BALLS}/soccer-balls/",
        "suppliers": "/search/suppliers/?q=soccer",
        "no-results": "/search/?q=socer+bal&ready_to_ship=true&supplier_province=Zhejiang",
    }
    for name, url in shots.items():
        page.goto(url)
        expect(page.locator("#search-area")).to_be_visible()
        filters = page.locator(".search__filters")
        assert filters.evaluate("d => d.open") is (width > 760)  # folded away on phones
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width}px"
        _to_docs(screenshot(page, f"{name}-{width}"), f"search-{name}-{width}.png")
    page.goto("/")
    page.fill("#topsearch-q", "socc")
    expect(page.locator("#topsearch-suggestions [role=option]").first).to_be_visible()
    _shot(screenshot, page, f"suggest-{width}")
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":  # the open list, not the whole page
        page.screenshot(path=DOCS / f"search-suggest-{width}.png")
    context.close()
    assert errors == []
