"""Issue 11's order and money journey in chromium, through the pages, as the buyer, the two
suppliers and a Tradebridge operator would go through it; once in English, once in French.

1. The buyer adds supplier A's match balls (100: the 100+ tier price) and supplier B's
   goalkeeper gloves (50, and 2 samples from "Buy samples") from the product pages, opens the
   cart (one group per supplier), checks out (new ship-to, PO number, Incoterm): two orders.
   Both suppliers ask a 30 % deposit, the balance before shipment.
2. Supplier A confirms (the proforma invoice appears in the documents card); the buyer's order
   page shows the deposit with its bank payment reference.
3. The operator uploads a CSV bank statement quoting that reference in the back office: the
   deposit is matched, the order is in production (the timeline says so).
4. A marks production done (awaiting balance); the buyer pays the balance by card on the
   sandbox page (ready to ship); A ships with carrier and tracking number (commercial invoice
   and packing list appear); a PDF downloaded from the link is a PDF for both parties, and
   another company gets 404 for the same URL.
5. The buyer confirms receipt: completed, the escrow released; the ledger balances.
6. B's order is brought to delivered through the services (the steps of 2-4), then from the
   pages: the buyer opens a dispute (quality, a requested refund) and uploads evidence, B
   contests, the buyer asks Tradebridge to decide, the operator decides a partial refund on
   the dispute screen; the order completes, the rest is released, released + refunded = paid.

Each step is screenshotted at 1280 px; the cart, checkout, order page and dispute card also at
390 px (test-artifacts/screenshots/order-journey-<language>-<nn>-<step>-<width>.png), each shot
checked by axe-core and for sideways scrolling.
"""

import logging
import re
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser.checks import SCREENSHOTS, BrowserChecks
from tests.browser.sessions import open_page, signed_in
from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, OperatorFactory, UserFactory
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.catalog.web.display import product_url
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.money import Money
from tradebridge.orders.enums import BalanceDue, OrderStatus
from tradebridge.orders.models import Order, Purchase
from tradebridge.orders.services.lifecycle import (
    order_confirm,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
from tradebridge.orders.services.terms import supplier_terms_set
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.models import Dispute, DisputeEvidence, IncomingTransfer
from tradebridge.payments.selectors import escrow_summary
from tradebridge.payments.services.escrow import instalment_payment_apply
from tradebridge.payments.services.ledger import ledger_check

LOG = logging.getLogger(__name__)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, PHONE = 1280, 390
PNG = (  # a 1x1 PNG: the buyer's photo of a flat ball
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
# The elements reaching past the right edge of the screen (what makes a page scroll sideways).
TOO_WIDE = """() => Array.from(document.querySelectorAll("body *")).filter(element =>
    element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .slice(0, 8).map(element => `${element.tagName}.${element.className}#${element.id}`)"""


@dataclass
class Cast:
    buyer: Membership
    supplier_a: Membership
    supplier_b: Membership
    outsider: Membership  # another buyer: every page and PDF of the orders is 404 to it
    ball: Product  # supplier A's: 10+ at 5.00 EUR, 100+ at 4.00 EUR
    gloves: Product  # supplier B's: 50+ at 12.00 EUR, samples at 2.00 EUR


@dataclass
class Shots:
    """Numbered screenshots of one run; each also an axe check and a sideways-scroll check."""

    language: str
    checks: BrowserChecks
    taken: int = 0

    def __call__(self, page: Page, step: str, *, phone: bool = False) -> None:
        self.taken += 1
        for width in (WIDE, PHONE) if phone else (WIDE,):
            page.set_viewport_size({"width": width, "height": 860})
            name = f"order-journey-{self.language}-{self.taken:02d}-{step}-{width}.png"
            page.screenshot(path=SCREENSHOTS / name, full_page=True)
            self.checks.check(page)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{step}: {wide} px at {width} px: {page.evaluate(TOO_WIDE)}"
        page.set_viewport_size({"width": WIDE, "height": 860})


@pytest.fixture
def shots(request: pytest.FixtureRequest, browser_checks: BrowserChecks) -> Shots:
    language = request.node.callspec.params["language"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"order-journey-{language}-*.png"):
        old.unlink()
    return Shots(language, browser_checks)


def _member(company: Company, email: str, language: str = "en") -> Membership:
    user = UserFactory.create(email=email, preferred_language=language)
    return MembershipFactory.create(company=company, role=Role.OWNER, user=user)


def _supplier(slug: str, name: str, country: str) -> Company:
    return SupplierFactory.create(
        slug=slug, display_name=name, country=country, default_currency="EUR"
    )


def _cast(language: str) -> Cast:
    buyer = CompanyFactory.create(
        kind=CompanyKind.BUYER, slug="lyon-sport", display_name="Lyon Sport", country="FR"
    )
    xiamen = _supplier("xiamen-balls", "Xiamen Balls", "CN")
    porto = _supplier("porto-gloves", "Porto Gloves", "PT")
    cast = Cast(
        buyer=_member(buyer, "claire@lyon-sport.example", language),
        supplier_a=_member(xiamen, "mei@xiamen-balls.example"),
        supplier_b=_member(porto, "rui@porto-gloves.example"),
        outsider=_member(
            CompanyFactory.create(kind=CompanyKind.BUYER, display_name="Nosy Trading"),
            "nosy@nosy.example",
        ),
        ball=ProductFactory.create(
            supplier=xiamen,
            title="Match ball size 5",
            tiers=[(10, "5.00"), (100, "4.00")],
            stock=500,
            weight_kg=Decimal("0.45"),
            units_per_carton=50,
        ),
        gloves=ProductFactory.create(
            supplier=porto,
            title="Goalkeeper gloves",
            tiers=[(50, "12.00")],
            sample_available=True,
            sample_price=Decimal("2.00"),
        ),
    )
    for supplier in (cast.supplier_a, cast.supplier_b):  # 30 % deposit, balance before shipment
        supplier_terms_set(
            actor=supplier, deposit_percent="30", balance_due=BalanceDue.BEFORE_SHIPMENT
        )
    return cast


def _operator(browser: Browser, base_url: str) -> Page:
    """The operator signs in through the same form and lands on the back office."""
    OperatorFactory.create(email="ops@tradebridge.example.com")
    page = open_page(browser, base_url)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "ops@tradebridge.example.com")
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def _status(page: Page, status: str) -> None:
    expect(page.locator("#order-status")).to_have_attribute("data-status", status)


def _action(page: Page, order: Order, action: str, shots: Shots, **fields: str) -> None:
    """An order action from the order page: its button, its confirmation page, back."""
    page.goto(f"/orders/{order.pk}/")
    page.locator(f"#order-actions [data-action={action}]").click()
    expect(page.locator("#action-card")).to_have_attribute("data-action", action)
    for name, value in fields.items():
        page.fill(f"#action-form [name={name}]", value)
    shots(page, f"{action}-form")
    page.click("#confirm-action")
    page.wait_for_url(f"**/orders/{order.pk}/")


# --- 1. cart and checkout ----------------------------------------------------------------------


def _fill_cart(page: Page, cast: Cast, shots: Shots) -> None:
    page.goto(product_url(cast.ball))
    page.fill("#buy-quantity", "100")
    expect(page.locator("#buy-price")).to_contain_text(re.compile(r"4[.,]00"))  # the 100+ tier
    shots(page, "buyer-product-a")
    page.click("#add-to-cart")
    expect(page.locator("#header-cart [data-cart-count]")).to_have_attribute("data-cart-count", "1")

    page.goto(product_url(cast.gloves))
    page.fill("#buy-quantity", "50")
    expect(page.locator("#buy-price")).to_contain_text(re.compile(r"600[.,]00"))
    page.click("#add-to-cart")
    expect(page.locator("#header-cart [data-cart-count]")).to_have_attribute("data-cart-count", "2")
    page.goto(product_url(cast.gloves))
    page.fill("#sample-quantity", "2")
    shots(page, "buyer-product-b-samples")
    page.click("#buy-samples")
    expect(page.locator("#header-cart [data-cart-count]")).to_have_attribute("data-cart-count", "3")

    page.goto("/cart/")
    expect(page.locator(".cart-group")).to_have_count(2)
    a = page.locator(".cart-group[data-supplier='xiamen-balls']")
    b = page.locator(".cart-group[data-supplier='porto-gloves']")
    expect(a.locator("[data-group-total]")).to_contain_text(re.compile(r"400[.,]00"))
    expect(b.locator("tbody tr")).to_have_count(2)
    expect(b.locator("tr[data-sample]")).to_have_count(1)
    expect(b.locator("[data-group-total]")).to_contain_text(re.compile(r"604[.,]00"))
    shots(page, "buyer-cart", phone=True)


def _check_out(page: Page, shots: Shots) -> tuple[Order, Order]:
    page.click("#checkout")
    expect(page.locator(".review-order")).to_have_count(2)
    page.check("#address-new")
    page.fill("#id_ship-name", "Lyon Sport, entrepôt")
    page.fill("#id_ship-line1", "12 quai Rambaud")
    page.fill("#id_ship-postal_code", "69002")
    page.fill("#id_ship-city", "Lyon")
    page.select_option("#id_ship-country", "FR")
    page.fill("#id_po_number", "PO-2026-118")
    page.select_option("#id_incoterm", "FOB")
    page.fill("#id_named_place", "Xiamen")
    shots(page, "buyer-checkout", phone=True)
    page.click("#place-orders")
    expect(page.locator("#placed-orders tbody tr")).to_have_count(2)
    shots(page, "buyer-orders-placed")
    purchase = Purchase.objects.get()
    orders = {o.supplier.slug: o for o in Order.objects.filter(purchase=purchase)}
    a, b = orders["xiamen-balls"], orders["porto-gloves"]
    assert (a.total, b.total) == (Decimal("400.0000"), Decimal("604.0000"))
    assert (a.po_number, a.incoterm, a.named_place, a.ship_to_city) == (
        "PO-2026-118",
        "FOB",
        "Xiamen",
        "Lyon",
    )
    assert (a.deposit_percent, b.deposit_percent) == (Decimal(30), Decimal(30))
    return a, b


# --- 2-5. supplier A's order, paid by bank transfer and card ----------------------------------


def _confirm(seller: Page, order: Order, shots: Shots) -> None:
    seller.goto("/supplier/orders/")
    seller.locator(f"a[href='/orders/{order.pk}/']").first.click()
    _status(seller, OrderStatus.AWAITING_CONFIRMATION)
    _action(seller, order, "confirm", shots)
    _status(seller, OrderStatus.AWAITING_DEPOSIT)
    expect(seller.locator("#documents [data-kind=proforma_invoice] a")).to_be_visible()
    shots(seller, "supplier-a-confirmed")


def _deposit_reference(buyer: Page, order: Order, shots: Shots) -> str:
    buyer.goto(f"/orders/{order.pk}/")
    _status(buyer, OrderStatus.AWAITING_DEPOSIT)
    deposit = buyer.locator("#instalments tr[data-instalment=deposit]")
    expect(deposit).to_have_attribute("data-status", "pending")
    expect(deposit).to_contain_text(re.compile(r"120[.,]00"))
    expect(buyer.locator("#bank-transfer-instructions")).to_be_visible()
    shots(buyer, "buyer-deposit-due", phone=True)
    return deposit.locator(".mono").inner_text().strip()


def _operator_imports(operator: Page, reference: str, shots: Shots, tmp: Path) -> None:
    statement = tmp / "statement.csv"
    day = timezone.localdate().isoformat()
    statement.write_text(
        "Value date;Amount;Currency;Reference;Payer;Entry id\n"
        f"{day};120.00;EUR;Invoice {reference} Lyon Sport;LYON SPORT SARL;E-1\n"
    )
    operator.goto("/admin/payments/incomingtransfer/upload-statement/")
    operator.set_input_files("input[type=file][name=file]", str(statement))
    operator.click("input[type=submit]")
    expect(operator.locator("#import-summary")).to_be_visible()
    shots(operator, "operator-statement-imported")
    transfer = IncomingTransfer.objects.get()
    assert (transfer.status, transfer.source, transfer.applied_amount) == (
        "matched",
        "csv",
        Decimal("120.0000"),
    )


def _pay_balance_by_card(buyer: Page, order: Order, shots: Shots) -> None:
    buyer.goto(f"/orders/{order.pk}/")
    _status(buyer, OrderStatus.AWAITING_BALANCE)
    balance = buyer.locator("#instalments tr[data-instalment=balance]")
    expect(balance).to_contain_text(re.compile(r"280[.,]00"))
    shots(buyer, "buyer-balance-due")
    buyer.locator("#card-payment button[type=submit]").first.click()
    expect(buyer.locator("#sandbox-amount")).to_contain_text(re.compile(r"280[.,]00"))
    shots(buyer, "buyer-sandbox-card-page")
    buyer.click("#sandbox-pay")
    buyer.wait_for_url(f"**/orders/{order.pk}/")
    _status(buyer, OrderStatus.READY_TO_SHIP)
    expect(buyer.locator("#timeline li[data-event=balance_paid]")).to_have_count(1)
    shots(buyer, "buyer-balance-paid")


def _documents_for_two_parties(
    buyer: Page, seller: Page, outsider: Page, order: Order, tmp: Path
) -> None:
    """The commercial invoice, downloaded through the link by both parties, is a PDF; another
    company asks for the same URL and gets 404."""
    url = ""
    for who, page in (("buyer", buyer), ("supplier", seller)):
        page.goto(f"/orders/{order.pk}/")
        link = page.locator("#documents [data-kind=commercial_invoice] a")
        url = link.get_attribute("href") or ""
        with page.expect_download() as download:
            link.click()
        saved = tmp / f"{who}.pdf"
        download.value.save_as(saved)
        assert saved.read_bytes().startswith(b"%PDF-"), who
    assert url.endswith("/documents/commercial-invoice.pdf"), url
    assert outsider.context.request.get(url).status == 404
    assert outsider.context.request.get(f"/orders/{order.pk}/").status == 404


def _journey_a(pages: dict[str, Page], cast: Cast, order: Order, shots: Shots, tmp: Path) -> None:
    buyer, seller, operator = pages["buyer"], pages["supplier_a"], pages["operator"]
    _confirm(seller, order, shots)
    reference = _deposit_reference(buyer, order, shots)
    _operator_imports(operator, reference, shots, tmp)

    buyer.goto(f"/orders/{order.pk}/")
    _status(buyer, OrderStatus.IN_PRODUCTION)
    expect(buyer.locator("#timeline li[data-event=deposit_paid]")).to_have_count(1)
    expect(buyer.locator("#timeline li[data-event=production_started]")).to_have_count(1)
    expect(buyer.locator("#instalments tr[data-instalment=deposit]")).to_have_attribute(
        "data-status", "paid"
    )
    shots(buyer, "buyer-in-production")

    _action(seller, order, "production-done", shots)
    _status(seller, OrderStatus.AWAITING_BALANCE)
    _pay_balance_by_card(buyer, order, shots)

    _action(seller, order, "ship", shots, carrier="COSCO", tracking_number="COSU6182739450")
    _status(seller, OrderStatus.SHIPPED)
    expect(seller.locator("#order-tracking")).to_have_text("COSU6182739450")
    for kind in ("commercial_invoice", "packing_list"):
        expect(seller.locator(f"#documents [data-kind={kind}] a")).to_be_visible()
    shots(seller, "supplier-a-shipped")
    _documents_for_two_parties(buyer, seller, pages["outsider"], order, tmp)

    _action(buyer, order, "confirm-receipt", shots)
    _status(buyer, OrderStatus.COMPLETED)
    expect(buyer.locator("#order-payments")).to_have_attribute("data-escrow-status", "released")
    expect(buyer.locator("#timeline li[data-event=receipt_confirmed]")).to_have_count(1)
    shots(buyer, "buyer-completed", phone=True)
    summary = escrow_summary(order_id=order.pk)
    assert (summary.deposited.amount, summary.released.amount, summary.held.amount) == (
        Decimal("400.00"),
        Decimal("400.00"),
        Decimal("0.00"),
    )


# --- 6. supplier B's order: a dispute ending in a partial refund ------------------------------


def _deliver_through_services(cast: Cast, order: Order) -> None:
    """The steps the first order took through the pages, here through the services."""
    order_confirm(actor=cast.supplier_b, order_id=order.pk)
    _pay(order, "deposit")
    order_production_done(actor=cast.supplier_b, order_id=order.pk)
    _pay(order, "balance")
    order_ship(
        actor=cast.supplier_b, order_id=order.pk, carrier="DHL", tracking_number="JD0146000034"
    )
    order_mark_delivered(actor=cast.supplier_b, order_id=order.pk)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.DELIVERED


def _pay(order: Order, kind: str) -> None:
    view = next(v for v in escrow_summary(order_id=order.pk).instalments if v.kind == kind)
    instalment_payment_apply(
        instalment_id=view.id,
        amount=Money(view.amount.amount - view.paid_amount.amount, order.currency),
        key=f"journey:{view.id}",
        source="manual",
    )


def _buyer_disputes(buyer: Page, order: Order, shots: Shots) -> Dispute:
    buyer.goto(f"/orders/{order.pk}/")
    buyer.locator("#order-actions [data-action=dispute]").click()
    buyer.select_option("#action-form [name=reason]", "quality")
    buyer.fill("#action-form [name=description]", "12 pairs of the 50 have split seams.")
    buyer.fill("#action-form [name=requested_refund]", "300.00")
    shots(buyer, "buyer-dispute-form", phone=True)
    buyer.click("#confirm-action")
    buyer.wait_for_url(f"**/orders/{order.pk}/")
    _status(buyer, OrderStatus.DISPUTED)
    panel = buyer.locator("#dispute-panel")
    expect(panel).to_have_attribute("data-status", DisputeStatus.AWAITING_SUPPLIER)
    panel.locator("input[type=file][name=file]").set_input_files(
        {"name": "split-seams.png", "mimeType": "image/png", "buffer": PNG}
    )
    panel.locator("form:has([data-action=evidence]) input[name=note]").fill("Pair 7, left hand")
    panel.locator("[data-action=evidence]").click()
    expect(buyer.locator("#dispute-evidence li[data-side=buyer]")).to_have_count(1)
    shots(buyer, "buyer-dispute-opened", phone=True)
    return Dispute.objects.get(order_id=order.pk)


def _supplier_contests(seller: Page, order: Order, shots: Shots) -> None:
    seller.goto(f"/orders/{order.pk}/")
    panel = seller.locator("#dispute-panel")
    expect(panel.locator("#dispute-evidence")).to_contain_text("split-seams.png")
    panel.locator("form:has([data-action=contest]) input[name=note]").fill(
        "The seams were checked before packing; photos of the shipment attached."
    )
    panel.locator("[data-action=contest]").click()
    expect(seller.locator("#dispute-panel")).to_have_attribute(
        "data-status", DisputeStatus.SUPPLIER_COUNTERED
    )
    shots(seller, "supplier-b-contested", phone=True)


def _buyer_escalates(buyer: Page, order: Order, shots: Shots) -> None:
    buyer.goto(f"/orders/{order.pk}/")
    buyer.locator("#dispute-panel [data-action=escalate]").click()
    expect(buyer.locator("#dispute-panel")).to_have_attribute(
        "data-status", DisputeStatus.ESCALATED
    )
    shots(buyer, "buyer-escalated", phone=True)


def _operator_decides(operator: Page, dispute: Dispute, shots: Shots) -> None:
    operator.goto("/admin/payments/dispute/")
    operator.locator(f"a[href='/admin/payments/dispute/{dispute.pk}/decide/']").click()
    expect(operator.locator("#dispute-held")).to_contain_text("604")
    operator.check("input[name=resolution][value=partial_refund]")
    operator.fill("input[name=refund_amount]", "150.00")
    operator.fill(
        "textarea[name=note]",
        "Photos show 12 damaged pairs; the supplier's check "
        "covers only the packing. A refund of the damaged pairs, 12.50 each.",
    )
    shots(operator, "operator-decides")
    operator.click("input[type=submit][value=Decide]")
    operator.wait_for_url("**/admin/payments/dispute/")
    shots(operator, "operator-decided")


def _journey_b(pages: dict[str, Page], cast: Cast, order: Order, shots: Shots) -> None:
    _deliver_through_services(cast, order)
    buyer, seller = pages["buyer"], pages["supplier_b"]
    dispute = _buyer_disputes(buyer, order, shots)
    _supplier_contests(seller, order, shots)
    _buyer_escalates(buyer, order, shots)
    _operator_decides(pages["operator"], dispute, shots)

    buyer.goto(f"/orders/{order.pk}/")
    _status(buyer, OrderStatus.COMPLETED)
    expect(buyer.locator("#dispute-panel")).to_have_attribute("data-status", "resolved")
    expect(buyer.locator("#dispute-resolution")).to_contain_text(re.compile(r"150[.,]00"))
    expect(buyer.locator("#order-payments")).to_contain_text(re.compile(r"454[.,]00"))
    shots(buyer, "buyer-dispute-resolved", phone=True)

    dispute = Dispute.objects.get(pk=dispute.pk)
    assert (dispute.status, dispute.resolution, dispute.refund_amount) == (
        DisputeStatus.RESOLVED,
        "partial_refund",
        Decimal("150.0000"),
    )
    assert DisputeEvidence.objects.filter(dispute=dispute).count() == 1
    summary = escrow_summary(order_id=order.pk)
    assert (summary.deposited.amount, summary.refunded.amount, summary.released.amount) == (
        Decimal("604.00"),
        Decimal("150.00"),
        Decimal("454.00"),
    )
    assert summary.released.amount + summary.refunded.amount == summary.deposited.amount


# --- the journey -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_order_journey(
    browser: Browser, live_server, shots: Shots, tmp_path: Path, language: str
):
    cache.clear()  # sign-in rate limits of an earlier test
    started = time.monotonic()
    cast = _cast(language)
    base = live_server.url
    buyer = signed_in(browser, base, cast.buyer.user.email)
    expect(buyer.locator("html")).to_have_attribute("lang", re.compile(f"^{language}"))
    _fill_cart(buyer, cast, shots)
    order_a, order_b = _check_out(buyer, shots)
    pages = {
        "buyer": buyer,
        "supplier_a": signed_in(browser, base, cast.supplier_a.user.email),
        "supplier_b": signed_in(browser, base, cast.supplier_b.user.email),
        "outsider": signed_in(browser, base, cast.outsider.user.email),
        "operator": _operator(browser, base),
    }
    _journey_a(pages, cast, order_a, shots, tmp_path)
    assert ledger_check().ok, ledger_check().differences
    first = time.monotonic() - started

    _journey_b(pages, cast, order_b, shots)
    report = ledger_check()
    assert report.ok, report.differences
    LOG.info(
        "order journey %s: bank and card %.1f s, dispute %.1f s",
        language,
        first,
        time.monotonic() - started - first,
    )
