"""Disputes in a real browser, at 1280 and 390 px: on a delivered order's page the supplier
answers the buyer's dispute with a counter-offer from the dispute card (HTMX swaps the card),
and the buyer accepts it; the order completes and the refund is booked. Screenshots of every
step go to test-artifacts/screenshots/."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.browser.sessions import signed_in
from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.money import Money
from tradebridge.orders.models import Order
from tradebridge.orders.services.lifecycle import order_dispute_open
from tradebridge.orders.tests.disputes.test_m10_disputes import DELIVERED, delivered_order
from tradebridge.orders.tests.lifecycle.conftest import DAY, Parties, member
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.models import Dispute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Screenshot = Callable[[Page, str], Path]


def _parties(width: int) -> Parties:
    from tradebridge.catalog.tests.factories import SupplierFactory
    from tradebridge.orders.tests.lifecycle.conftest import buyer_company

    buyer, supplier = buyer_company(), SupplierFactory.create()

    def named(company, role, email):
        return MembershipFactory.create(
            company=company, role=role, user=UserFactory.create(email=email)
        )

    return Parties(
        buyer=named(buyer, Role.OWNER, f"jonas.{width}@rhein.example"),
        purchaser=member(buyer, Role.PURCHASER),
        buyer_viewer=member(buyer, Role.VIEWER),
        buyer_sales=member(buyer, Role.SALES),
        supplier=named(supplier, Role.OWNER, f"mei.{width}@harbour.example"),
        sales=member(supplier, Role.SALES),
        supplier_viewer=member(supplier, Role.VIEWER),
        supplier_purchaser=member(supplier, Role.PURCHASER),
        outsider=member(buyer_company()),
        outsider_supplier=member(SupplierFactory.create()),
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_counter_offer_accepted_from_the_dispute_card(
    browser: Browser, live_server, screenshot: Screenshot, width: int
):
    parties = _parties(width)
    order = delivered_order(parties)
    order_dispute_open(
        actor=parties.buyer,
        order_id=order.pk,
        reason="quality",
        description="A quarter of the balls lose air within a day.",
        requested_refund=Money.of("400.00", "EUR"),
        now=DELIVERED + DAY,
    )
    # The order's story ran on a fixed clock; the supplier answers today, within its 3 days.
    Dispute.objects.filter(order_id=order.pk).update(
        respond_by=timezone.now() + 3 * DAY, escalate_by=timezone.now() + 7 * DAY
    )

    supplier = signed_in(browser, live_server.url, parties.supplier.user.email, width=width)
    supplier.goto(f"/orders/{order.pk}/")
    card = supplier.locator("#dispute-panel")
    expect(card).to_contain_text("Awaiting the supplier")
    screenshot(supplier, "supplier-sees-the-dispute")
    card.locator("input[name=counter_refund]").fill("150.00")
    card.locator("form:has([data-action=counter]) input[name=note]").fill("Only 25 balls.")
    card.locator("[data-action=counter]").click()
    expect(supplier.locator("#dispute-panel")).to_contain_text("Supplier counter-offered")
    screenshot(supplier, "supplier-countered")

    buyer = signed_in(browser, live_server.url, parties.buyer.user.email, width=width)
    buyer.goto(f"/orders/{order.pk}/")
    buyer.locator("#dispute-panel [data-action=accept-counter]").click()
    expect(buyer.locator("#dispute-panel")).to_contain_text("Resolved")
    screenshot(buyer, "buyer-accepted")

    dispute = Dispute.objects.get(order_id=order.pk)
    assert (dispute.status, str(dispute.refund_amount)) == (DisputeStatus.RESOLVED, "150.0000")
    assert Order.objects.get(pk=order.pk).status == "completed"
