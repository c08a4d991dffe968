"""The dispute, sandbox and operator payments pages in a real browser, at 1280 and 390 px, in
English and French: the buyer's page of a contested dispute (its badge says "contested", never
"counter-offered") with the evidence form, the sandbox card page and its way back to the order,
and the operator's disputes list. No page scrolls sideways. Screenshots go to
test-artifacts/screenshots/<test>/."""

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.sessions import signed_in
from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, OperatorFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.payments.models import Dispute
from tradebridge.payments.services.dispute_evidence import dispute_evidence_add
from tradebridge.payments.services.disputes import dispute_escalate, dispute_respond
from tradebridge.payments.services.provider_payments import provider_payment_start
from tradebridge.payments.tests.disputes.conftest import Case, open_dispute, paid_case
from tradebridge.payments.tests.providers.conftest import trade_open

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]
WIDTHS = [1280, 390]
CONTESTED = {"en": "Supplier contested", "fr": "Contestation du fournisseur"}
BACK = {"en": "Back to the order", "fr": "Retour à la commande"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _owner(company, email: str, language: str):
    member = MembershipFactory.create(company=company, role=Role.OWNER, user__email=email)
    member.user.preferred_language = language
    member.user.save(update_fields=["preferred_language"])
    return member


def _contested(case: Case, supplier) -> Dispute:
    dispute = open_dispute(case, now=timezone.now())
    dispute_respond(
        actor=supplier,
        dispute_id=dispute.pk,
        response="contest",
        note="Every mat left our warehouse intact; the carrier's photos show it.",
    )
    dispute_evidence_add(
        actor=supplier,
        dispute_id=dispute.pk,
        file=io.BytesIO(PDF),
        filename="warehouse-inspection-report-2027-01-08.pdf",
        note="Signed by the inspector at loading.",
    )
    return dispute


def _fits(page: Page) -> None:
    """Nothing wider than the window: no sideways scrolling."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls {overflow} px sideways"


def _inside(inner: Locator, outer: Locator) -> None:
    box, frame = inner.bounding_box(), outer.bounding_box()
    assert box is not None
    assert frame is not None
    assert box["x"] >= frame["x"]
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_buyer_reads_a_contested_dispute_and_adds_evidence(
    browser: Browser, live_server, screenshot: Screenshot, width: int, language: str
):
    case = paid_case()
    buyer = _owner(case.buyer, f"jonas.{width}.{language}@rhein.example", language)
    dispute = _contested(case, case.sales)

    page = signed_in(browser, live_server.url, buyer.user.email, width=width)
    page.goto(f"/disputes/{dispute.pk}/")

    badge = page.locator("#dispute-status")
    expect(badge).to_have_text(CONTESTED[language])
    expect(badge).to_have_attribute("data-stage", "supplier_contested")
    expect(badge).to_have_class("badge badge--danger")
    screenshot(page, "buyer-sees-the-contest")
    panel = page.locator("#dispute-panel")
    for button in page.locator("#dispute-actions button").all():
        _inside(button, panel)
    form = page.locator("form:has([data-action=evidence])")
    form.scroll_into_view_if_needed()
    for field in ("input[name=file]", "input[name=note]", "[data-action=evidence]"):
        _inside(form.locator(field), panel)
    _fits(page)
    form.screenshot(path=screenshot(page, "evidence-form").with_name("evidence-form-only.png"))

    form.locator("input[name=file]").set_input_files(
        {"name": "torn-mats.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    form.locator("input[name=note]").fill("Photos of the torn mats, taken on delivery.")
    form.locator("[data-action=evidence]").click()
    expect(page.locator("#dispute-evidence li")).to_have_count(2)
    expect(page.locator("#dispute-status")).to_have_text(CONTESTED[language])
    _fits(page)
    screenshot(page, "evidence-added")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_sandbox_page_leads_back_to_the_order(
    browser: Browser, live_server, screenshot: Screenshot, width: int, language: str
):
    paying = paid_case()  # only for its companies
    buyer = _owner(paying.buyer, f"ana.{width}.{language}@rhein.example", language)
    hold = trade_open(paying.buyer, paying.supplier)
    payment = provider_payment_start(
        actor=buyer,
        order_id=hold.order_id,
        instalment_id=hold.instalments.order_by("position").first().pk,
        provider="sandbox",
    )

    page = signed_in(browser, live_server.url, buyer.user.email, width=width)
    page.goto(f"/payments/sandbox/{payment.provider_payment_id}/?next=/orders/")

    back = page.get_by_role("link", name=BACK[language])
    expect(back).to_be_visible()
    pay = page.locator("#sandbox-pay")
    back_box, pay_box = back.bounding_box(), pay.bounding_box()
    assert back_box is not None
    assert pay_box is not None
    # The link sits apart from the buttons, not squeezed under them.
    assert back_box["y"] >= pay_box["y"] + pay_box["height"] + 12
    _fits(page)
    screenshot(page, "sandbox-page")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_operator_disputes_list_fits(
    browser: Browser, live_server, screenshot: Screenshot, width: int, language: str
):
    cache.clear()  # sign-in rate limits of an earlier test
    contested, escalated, waiting = paid_case(), paid_case(), paid_case()
    _contested(contested, contested.sales)
    dispute_escalate(
        actor=escalated.purchaser,
        dispute_id=_contested(escalated, escalated.sales).pk,
    )
    open_dispute(waiting, now=timezone.now())
    operator = OperatorFactory.create(email=f"ops.{width}.{language}@tradebridge.example.com")
    operator.preferred_language = language
    operator.save(update_fields=["preferred_language"])
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("[name=login]").fill(operator.email)
    page.locator("[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/admin/")

    page.goto("/admin/payments/dispute/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    stages = page.locator("#result_list [data-stage]")
    expect(stages.first).to_have_attribute("data-stage", "escalated")
    expect(page.locator('#result_list [data-stage="supplier_contested"]')).to_have_text(
        CONTESTED[language]
    )
    _fits(page)
    table, results = page.locator("#result_list"), page.locator(".results")
    table_width = table.evaluate("t => t.scrollWidth")
    results_width = results.evaluate("r => r.clientWidth")
    assert table_width <= results_width, f"the table is {table_width} px in {results_width} px"
    screenshot(page, "operator-disputes")
