"""Disputes under real concurrency (PostgreSQL): the operator's decision racing the
supplier's acceptance ends in one resolution and one money movement; parallel openings of a
dispute on one order make one dispute."""

import pytest

from tradebridge.core.money import Money
from tradebridge.core.tests.concurrency import race
from tradebridge.payments.enums import AccountKind, DisputeStatus
from tradebridge.payments.models import Dispute, DisputeEvent, LedgerTransaction
from tradebridge.payments.services.disputes import (
    dispute_decide,
    dispute_open,
    dispute_respond,
    dispute_withdraw,
)
from tradebridge.payments.tests.disputes.conftest import (
    OPENED,
    assert_ledger_balanced,
    balance,
    day,
    open_dispute,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_decide_racing_accept_resolves_once(case, operator):
    dispute = open_dispute(case, "400.00")
    decide = lambda: dispute_decide(  # noqa: E731
        operator=operator, dispute_id=dispute.pk, resolution="release", now=day(1)
    )
    accept = lambda: dispute_respond(  # noqa: E731
        actor=case.sales, dispute_id=dispute.pk, response="accept", now=day(1)
    )

    outcomes = race([decide, accept])

    assert outcomes == ["invalid_transition", "ok"]
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.RESOLVED
    resolved = DisputeEvent.objects.filter(dispute=dispute, kind__in=["decided", "accepted"])
    assert resolved.count() == 1
    refunded = balance(AccountKind.BUYER_REFUNDS, company_id=case.buyer.pk)
    assert refunded == (40000 if dispute.resolution == "partial_refund" else 0)
    case.hold.refresh_from_db()
    assert case.hold.held_minor == 0
    assert_ledger_balanced()


def test_withdraw_racing_decide_moves_money_at_most_once(case, operator):
    dispute = open_dispute(case, "400.00")

    outcomes = race(
        [
            lambda: dispute_withdraw(actor=case.purchaser, dispute_id=dispute.pk, now=day(1)),
            lambda: dispute_decide(
                operator=operator, dispute_id=dispute.pk, resolution="full_refund", now=day(1)
            ),
        ]
    )

    assert outcomes == ["invalid_transition", "ok"]
    dispute.refresh_from_db()
    expected_transactions = 1 if dispute.status == DisputeStatus.RESOLVED else 0
    assert LedgerTransaction.objects.filter(key__startswith="dispute:").count() == (
        expected_transactions
    )
    assert_ledger_balanced()


def test_parallel_openings_make_one_dispute(case):
    def opening():
        return dispute_open(
            order_id=case.order_id,
            order_reference=case.hold.order_reference,
            buyer_id=case.buyer.pk,
            supplier_id=case.supplier.pk,
            opened_by_user_id=case.purchaser.user_id,
            reason="late",
            description="Still not here.",
            requested_refund=Money.of("100", "EUR"),
            now=OPENED,
        )

    outcomes = race([opening for _ in range(6)])

    assert outcomes == ["dispute_already_open"] * 5 + ["ok"]
    assert Dispute.objects.filter(order_id=case.order_id).count() == 1
