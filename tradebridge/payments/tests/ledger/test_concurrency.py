"""Races on PostgreSQL (real threads, connections and row locks): money moves once.

C7: twenty parallel releases of one hold have one effect; a release racing a refund, exactly
one wins; parallel partial releases never exceed the deposit; parallel payments of one
instalment apply once (the rest is held for review); retries with one key post once.
"""

import threading
import uuid
from collections.abc import Callable
from functools import partial

import pytest
from django.db import DatabaseError, connection, transaction

from tradebridge.core.money import Money
from tradebridge.core.tests.concurrency import race
from tradebridge.payments.enums import AccountKind, TransactionKind
from tradebridge.payments.models import EscrowHold, LedgerTransaction
from tradebridge.payments.reconciliation import ledger_report
from tradebridge.payments.services.escrow import (
    escrow_lock,
    escrow_refund,
    escrow_release,
    instalment_payment_apply,
)
from tradebridge.payments.services.ledger import ledger_account
from tradebridge.payments.tests.factories import instalments, open_hold, pay

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def funded() -> EscrowHold:
    hold = open_hold("1000.00", deposit_percent="100", commission_percent="3.00")
    (full,) = instalments(hold)
    pay(full)
    return hold


def _amounts(hold: EscrowHold) -> tuple[int, int, int]:
    hold.refresh_from_db()
    return (hold.deposited_minor, hold.released_minor, hold.refunded_minor)


def _count(kind: TransactionKind) -> int:
    return LedgerTransaction.objects.filter(kind=kind).count()


def test_twenty_parallel_releases_with_one_key_release_once(funded):
    outcomes = race(
        [
            lambda: escrow_release(order_id=funded.order_id, key="release-1", reason="receipt")
            for _ in range(20)
        ]
    )
    assert outcomes == ["ok"] * 20
    assert _count(TransactionKind.ESCROW_RELEASE) == 1
    assert _amounts(funded) == (100000, 100000, 0)
    supplier = ledger_account(AccountKind.SUPPLIER_PAYABLE, "EUR", company_id=funded.supplier_id)
    assert supplier.balance_minor == 97000
    assert ledger_report().differences == []


def test_twenty_parallel_releases_of_everything_have_one_effect(funded):
    calls: list[Callable[[], object]] = [
        partial(escrow_release, order_id=funded.order_id, key=f"release-{index}", reason="x")
        for index in range(20)
    ]
    outcomes = race(calls)
    assert outcomes == ["escrow_insufficient"] * 19 + ["ok"]
    assert _count(TransactionKind.ESCROW_RELEASE) == 1
    assert _amounts(funded) == (100000, 100000, 0)
    assert ledger_report().differences == []


def test_a_release_racing_a_refund_exactly_one_wins(funded):
    outcomes = race(
        [
            lambda: escrow_release(order_id=funded.order_id, key="release", reason="receipt"),
            lambda: escrow_refund(order_id=funded.order_id, key="refund", reason="cancelled"),
        ]
    )
    assert outcomes == ["escrow_insufficient", "ok"]
    deposited, released, refunded = _amounts(funded)
    assert (deposited, released + refunded) == (100000, 100000)
    assert {released, refunded} == {0, 100000}
    assert _count(TransactionKind.ESCROW_RELEASE) + _count(TransactionKind.ESCROW_REFUND) == 1
    assert ledger_report().differences == []


def test_parallel_partial_releases_never_exceed_the_deposit(funded):
    calls: list[Callable[[], object]] = [
        partial(
            escrow_release,
            order_id=funded.order_id,
            key=f"part-{index}",
            amount=Money.of("300.00", "EUR"),
            reason="milestone",
        )
        for index in range(10)
    ]
    outcomes = race(calls)
    assert outcomes == ["escrow_insufficient"] * 7 + ["ok"] * 3
    assert _amounts(funded) == (100000, 90000, 0)
    escrow = ledger_account(AccountKind.ESCROW, "EUR", order_id=funded.order_id)
    assert escrow.balance_minor == 10000
    assert ledger_report().differences == []


def test_parallel_releases_and_refunds_of_parts_stay_within_the_deposit(funded):
    calls: list[Callable[[], object]] = [
        partial(
            escrow_refund if index % 2 else escrow_release,
            order_id=funded.order_id,
            key=f"mixed-{index}",
            amount=Money.of("150.00", "EUR"),
            reason="dispute",
        )
        for index in range(10)
    ]
    outcomes = race(calls)
    assert outcomes == ["escrow_insufficient"] * 4 + ["ok"] * 6
    deposited, released, refunded = _amounts(funded)
    assert (deposited, released + refunded) == (100000, 90000)
    assert ledger_report().differences == []


def test_parallel_payments_of_one_instalment_apply_once():
    hold = open_hold("1000.00", deposit_percent="100")
    (full,) = instalments(hold)
    calls: list[Callable[[], object]] = [
        partial(
            instalment_payment_apply,
            instalment_id=full.pk,
            amount=Money.of("1000.00", "EUR"),
            key=f"bank-{index}",
            source="bank_transfer",
        )
        for index in range(10)
    ]
    outcomes = race(calls)
    assert outcomes == ["ok"] * 10
    assert _amounts(hold) == (100000, 0, 0)
    assert ledger_account(AccountKind.UNAPPLIED_FUNDS, "EUR").balance_minor == 900000
    assert _count(TransactionKind.PAYMENT_RECEIVED) == 1
    assert _count(TransactionKind.UNAPPLIED_RECEIVED) == 9
    full.refresh_from_db()
    assert full.status == "paid"
    assert ledger_report().differences == []


def test_a_payment_retried_in_parallel_with_one_key_posts_once():
    hold = open_hold("1000.00", deposit_percent="100")
    (full,) = instalments(hold)
    outcomes = race(
        [
            lambda: instalment_payment_apply(
                instalment_id=full.pk,
                amount=Money.of("400.00", "EUR"),
                key="bank-entry-77",
                source="bank_transfer",
            )
            for _ in range(10)
        ]
    )
    assert outcomes == ["ok"] * 10
    assert LedgerTransaction.objects.count() == 1
    assert _amounts(hold) == (40000, 0, 0)
    assert ledger_report().differences == []


def test_opening_one_order_in_parallel_makes_one_hold():
    order_id = uuid.uuid4()
    buyer_and_supplier = open_hold()  # companies to reuse
    outcomes = race(
        [
            lambda: open_hold(
                order_id=order_id,
                buyer=buyer_and_supplier.buyer,
                supplier=buyer_and_supplier.supplier,
            )
            for _ in range(10)
        ]
    )
    assert outcomes == ["ok"] * 10
    assert EscrowHold.objects.filter(order_id=order_id).count() == 1
    assert EscrowHold.objects.get(order_id=order_id).instalments.count() == 2


def _can_lock_now(hold: EscrowHold) -> bool:
    try:
        with transaction.atomic():
            list(EscrowHold.objects.select_for_update(nowait=True).filter(pk=hold.pk))
    except DatabaseError:
        return False
    return True


def test_escrow_lock_holds_the_hold_row_until_the_transaction_ends(funded):
    other = open_hold("10.00")
    locked, done = threading.Event(), threading.Event()

    def lock_and_wait() -> None:
        try:
            with transaction.atomic():
                escrow_lock(order_id=funded.order_id)
                locked.set()
                done.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=lock_and_wait)
    thread.start()
    assert locked.wait(timeout=10)
    try:
        assert (_can_lock_now(funded), _can_lock_now(other)) == (False, True)
    finally:
        done.set()
        thread.join(timeout=10)
    assert _can_lock_now(funded)
