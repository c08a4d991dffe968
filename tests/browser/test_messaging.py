"""Issue 10's messaging in a real browser, at 1280 and 390 px: a buyer contacts a supplier from
a product page, the supplier sees the unread count in the navigation and replies with a
picture, and the reply appears on the buyer's open page without a reload (HTMX polling).
Screenshots of every step go to test-artifacts/screenshots/."""

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.browser.sessions import signed_in
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.messaging.models import Message, Thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]


def _member(company: Company, role: Role, email: str) -> Membership:
    return MembershipFactory.create(
        company=company, role=role, user=UserFactory.create(email=email)
    )


def _picture() -> FilePayload:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(out, "PNG")
    return {"name": "red-ball.png", "mimeType": "image/png", "buffer": out.getvalue()}


def _product_path(product: Product) -> str:
    from tradebridge.catalog.web.display import product_url

    return product_url(product)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_buyer_contacts_a_supplier_and_sees_the_reply_appear(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    supplier = SupplierFactory.create(slug="harbour-sports", display_name="Harbour Sports")
    ball = ProductFactory.create(supplier=supplier, title="PU Leather Size 5 Soccer Ball")
    sales = _member(supplier, Role.SALES, f"mei.{width}@harbour.example")
    buyer_company = CompanyFactory.create(
        slug="rhein-sport", display_name="Rhein Sport", kind=CompanyKind.BUYER
    )
    buyer = _member(buyer_company, Role.PURCHASER, f"jonas.{width}@rhein.example")

    # --- the buyer writes from the product page ------------------------------------------
    shopper = signed_in(browser, live_server.url, buyer.user.email, width=width)
    shopper.goto(_product_path(ball))
    screenshot(shopper, "product-page-with-contact")
    shopper.get_by_role("link", name="Contact supplier").click()
    expect(shopper.locator("main")).to_contain_text("About: PU Leather Size 5 Soccer Ball")
    shopper.fill("textarea[name=body]", "Can you make 500 balls in red, with our logo?")
    screenshot(shopper, "new-thread-form")
    shopper.get_by_role("button", name="Send").click()
    shopper.wait_for_url("**/messages/*/")
    expect(shopper.locator(".message")).to_have_count(1)
    screenshot(shopper, "buyer-thread")
    thread = Thread.objects.get()
    assert (thread.subject_kind, thread.subject_id) == ("product", ball.id)

    # --- the supplier sees the unread count and replies -----------------------------------
    seller = signed_in(browser, live_server.url, sales.user.email, width=width)
    expect(seller.locator(".header-messages .nav-unread")).to_contain_text("1")  # also on phones
    screenshot(seller, "supplier-unread-badge")
    seller.locator(".header-messages").click()
    expect(seller.locator(".thread-list__item.is-unread")).to_contain_text("Rhein Sport")
    screenshot(seller, "supplier-inbox")
    seller.locator(".thread-list__link").first.click()
    seller.fill("textarea[name=body]", "Yes: 20 days, logo printed. Colour sample attached.")
    seller.set_input_files("input[name=file]", files=[_picture()])
    seller.get_by_role("button", name="Send").click()
    expect(seller.locator(".message")).to_have_count(2)
    screenshot(seller, "supplier-replied")

    # --- the reply appears on the buyer's open page, without a reload ---------------------
    reply = shopper.locator(".message").nth(1)
    expect(reply).to_contain_text("Yes: 20 days", timeout=15_000)
    expect(reply.get_by_role("link", name="red-ball.png")).to_be_visible()
    screenshot(shopper, "buyer-sees-reply")
    assert Message.objects.count() == 2

    # --- the storefront offers the same contact -------------------------------------------
    shopper.goto(f"/suppliers/{supplier.slug}/")
    expect(shopper.get_by_role("link", name="Contact supplier")).to_be_visible()
    screenshot(shopper, "storefront-with-contact")
