"""Issue 9, item 13 in a real browser: a signed-in buyer sees prices in their company's currency
from the first page; the quantity they type survives switching the currency (the price box puts
it in the page's address, and the currency form returns there); the sample price is converted.
"""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.catalog.web.display import product_url
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.models import FxRate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_buyer_types_a_quantity_and_switches_currency(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    day = timezone.localdate() - timedelta(days=1)
    for currency, rate in {"USD": "1.0700", "GBP": "0.84250"}.items():
        FxRate.objects.create(date=day, currency=currency, rate=Decimal(rate))
    ball = ProductFactory.create(
        supplier=SupplierFactory.create(),
        currency="USD",
        tiers=[(100, "4.28"), (500, "3.21")],
        sample_available=True,
        sample_price=Decimal("21.40"),
    )
    buyer = CompanyFactory.create(kind=CompanyKind.BUYER, default_currency="EUR")
    member = MembershipFactory.create(company=buyer, role=Role.PURCHASER, user=UserFactory.create())
    client = Client()
    client.force_login(member.user)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="en-GB"
    )
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    quote = page.locator("#quote")

    page.goto(product_url(ball))
    expect(page.locator("#pref-currency")).to_have_value("EUR")
    expect(quote).to_contain_text("€400.00")  # 100 x 4.28 USD / 1.07
    expect(page.locator(".sample-converted")).to_have_text("≈ €20.00")
    page.fill("#quantity", "600")
    expect(quote).to_contain_text("€1,800.00")  # 600 x 3.21 / 1.07
    page.wait_for_url("**?quantity=600")
    screenshot(page, f"eur-600-{width}")

    page.select_option("#pref-currency", "GBP")
    page.wait_for_url("**?quantity=600")
    expect(page.locator("#pref-currency")).to_have_value("GBP")
    expect(page.locator("#quantity")).to_have_value("600")
    expect(quote).to_contain_text("£1,516.50")  # 1,926 USD / 1.07 x 0.8425
    expect(page.locator(".sample-converted")).to_have_text("≈ £16.85")
    screenshot(page, f"gbp-600-{width}")
    context.close()
