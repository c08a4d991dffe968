"""PostgreSQL races: two operators matching one held transfer, two payout runs, one statement
imported twice at once. Real threads, real transactions: each time, one effect."""

from functools import partial

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.core.tests.concurrency import race
from tradebridge.payments.enums import AccountKind, TransferSource, TransferStatus
from tradebridge.payments.models import IncomingTransfer, LedgerTransaction, PayoutBatch
from tradebridge.payments.services.bank_transfers import (
    transfer_match,
    transfer_record,
    transfer_return,
)
from tradebridge.payments.services.escrow import escrow_release
from tradebridge.payments.services.payouts import payouts_run
from tradebridge.payments.tests.bank.conftest import (
    assert_ledger_balanced,
    balance,
    open_escrow,
    statement_line,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_operators_matching_one_transfer_apply_it_once() -> None:
    escrow = open_escrow()
    transfer = transfer_record(
        line=statement_line("no reference", "300.00"), source=TransferSource.CSV
    )
    first, second = OperatorFactory.create(), OperatorFactory.create()

    outcomes = race(
        [
            lambda: transfer_match(
                operator=first, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk
            ),
            lambda: transfer_match(
                operator=second, transfer_id=transfer.pk, instalment_id=escrow.balance.pk
            ),
        ]
    )

    assert outcomes == ["ok", "transfer_not_held"]
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.MATCHED
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 0
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 30000
    assert (
        LedgerTransaction.objects.filter(key__startswith=f"transfer:{transfer.pk}:match").count()
        == 1
    )
    assert_ledger_balanced()


def test_a_match_racing_a_return_has_one_winner() -> None:
    escrow = open_escrow()
    transfer = transfer_record(
        line=statement_line("no reference", "300.00"), source=TransferSource.CSV
    )
    operator = OperatorFactory.create()

    outcomes = race(
        [
            lambda: transfer_match(
                operator=operator, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk
            ),
            lambda: transfer_return(operator=operator, transfer_id=transfer.pk, note="unknown"),
        ]
    )

    assert outcomes == ["ok", "transfer_not_held"]
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 0
    assert_ledger_balanced()


def test_the_same_statement_line_recorded_twice_at_once_is_one_transfer() -> None:
    escrow = open_escrow()
    line = statement_line(escrow.deposit.reference, "300.00", source_ref="2026030200001234")

    outcomes = race(
        [lambda: transfer_record(line=line, source=TransferSource.CAMT053) for _ in range(4)]
    )

    assert outcomes == ["ok"] * 4
    assert IncomingTransfer.objects.count() == 1
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 30000
    assert_ledger_balanced()


def test_two_payout_runs_at_once_pay_each_supplier_once() -> None:
    escrow = open_escrow("1000.00", deposit_percent="100")
    transfer_record(
        line=statement_line(escrow.deposit.reference, "1000.00"), source=TransferSource.CSV
    )
    escrow_release(order_id=escrow.hold.order_id, key="release", reason="received")
    operators = [OperatorFactory.create(), OperatorFactory.create()]

    outcomes = race([partial(payouts_run, operator=operator) for operator in operators])

    assert outcomes == ["ok", "ok"]
    assert PayoutBatch.objects.count() == 1
    assert balance(AccountKind.PAYOUTS_IN_TRANSIT) == 97000
    assert balance(AccountKind.SUPPLIER_PAYABLE, company_id=escrow.supplier.pk) == 0
    assert_ledger_balanced()
