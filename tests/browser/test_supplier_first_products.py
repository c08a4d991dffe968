"""Issue 9, item 11, in a real browser: a new supplier's dashboard lists the steps to sell
(get verified, add or import products, publish them); the import page links the file format
and a CSV template; the supplier imports the template and publishes the drafts in bulk from the
catalog list; a verified supplier is offered publishing on import. At 1280 and 390 px;
screenshots in test-artifacts/screenshots/."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.browser.sessions import signed_in
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.services import categories_load
from tradebridge.catalog.taxonomy import read_taxonomy
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]
OWNER = "mei.lin@harbour-sports.example"


def _supplier() -> Company:
    if not Category.objects.filter(id=1112).exists():  # a flushed database after another test
        categories_load(nodes=read_taxonomy())
    company = CompanyFactory.create(
        slug="harbour-sports",
        legal_name="Xiamen Harbour Sports Goods Co., Ltd.",
        display_name="Harbour Sports",
        kind=CompanyKind.SUPPLIER,
        country="CN",
        default_currency="USD",
        verification_level=VerificationLevel.EMAIL_VERIFIED,
    )
    MembershipFactory.create(company=company, role=Role.OWNER, user=UserFactory.create(email=OWNER))
    return company


def _step(page: Page, key: str):
    return page.locator(f"li[data-step={key}]")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_new_supplier_imports_the_template_and_publishes_in_bulk(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    company = _supplier()
    page = signed_in(browser, live_server.url, OWNER, width=width)

    # the dashboard's checklist, nothing done yet but the e-mail level
    for key in ("verify", "products", "publish"):
        expect(_step(page, key)).not_to_have_class("is-done")
    expect(page.get_by_text("E-mail verified").first).to_be_visible()
    screenshot(page, f"dashboard-steps-{width}")

    # the import page: the format page and the template
    _step(page, "products").get_by_role("link", name="Start").click()
    page.wait_for_url("**/supplier/catalog/import/")
    expect(page.locator('input[name="publish"]')).to_have_count(0)  # not verified yet
    page.get_by_role("link", name="The file format: every column, with examples").click()
    expect(page.get_by_role("heading", name="Catalog file format")).to_be_visible()
    screenshot(page, f"file-format-{width}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the CSV template").first.click()
    template = Path(download_info.value.path()).read_bytes()
    assert template.startswith(b'"sku","variant_of","options","title"')

    page.goto("/supplier/catalog/import/")
    upload: FilePayload = {"name": "template.csv", "mimeType": "text/csv", "buffer": template}
    page.set_input_files("input[name=file]", files=[upload])
    screenshot(page, f"import-form-{width}")
    page.get_by_role("button", name="Start import").click()
    page.wait_for_url("**/supplier/catalog/import/*/")
    expect(page.locator("#import-job .badge").first).to_have_text("Succeeded")
    expect(page.get_by_role("button", name="Send every draft from this import for review"))
    screenshot(page, f"import-done-{width}")

    # bulk publish from the catalog list: not verified, so the drafts go to review
    page.goto("/supplier/catalog/")
    screenshot(page, f"catalog-{width}")
    page.get_by_label("Select BALL-5").check()
    screenshot(page, f"catalog-selected-{width}")
    page.get_by_role("button", name="Publish selected").click()
    expect(page.get_by_text("1 product sent for review: it will be public once approved."))
    assert Product.objects.get(sku="BALL-5").status == ProductStatus.PENDING_REVIEW
    screenshot(page, f"catalog-sent-for-review-{width}")

    # once verified, publishing on import is offered, and the dashboard ticks the steps
    Company.objects.filter(id=company.id).update(
        verification_level=VerificationLevel.BUSINESS_VERIFIED
    )
    page.goto("/supplier/catalog/import/")
    expect(page.locator('input[name="publish"]')).to_have_count(1)
    screenshot(page, f"import-form-verified-{width}")
    page.goto("/supplier/catalog/")
    page.get_by_label("Select BALL-5").check()
    page.get_by_role("button", name="Publish selected").click()
    expect(page.get_by_text("1 product published."))
    page.goto("/dashboard/")
    for key in ("verify", "products", "publish"):
        expect(_step(page, key)).to_have_class("is-done")
    screenshot(page, f"dashboard-done-{width}")
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_buyer_asks_to_sell_and_waits_for_the_operator(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    company = _supplier()
    Company.objects.filter(id=company.id).update(kind=CompanyKind.BUYER)
    page = signed_in(browser, live_server.url, OWNER, width=width)

    page.goto("/company/settings/")
    page.select_option("select[name=kind]", CompanyKind.BOTH)
    page.get_by_role("button", name="Save changes").click()

    expect(page.locator("[data-kind-change=pending]")).to_contain_text(
        "You asked to become: Buyer and supplier."
    )
    expect(page.locator("select[name=kind]")).to_have_value(CompanyKind.BOTH)
    assert Company.objects.get(id=company.id).kind == CompanyKind.BUYER
    screenshot(page, f"kind-change-pending-{width}")
    page.context.close()
