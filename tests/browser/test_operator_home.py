"""Issue 9, the operator's back office in a real browser, at 1280 and 390 px: an operator who
signs in lands on the home that counts what waits for review and warns about stale rates.
Screenshots go to test-artifacts/screenshots/<test>/."""

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, OperatorFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.services import verification_document_upload
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.companies.tests.files import PDF
from tradebridge.core.models import FxRate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]


def _waiting_work() -> None:
    owner = MembershipFactory.create(
        company=CompanyFactory.create(display_name="Alpha Trading"), role=Role.OWNER
    )
    verification_document_upload(
        actor=owner, kind="business_licence", file=io.BytesIO(PDF), filename="licence.pdf"
    )
    ProductFactory.create(title="TPU ball", status=ProductStatus.PENDING_REVIEW)
    CompanyFactory.create(display_name="Shady Goods", is_active=False)
    FxRate.objects.create(date=date(2026, 10, 30), currency="USD", rate=Decimal("1.1172"))


@pytest.mark.parametrize("width", [1280, 390])
def test_an_operator_signs_in_to_the_back_office_home(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    cache.clear()  # sign-in rate limits of an earlier test
    _waiting_work()
    OperatorFactory.create(email="ops@tradebridge.example.com")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()

    page.goto("/accounts/login/")
    page.locator("[name=login]").fill("ops@tradebridge.example.com")
    page.locator("[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("#site-name")).to_have_text("Tradebridge operations")
    queue = page.locator("#operator-home")
    expect(queue.get_by_role("row")).to_have_text(
        [
            "Verification documents to review 1",
            "Changes of kind to review 0",
            "Products pending review 1",
            "Suspended companies 1",
            "Reported messages to review 0",
            "Reported RFQs to review 0",
            "Bank transfers held for review 0",
            "Suppliers owed a payout 0",
        ]
    )
    expect(page.locator(".tb-rates-stale")).to_contain_text("The newest exchange rates are from")
    screenshot(page, f"operator-home-{width}")

    queue.get_by_role("link", name="Products pending review").click()

    expect(page.locator("#result_list")).to_contain_text("TPU ball")
    screenshot(page, f"operator-products-pending-{width}")
