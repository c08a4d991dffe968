"""The demo's orders and money: every order status, disputes in three states, bank transfers
matched, part-paid, over-paid and held, card payments, a paid payout batch with balances still
owed, a webhook endpoint with its delivery log; the ledger balances; loaded once."""

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.core.models import FxRate
from tradebridge.demo.catalogs.loader import load_catalogs
from tradebridge.demo.history.actors import membership, supplier
from tradebridge.demo.history.loader import load_history
from tradebridge.demo.history.order_scenes import DEMO_ORDERS, LATER_ORDERS, WEBHOOK_SUPPLIER
from tradebridge.demo.history.orders import load_orders
from tradebridge.demo.marketplace import DEMO_COMPANIES, load_people_and_companies
from tradebridge.orders.enums import OrderSource, OrderStatus
from tradebridge.orders.models import Order, OrderEvent, Purchase
from tradebridge.orders.selectors import order_list_for_company
from tradebridge.payments.enums import (
    AccountKind,
    DisputeResolution,
    DisputeStatus,
    PayoutBatchStatus,
    ProviderPaymentStatus,
    TransferStatus,
)
from tradebridge.payments.models import (
    Dispute,
    DisputeEvidence,
    IncomingTransfer,
    LedgerAccount,
    LedgerTransaction,
    PayoutBatch,
    ProviderPayment,
)
from tradebridge.payments.services.ledger import ledger_check
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

OWNERS = {
    company.people[0].email.split("@")[1]: company.people[0].email for company in DEMO_COMPANIES
}
RATES = {"USD": "1.0512", "CNY": "7.6420", "GBP": "0.8290"}
PO_NUMBERS = [scene.po_number for scene in (*DEMO_ORDERS, *LATER_ORDERS)]


@pytest.fixture(scope="module")
def now() -> datetime:
    return timezone.now()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, now):
    """The demo people, a slice of each catalog, one day of FX rates and the whole history,
    loaded once for the module (the tests only read)."""
    with django_db_blocker.unblock():
        load_people_and_companies()
        load_catalogs(owners=OWNERS, per_type=1, giftware_limit=5)
        rates_on = (now - timedelta(days=90)).date()
        for currency, rate in RATES.items():
            FxRate.objects.create(date=rates_on, currency=currency, rate=Decimal(rate))
        summary = load_history(now=now)
    yield summary
    with django_db_blocker.unblock():
        _flush()


def _flush() -> None:
    """Empty the database for the next modules, as it was after `migrate`: the flush also
    empties the categories that catalog's migration 0002 loads, which the other modules'
    tests (run in the same process, in their own transactions) rely on, so load them again."""
    import importlib

    from django.apps import apps
    from django.core.management import call_command

    call_command("flush", "--no-input", verbosity=0)
    migration = importlib.import_module("tradebridge.catalog.migrations.0002_load_categories")
    migration.load(apps, None)  # the loader writes rows only; it needs no schema editor


pytestmark = pytest.mark.django_db


def test_orders_in_every_status_for_the_demo_people(demo):
    statuses = Counter(
        Order.objects.filter(purchase__po_number__in=PO_NUMBERS).values_list("status", flat=True)
    )
    assert set(statuses) == set(OrderStatus.values)
    assert statuses[OrderStatus.CANCELLED] == 2
    assert statuses[OrderStatus.DISPUTED] == 2
    assert demo.orders.orders == statuses
    reasons = set(
        Order.objects.filter(status=OrderStatus.CANCELLED).values_list("cancel_reason", flat=True)
    )
    assert reasons == {"buyer_cancelled", "deposit_expired"}
    jonas = membership("jonas.weber@rheinsport.example")
    chen = membership("chen.jie@haicang-sports.example")
    assert order_list_for_company(actor=jonas).count() >= 5
    assert order_list_for_company(actor=chen).count() >= 4


def test_a_deal_order_and_a_purchase_of_two_suppliers(demo):
    deal = Order.objects.get(source=OrderSource.DEAL)
    assert deal.status == OrderStatus.AWAITING_BALANCE
    assert deal.supplier == supplier("haicang-sports.example")
    two = Purchase.objects.get(po_number="RS-2026-0415")
    assert sorted(two.orders.values_list("status", flat=True)) == [
        OrderStatus.IN_PRODUCTION,
        OrderStatus.READY_TO_SHIP,
    ]
    shipped = Order.objects.get(status=OrderStatus.SHIPPED)
    assert (shipped.carrier, shipped.tracking_number) == ("UPS", "1Z999AA10123456784")


def test_timelines_happened_in_the_past_in_order(demo, now):
    for order in Order.objects.filter(purchase__po_number__in=PO_NUMBERS):
        times = list(order.events.order_by("id").values_list("created_at", flat=True))
        assert times, order.reference
        assert times == sorted(times), order.reference
        assert order.created_at == times[0] < now
        assert times[-1] < now
    # Every live deadline is ahead: the running timers leave the demo as it is.
    assert not Order.objects.filter(status=OrderStatus.AWAITING_CONFIRMATION, confirm_by__lte=now)
    assert not Order.objects.filter(status=OrderStatus.AWAITING_DEPOSIT, deposit_due_at__lte=now)
    assert not Order.objects.filter(status=OrderStatus.DELIVERED, protection_ends_at__lte=now)
    assert OrderEvent.objects.filter(kind="ship_deadline_missed").count() == 0


def test_disputes_awaiting_escalated_and_resolved_with_a_partial_refund(demo, now):
    disputes = {d.status: d for d in Dispute.objects.all()}
    assert set(disputes) == {
        DisputeStatus.AWAITING_SUPPLIER,
        DisputeStatus.ESCALATED,
        DisputeStatus.RESOLVED,
    }
    assert disputes[DisputeStatus.AWAITING_SUPPLIER].respond_by > now
    assert DisputeEvidence.objects.filter(dispute=disputes[DisputeStatus.AWAITING_SUPPLIER])
    resolved = disputes[DisputeStatus.RESOLVED]
    assert resolved.resolution == DisputeResolution.PARTIAL_REFUND
    assert resolved.refund_amount is not None
    assert 0 < resolved.refund_amount < resolved.requested_refund
    assert demo.orders.disputes == 3


def test_transfers_matched_part_paid_over_paid_and_held(demo):
    statuses = Counter(IncomingTransfer.objects.values_list("status", flat=True))
    assert statuses[TransferStatus.MATCHED] >= 3
    assert statuses[TransferStatus.PARTIALLY_MATCHED] == 1  # the over-payment's excess is held
    assert statuses[TransferStatus.UNMATCHED] == 1
    part_paid = IncomingTransfer.objects.filter(instalment__status="partially_paid")
    assert part_paid.exists()
    cards = ProviderPayment.objects.values_list("status", flat=True)
    assert set(cards) == {ProviderPaymentStatus.SUCCEEDED}
    assert len(cards) == demo.orders.card_payments == 5


def test_a_paid_payout_batch_and_suppliers_still_owed(demo):
    batches = PayoutBatch.objects.all()
    assert batches
    assert all(b.status == PayoutBatchStatus.PAID for b in batches)
    owed = LedgerAccount.objects.filter(kind=AccountKind.SUPPLIER_PAYABLE, balance_minor__gt=0)
    assert owed.exists()


def test_the_webhook_endpoint_has_failed_deliveries_in_its_log(demo):
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.company == supplier(WEBHOOK_SUPPLIER)
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert deliveries.count() >= 5
    assert set(deliveries.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    # Each tried at least once (the relay may have run again since), never answered.
    assert not deliveries.filter(attempts=0).exists()
    assert WebhookAttempt.objects.filter(delivery__endpoint=endpoint).exists()
    assert not WebhookAttempt.objects.filter(status_code__isnull=False).exists()


def test_the_ledger_balances(demo):
    report = ledger_check()
    assert report.ok, report.differences
    assert report.holds_checked == Order.objects.count()


def test_loading_again_adds_nothing(demo, now):
    before = (
        Order.objects.count(),
        LedgerTransaction.objects.count(),
        IncomingTransfer.objects.count(),
        WebhookDelivery.objects.count(),
    )
    again = load_orders(now=now)
    assert again.total == 0
    after = (
        Order.objects.count(),
        LedgerTransaction.objects.count(),
        IncomingTransfer.objects.count(),
        WebhookDelivery.objects.count(),
    )
    assert after == before
