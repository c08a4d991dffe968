"""The catalog pages in a real browser: the live price box and the product form's HTMX helpers
work under the strict CSP, phones get no side-scroll, and each step is screenshotted."""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import CategoryFactory, ProductFactory
from tradebridge.catalog.web.display import product_url

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "screenshots"


@pytest.fixture
def chromium(browser):
    """The shared browser (tests/browser/checks.py): a console error or an axe-core violation on
    any page these tests open fails them, as in tests/browser/."""
    return browser


@pytest.fixture
def shots(request):
    directory = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    taken: list[Path] = []

    def take(page: Page, step: str) -> None:
        path = directory / f"{len(taken) + 1:02d}-{step}.png"
        page.screenshot(path=path, full_page=True)
        taken.append(path)

    return take


def _page(chromium, live_server, width: int, membership=None):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    if membership is not None:
        page.goto("/accounts/login/")
        page.fill("input[name=login]", membership.user.email)
        page.fill("input[name=password]", DEFAULT_PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url("**/dashboard/")
    return page, errors


def _no_side_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_buyer_types_quantities_and_sees_the_price_change_across_tiers(
    market, rates, live_server, chromium, shots, width
):
    product = ProductFactory.create(
        supplier=market.supplier,
        title="Thermo-bonded match ball, size 5",
        currency="USD",
        tiers=[(100, "4.28"), (500, "3.21"), (2000, "2.14")],
        order_multiple=10,
        lead_time_days=15,
        lead_time_steps=[[2000, 30]],
    )
    page, errors = _page(chromium, live_server, width, market.buyer)
    page.goto("/dashboard/")
    page.select_option("#pref-currency", "EUR")
    page.wait_for_load_state("networkidle")
    page.goto(product_url(product))
    quote = page.locator("#quote")
    expect(quote).to_contain_text("$428.00")
    expect(quote).to_contain_text("€400.00")
    shots(page, f"product-{width}")

    page.fill("#quantity", "50")
    expect(quote).to_contain_text("The minimum order is 100")
    shots(page, f"below-moq-{width}")

    page.fill("#quantity", "500")
    expect(quote).to_contain_text("$1,605.00")
    expect(quote).to_contain_text("€1,500.00")
    expect(page.locator("tr.is-applied")).to_contain_text("500")

    page.fill("#quantity", "2000")
    expect(quote).to_contain_text("$4,280.00")
    expect(quote).to_contain_text("30 days")
    expect(page.locator("tr.is-applied")).to_have_count(1)
    expect(page.locator("tr.is-applied")).to_contain_text("2000")
    shots(page, f"top-tier-{width}")

    assert _no_side_scroll(page)
    assert errors == []


def test_a_supplier_adds_a_tier_and_picks_a_category_with_htmx(
    market, rates, live_server, chromium, shots
):
    CategoryFactory.create(name="Quidditch Balls")
    page, errors = _page(chromium, live_server, 1280, market.sales)
    page.goto("/supplier/catalog/new/")
    page.fill("#id_sku", "BALL-5")
    page.fill("#id_title", "Match ball size 5")
    page.fill("#id_moq", "100")
    page.fill("#category-search", "quidditch")
    page.locator("#category-results label", has_text="Quidditch Balls").click()
    page.click("#add-tier")
    expect(page.locator("#id_tiers-2-min_quantity")).to_be_visible()
    page.click("#add-tier")
    expect(page.locator("#id_tiers-3-min_quantity")).to_be_visible()
    page.fill("#id_tiers-0-min_quantity", "100")
    page.fill("#id_tiers-0-unit_price", "4.28")
    page.fill("#id_tiers-3-min_quantity", "1000")
    page.fill("#id_tiers-3-unit_price", "3.50")
    shots(page, "product-form")

    page.click("main .actions button[type=submit]")
    page.wait_for_url("**/supplier/catalog/*/")
    shots(page, "product-saved")

    product = Product.objects.get(supplier=market.supplier, sku="BALL-5")
    assert product.category is not None
    assert product.category.name == "Quidditch Balls"
    assert [(tier.min_quantity, str(tier.unit_price)) for tier in product.tiers.all()] == [
        (100, "4.2800"),
        (1000, "3.5000"),
    ]
    assert errors == []
