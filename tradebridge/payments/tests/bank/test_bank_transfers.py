"""Recording bank credits and matching them: by reference, partial, over, unknown, another
currency, duplicates; the operator's match and return; the ledger after each."""

import uuid
from decimal import Decimal

import pytest

from tradebridge.accounts.models import User
from tradebridge.core.errors import PermissionDenied
from tradebridge.core.models import AuditEvent
from tradebridge.core.money import CurrencyMismatch, InvalidAmount
from tradebridge.payments.bank_errors import TransferNotFound, TransferNotHeld
from tradebridge.payments.enums import (
    AccountKind,
    InstalmentStatus,
    TransactionKind,
    TransferSource,
    TransferStatus,
)
from tradebridge.payments.errors import InstalmentNotFound, InstalmentNotPayable
from tradebridge.payments.models import IncomingTransfer, LedgerTransaction, Posting
from tradebridge.payments.services.bank_transfers import (
    transfer_match,
    transfer_record,
    transfer_record_line,
    transfer_return,
)
from tradebridge.payments.tests.bank.conftest import (
    NOW,
    Escrow,
    assert_ledger_balanced,
    balance,
    open_escrow,
    statement_line,
)

pytestmark = pytest.mark.django_db


def test_an_exact_payment_pays_the_instalment(escrow: Escrow) -> None:
    reference = escrow.deposit.reference

    transfer = transfer_record(
        line=statement_line(f"Deposit {reference.lower()}", "300.00"),
        source=TransferSource.CAMT053,
        now=NOW,
    )

    escrow.deposit.refresh_from_db()
    assert (transfer.status, transfer.applied_amount, transfer.instalment_id) == (
        TransferStatus.MATCHED,
        Decimal("300.00"),
        escrow.deposit.pk,
    )
    assert transfer.matched_at == NOW
    assert transfer.matched_by is None
    assert transfer.ledger_key == f"transfer:{transfer.pk}:apply"
    assert (escrow.deposit.status, escrow.deposit.paid_amount) == (
        InstalmentStatus.PAID,
        Decimal("300.00"),
    )
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 30000
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 0
    assert balance(AccountKind.WORLD) == -30000
    assert AuditEvent.objects.filter(
        action="transfer.recorded", object_id=str(transfer.pk)
    ).exists()
    assert_ledger_balanced()


def test_a_partial_payment_leaves_the_instalment_partially_paid(escrow: Escrow) -> None:
    transfer = transfer_record(
        line=statement_line(escrow.deposit.reference, "100.00"), source=TransferSource.CSV
    )

    escrow.deposit.refresh_from_db()
    assert transfer.status == TransferStatus.MATCHED
    assert (escrow.deposit.status, escrow.deposit.paid_amount) == (
        InstalmentStatus.PARTIALLY_PAID,
        Decimal("100.00"),
    )
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 10000
    assert_ledger_balanced()


def test_an_over_payment_holds_the_excess_for_review(escrow: Escrow) -> None:
    transfer = transfer_record(
        line=statement_line(escrow.deposit.reference, "350.00"), source=TransferSource.CSV
    )

    escrow.deposit.refresh_from_db()
    assert (transfer.status, transfer.applied_amount) == (
        TransferStatus.PARTIALLY_MATCHED,
        Decimal("300.00"),
    )
    assert escrow.deposit.status == InstalmentStatus.PAID
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 30000
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 5000
    assert balance(AccountKind.WORLD) == -35000
    assert_ledger_balanced()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("INVOICE 4471", "no payment reference in the text"),
        ("TB-7K3M-9QXD-Q", "TB-7K3M-9QXD-Q: no instalment has this reference"),
    ],
)
def test_an_unknown_reference_is_held_for_review(escrow: Escrow, text: str, why: str) -> None:
    transfer = transfer_record(line=statement_line(text, "120.00"), source=TransferSource.CSV)

    assert (transfer.status, transfer.applied_amount, transfer.instalment_id) == (
        TransferStatus.UNMATCHED,
        Decimal(0),
        None,
    )
    assert transfer.note == why
    assert transfer.ledger_key == f"transfer:{transfer.pk}:receive"
    assert LedgerTransaction.objects.get(key=transfer.ledger_key).kind == (
        TransactionKind.UNAPPLIED_RECEIVED
    )
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 12000
    assert balance(AccountKind.WORLD) == -12000
    assert_ledger_balanced()


def test_another_currency_is_held_for_review_in_its_own_currency(escrow: Escrow) -> None:
    transfer = transfer_record(
        line=statement_line(escrow.deposit.reference, "300.00", currency="USD"),
        source=TransferSource.CSV,
    )

    escrow.deposit.refresh_from_db()
    assert transfer.status == TransferStatus.UNMATCHED
    assert transfer.note == f"{escrow.deposit.reference}: the instalment is in EUR"
    assert escrow.deposit.status == InstalmentStatus.PENDING
    assert balance(AccountKind.UNAPPLIED_FUNDS, "USD") == 30000
    assert balance(AccountKind.UNAPPLIED_FUNDS, "EUR") == 0
    assert_ledger_balanced()


def test_a_payment_for_a_paid_instalment_is_held_for_review(escrow: Escrow) -> None:
    transfer_record(
        line=statement_line(escrow.deposit.reference, "300.00"), source=TransferSource.CSV
    )

    again = transfer_record(
        line=statement_line(escrow.deposit.reference, "300.00"), source=TransferSource.CSV
    )

    assert again.status == TransferStatus.UNMATCHED
    assert again.note == f"{escrow.deposit.reference}: the instalment is paid"
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 30000
    assert_ledger_balanced()


def test_recording_the_same_line_again_adds_nothing(escrow: Escrow) -> None:
    line = statement_line(escrow.deposit.reference, "300.00", source_ref="2026030200001234")
    first = transfer_record_line(line=line, source=TransferSource.CAMT053)
    counts = (
        IncomingTransfer.objects.count(),
        LedgerTransaction.objects.count(),
        Posting.objects.count(),
    )

    again = transfer_record_line(line=line, source=TransferSource.CAMT053)

    assert (first.created, again.created) == (True, False)
    assert again.transfer.pk == first.transfer.pk
    assert (
        IncomingTransfer.objects.count(),
        LedgerTransaction.objects.count(),
        Posting.objects.count(),
    ) == counts
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 30000


def test_the_same_bank_ref_from_another_source_is_another_transfer(escrow: Escrow) -> None:
    line = statement_line("no reference", "5.00", source_ref="E-1")
    transfer_record(line=line, source=TransferSource.CSV)

    transfer_record(line=line, source=TransferSource.CAMT053)

    assert IncomingTransfer.objects.count() == 2


def test_an_amount_finer_than_the_currency_is_refused(escrow: Escrow) -> None:
    with pytest.raises(InvalidAmount):
        transfer_record(line=statement_line("x", "1.001"), source=TransferSource.CSV)

    assert IncomingTransfer.objects.count() == 0


# The operator ---------------------------------------------------------------------------------


def _unmatched(amount: str = "300.00", currency: str = "EUR") -> IncomingTransfer:
    return transfer_record(
        line=statement_line("payment for our order", amount, currency),
        source=TransferSource.CSV,
    )


def test_an_operator_applies_a_held_transfer_to_an_instalment(
    escrow: Escrow, operator: User
) -> None:
    transfer = _unmatched()

    matched = transfer_match(
        operator=operator, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk, now=NOW
    )

    escrow.deposit.refresh_from_db()
    key = f"transfer:{transfer.pk}:match:{escrow.deposit.pk}"
    assert (matched.status, matched.applied_amount, matched.instalment_id) == (
        TransferStatus.MATCHED,
        Decimal("300.00"),
        escrow.deposit.pk,
    )
    assert (matched.matched_by, matched.matched_at, matched.applied_ledger_key) == (
        operator,
        NOW,
        key,
    )
    assert escrow.deposit.status == InstalmentStatus.PAID
    assert LedgerTransaction.objects.get(key=key).kind == TransactionKind.UNAPPLIED_APPLIED
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 0
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 30000
    assert balance(AccountKind.WORLD) == -30000
    assert AuditEvent.objects.filter(
        action="transfer.matched", object_id=str(transfer.pk), actor_user_id=operator.pk
    ).exists()
    assert_ledger_balanced()


def test_a_held_rest_larger_than_owed_stays_held(escrow: Escrow, operator: User) -> None:
    transfer = _unmatched("500.00")

    matched = transfer_match(
        operator=operator, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk
    )

    assert (matched.status, matched.applied_amount) == (
        TransferStatus.PARTIALLY_MATCHED,
        Decimal("300.00"),
    )
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 20000
    # The rest pays the balance (700.00 owed): all of it applied, the transfer is matched.
    rest = transfer_match(
        operator=operator, transfer_id=transfer.pk, instalment_id=escrow.balance.pk
    )
    assert (rest.status, rest.applied_amount) == (TransferStatus.MATCHED, Decimal("500.00"))
    escrow.balance.refresh_from_db()
    assert escrow.balance.paid_amount == Decimal("200.00")
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 0
    assert_ledger_balanced()


def test_matching_a_matched_transfer_again_is_refused(escrow: Escrow, operator: User) -> None:
    transfer = _unmatched()
    transfer_match(operator=operator, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk)
    count = LedgerTransaction.objects.count()

    with pytest.raises(TransferNotHeld):
        transfer_match(operator=operator, transfer_id=transfer.pk, instalment_id=escrow.balance.pk)

    assert LedgerTransaction.objects.count() == count


def test_matching_to_a_paid_instalment_is_refused(escrow: Escrow, operator: User) -> None:
    transfer_record(
        line=statement_line(escrow.deposit.reference, "300.00"), source=TransferSource.CSV
    )
    transfer = _unmatched("50.00")

    with pytest.raises(InstalmentNotPayable):
        transfer_match(operator=operator, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk)

    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.UNMATCHED
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 5000


def test_matching_across_currencies_is_refused(escrow: Escrow, operator: User) -> None:
    transfer = _unmatched(currency="USD")

    with pytest.raises(CurrencyMismatch):
        transfer_match(operator=operator, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk)

    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.UNMATCHED


def test_unknown_transfer_or_instalment(escrow: Escrow, operator: User) -> None:
    transfer = _unmatched()

    with pytest.raises(TransferNotFound):
        transfer_match(operator=operator, transfer_id=uuid.uuid4(), instalment_id=escrow.deposit.pk)
    with pytest.raises(InstalmentNotFound):
        transfer_match(operator=operator, transfer_id=transfer.pk, instalment_id=uuid.uuid4())


def test_an_operator_returns_a_held_transfer_to_the_payer(operator: User) -> None:
    transfer = _unmatched("120.00")

    returned = transfer_return(
        operator=operator, transfer_id=transfer.pk, note="Unknown payer; sent back", now=NOW
    )

    assert returned.status == TransferStatus.REFUNDED
    assert returned.refund_ledger_key == f"transfer:{transfer.pk}:return"
    assert returned.note.endswith("Unknown payer; sent back")
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 0
    assert balance(AccountKind.WORLD) == 0
    with pytest.raises(TransferNotHeld):
        transfer_return(operator=operator, transfer_id=transfer.pk, note="again")
    assert_ledger_balanced()


def test_returning_an_over_payment_returns_only_the_excess(escrow: Escrow, operator: User) -> None:
    transfer = transfer_record(
        line=statement_line(escrow.deposit.reference, "350.00"), source=TransferSource.CSV
    )

    returned = transfer_return(operator=operator, transfer_id=transfer.pk, note="excess")

    assert (returned.status, returned.applied_amount) == (
        TransferStatus.REFUNDED,
        Decimal("300.00"),
    )
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 0
    assert balance(AccountKind.WORLD) == -30000
    assert balance(AccountKind.ESCROW, order_id=escrow.hold.order_id) == 30000
    assert_ledger_balanced()


def test_only_operators_match_or_return(escrow: Escrow, member: User) -> None:
    transfer = _unmatched()
    counts = (LedgerTransaction.objects.count(), AuditEvent.objects.count())

    with pytest.raises(PermissionDenied):
        transfer_match(operator=member, transfer_id=transfer.pk, instalment_id=escrow.deposit.pk)
    with pytest.raises(PermissionDenied):
        transfer_return(operator=member, transfer_id=transfer.pk, note="")

    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.UNMATCHED
    assert (LedgerTransaction.objects.count(), AuditEvent.objects.count()) == counts


def test_two_orders_in_two_currencies_keep_their_ledgers_apart(operator: User) -> None:
    eur, usd = open_escrow(), open_escrow("500.00", "USD", "100")

    transfer_record(line=statement_line(eur.deposit.reference, "300.00"), source=TransferSource.CSV)
    transfer_record(
        line=statement_line(usd.deposit.reference, "500.00", "USD"), source=TransferSource.CSV
    )

    assert balance(AccountKind.WORLD, "EUR") == -30000
    assert balance(AccountKind.WORLD, "USD") == -50000
    assert_ledger_balanced()
