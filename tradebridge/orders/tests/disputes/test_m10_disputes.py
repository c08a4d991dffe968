"""M10 — Trade Assurance's timers, end to end through the order (time travel with an injected
clock): deposit → production → balance → shipped (documents issued) → delivered; a dispute
within the 30-day protection window, none after it; a silent supplier lets the buyer escalate
from day 3, the timer escalates on day 7; the operator's partial refund pays the buyer X and
releases the rest to the supplier less commission; refunds never exceed what was paid; one
open dispute per order; the ledger balances after every scenario."""

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.core.errors import DomainError
from tradebridge.core.models import NIL_UUID
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderStatus, TradeDocumentKind
from tradebridge.orders.models import Order, TradeDocument
from tradebridge.orders.services.lifecycle import (
    order_confirm,
    order_dispute_open,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
from tradebridge.orders.tests.lifecycle.conftest import DAY, T0, Parties, parties, pay, place
from tradebridge.payments.enums import AccountKind, DisputeStatus
from tradebridge.payments.models import Dispute, LedgerAccount
from tradebridge.payments.services.disputes import (
    dispute_decide,
    dispute_escalate,
    dispute_withdraw,
    disputes_timers_run,
)
from tradebridge.payments.services.ledger import ledger_check

pytestmark = pytest.mark.django_db
__all__ = ["parties"]  # the lifecycle tests' fixture, used here too

DELIVERED = T0 + 40 * DAY


def delivered_order(parties: Parties) -> Order:
    """1,000.00 EUR, 30 % deposit, balance before shipment; delivered on DELIVERED."""
    order = place(parties)
    supplier = parties.supplier
    order_confirm(actor=supplier, order_id=order.pk, now=T0 + DAY)
    pay(order, "deposit", now=T0 + 2 * DAY)
    order_production_done(actor=supplier, order_id=order.pk, now=T0 + 20 * DAY)
    pay(order, "balance", now=T0 + 21 * DAY)
    order_ship(
        actor=supplier,
        order_id=order.pk,
        carrier="COSCO",
        tracking_number="COSU1234567",
        now=T0 + 22 * DAY,
    )
    order_mark_delivered(actor=supplier, order_id=order.pk, now=DELIVERED)
    return Order.objects.get(pk=order.pk)


def open_on(order: Order, parties: Parties, when, amount="400.00") -> Dispute:
    return order_dispute_open(
        actor=parties.buyer,
        order_id=order.pk,
        reason="quality",
        description="Half the balls lose air.",
        requested_refund=Money.of(amount, "EUR"),
        now=when,
    )


def balance(kind: AccountKind, company_id=None) -> int:
    account = LedgerAccount.objects.filter(
        kind=kind, currency="EUR", company_id=company_id or NIL_UUID, order_id=NIL_UUID
    ).first()
    return account.balance_minor if account is not None else 0


def assert_balanced() -> None:
    assert ledger_check().differences == []


def test_the_documents_come_with_confirmation_and_shipment(parties):
    order = delivered_order(parties)

    kinds = set(TradeDocument.objects.filter(order=order).values_list("kind", flat=True))
    assert kinds == set(TradeDocumentKind.values)


def test_a_dispute_within_the_protection_window_then_an_operator_partial_refund(parties):
    order = delivered_order(parties)
    dispute = open_on(order, parties, DELIVERED + 29 * DAY)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.DISPUTED
    opened = DELIVERED + 29 * DAY

    with pytest.raises(DomainError) as early:
        dispute_escalate(actor=parties.buyer, dispute_id=dispute.pk, now=opened + 2 * DAY)
    assert early.value.code == "dispute_escalation_early"
    dispute_escalate(actor=parties.buyer, dispute_id=dispute.pk, now=opened + 3 * DAY)

    dispute_decide(
        operator=OperatorFactory.create(),
        dispute_id=dispute.pk,
        resolution="partial_refund",
        refund_amount=Money.of("250.00", "EUR"),
        note="Photos show a quarter of the balls flat.",
        now=opened + 5 * DAY,
    )

    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert balance(AccountKind.BUYER_REFUNDS, order.buyer_id) == 25000
    assert balance(AccountKind.SUPPLIER_PAYABLE, order.supplier_id) == 72750  # 750 less 3 %
    assert balance(AccountKind.PLATFORM_COMMISSION) == 2250
    assert_balanced()


def test_no_dispute_after_the_protection_window(parties):
    order = delivered_order(parties)

    with pytest.raises(DomainError) as closed:
        open_on(order, parties, DELIVERED + 30 * DAY)

    assert closed.value.code == "protection_window_closed"
    assert Dispute.objects.count() == 0
    assert Order.objects.get(pk=order.pk).status == OrderStatus.DELIVERED


def test_a_silent_supplier_is_escalated_on_day_7(parties):
    order = delivered_order(parties)
    opened = DELIVERED + DAY
    dispute = open_on(order, parties, opened)

    assert disputes_timers_run(now=opened + 7 * DAY - DAY / 24) == 0
    assert disputes_timers_run(now=opened + 7 * DAY) == 1

    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.ESCALATED
    assert Order.objects.get(pk=order.pk).status == OrderStatus.DISPUTED


def test_refunds_never_exceed_what_was_paid_and_one_open_dispute(parties):
    order = delivered_order(parties)

    with pytest.raises(DomainError) as too_much:
        open_on(order, parties, DELIVERED + DAY, amount="1000.01")
    assert too_much.value.code == "refund_exceeds_held"
    assert Order.objects.get(pk=order.pk).status == OrderStatus.DELIVERED

    open_on(order, parties, DELIVERED + DAY, amount="1000.00")
    with pytest.raises(DomainError) as second:
        open_on(order, parties, DELIVERED + 2 * DAY, amount="10.00")
    assert second.value.code == "invalid_transition"  # the order is disputed already
    assert Dispute.objects.filter(order_id=order.pk).count() == 1
    assert_balanced()


def test_a_withdrawn_dispute_returns_the_order_to_delivered(parties):
    order = delivered_order(parties)
    dispute = open_on(order, parties, DELIVERED + DAY)

    dispute_withdraw(actor=parties.buyer, dispute_id=dispute.pk, now=DELIVERED + 2 * DAY)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.DELIVERED
    assert balance(AccountKind.BUYER_REFUNDS, order.buyer_id) == 0
    assert_balanced()
