"""Issue 3's journeys in a real browser: a verified supplier imports a catalog file (good rows
land, bad rows are listed with line, column and reason), publishes a product, and a buyer types
quantities on the product page and sees the unit price and total follow the tiers, then switches
to euros and sees converted prices. Screenshots of every step go to test-artifacts/screenshots/.
"""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.browser.sessions import signed_in
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import ImportJob, Product
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.models import FxRate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]

# Header is line 1: three good rows (lines 2-4), a rising price tier (5), a bad HS code (6).
CATALOG_CSV = (
    "sku,title,currency,price_tiers,moq,unit,lead_time_days,hs_code,origin_country\n"
    'TB-BALL-5,"PU Leather Size 5 Match Soccer Ball, Thermo-bonded",USD,'
    "100:4.28;500:3.21;2000:2.14,100,piece,15,950662,CN\n"
    'TB-BASK-7,"Composite Leather Size 7 Indoor Basketball",USD,'
    "50:6.10;300:5.60;1000:5.20,50,piece,20,950662,CN\n"
    'TB-MAT-6,"6 mm TPE Yoga Mat, Alignment Lines, 183 x 61 cm",USD,'
    "200:4.10;1000:3.80,200,piece,12,392690,CN\n"
    'TB-BAD-TIER,"Training Cones, Set of 50",USD,100:3.00;500:3.50,100,set,10,950699,CN\n'
    'TB-BAD-HS,"Goalkeeper Gloves, Size 9",USD,100:3.90;500:3.60,100,pair,20,999999,CN\n'
)
EUR_RATES = {"USD": "1.0700", "CNY": "7.7646", "GBP": "0.84250"}


def _member(company, role: Role, email: str) -> Membership:
    return MembershipFactory.create(
        company=company, role=role, user=UserFactory.create(email=email)
    )


def _console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    return errors


def test_a_supplier_imports_a_catalog_and_a_buyer_prices_a_product(
    browser: Browser, live_server, screenshot: Screenshot
):
    supplier = CompanyFactory.create(
        slug="xiamen-harbour",
        legal_name="Xiamen Harbour Sports Goods Co., Ltd.",
        display_name="Harbour Sports",
        kind=CompanyKind.SUPPLIER,
        country="CN",
        city="Xiamen",
        default_currency="USD",
        verification_level=VerificationLevel.BUSINESS_VERIFIED,
    )
    owner = _member(supplier, Role.OWNER, "mei.lin@harbour-sports.example")
    buyer_company = CompanyFactory.create(
        slug="rhein-sport", display_name="Rhein Sport", kind=CompanyKind.BUYER, country="DE"
    )
    buyer = _member(buyer_company, Role.PURCHASER, "jonas@rhein-sport.example")
    yesterday = timezone.localdate() - timedelta(days=1)
    for currency, rate in EUR_RATES.items():
        FxRate.objects.create(date=yesterday, currency=currency, rate=Decimal(rate))

    # --- the supplier imports a file with three good rows and two bad ones ---------------
    page = signed_in(browser, live_server.url, owner.user.email)
    supplier_errors = _console_errors(page)
    page.goto("/supplier/catalog/import/")
    expect(page.get_by_role("heading", name="Import catalog")).to_be_visible()
    upload: FilePayload = {
        "name": "harbour-catalog.csv",
        "mimeType": "text/csv",
        "buffer": CATALOG_CSV.encode(),
    }
    page.set_input_files("input[name=file]", files=[upload])
    screenshot(page, "import-form")
    page.get_by_role("button", name="Start import").click()

    page.wait_for_url("**/supplier/catalog/import/*/")
    expect(page.locator("#import-job .badge").first).to_have_text("Succeeded")
    expect(page.locator("progress.import-progress")).to_have_attribute("value", "100")
    facts = page.locator("#import-job dl.facts")
    expect(facts).to_contain_text("5 of 5")
    errors_table = page.locator("#import-job table")
    expect(errors_table.locator("tbody tr")).to_have_count(2)
    expect(errors_table.locator("tbody tr").nth(0)).to_contain_text("5")
    expect(errors_table.locator("tbody tr").nth(0)).to_contain_text("price_tiers")
    expect(errors_table.locator("tbody tr").nth(1)).to_contain_text("6")
    expect(errors_table.locator("tbody tr").nth(1)).to_contain_text("hs_code")
    screenshot(page, "import-done-with-row-errors")
    job = ImportJob.objects.get()
    assert (job.created_count, job.error_count) == (3, 2)
    assert sorted(Product.objects.values_list("sku", flat=True)) == [
        "TB-BALL-5",
        "TB-BASK-7",
        "TB-MAT-6",
    ]

    # --- the supplier (business verified) publishes the ball ------------------------------
    ball = Product.objects.get(sku="TB-BALL-5")
    page.goto(f"/supplier/catalog/{ball.id}/")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_load_state("networkidle")
    ball.refresh_from_db()
    assert ball.status == ProductStatus.PUBLISHED
    screenshot(page, "published")
    assert supplier_errors == []

    # --- a buyer types quantities on the product page ------------------------------------
    shopper = signed_in(browser, live_server.url, buyer.user.email)
    buyer_errors = _console_errors(shopper)
    shopper.goto(_public_path(ball))
    expect(shopper.get_by_role("heading", name=ball.title)).to_be_visible()
    quote = shopper.locator("#quote")
    screenshot(shopper, "product-page")

    shopper.fill("#quantity", "50")
    expect(quote).to_contain_text("The minimum order is 100")
    screenshot(shopper, "below-moq")

    shopper.fill("#quantity", "150")
    expect(quote).to_contain_text("$4.28")
    expect(quote).to_contain_text("$642.00")
    expect(shopper.locator("tr.is-applied")).to_contain_text("100")
    screenshot(shopper, "tier-1")

    shopper.fill("#quantity", "600")
    expect(quote).to_contain_text("$3.21")
    expect(quote).to_contain_text("$1,926.00")
    expect(shopper.locator("tr.is-applied")).to_contain_text("500")
    screenshot(shopper, "tier-2")

    # --- and switches the display currency to euros --------------------------------------
    shopper.select_option("#pref-currency", "EUR")
    shopper.wait_for_load_state("networkidle")
    shopper.fill("#quantity", "600")
    expect(quote).to_contain_text("$1,926.00")
    expect(quote).to_contain_text("€1,800.00")  # 1,926 USD / 1.07 USD per EUR
    expect(quote).to_contain_text("€3.00")  # 3.21 / 1.07
    expect(shopper.locator(".rate-note")).to_contain_text("ECB")
    screenshot(shopper, "tier-2-in-eur")
    assert buyer_errors == []


def _public_path(product: Product) -> str:
    from tradebridge.catalog.web.display import product_url

    return product_url(product)
