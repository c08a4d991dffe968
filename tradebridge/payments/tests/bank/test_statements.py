"""Importing statements: counts, duplicates on a second import, bad lines with numbers, the
operator-only service and the `import-statement` command."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tradebridge.accounts.models import User
from tradebridge.core.errors import PermissionDenied
from tradebridge.core.models import AuditEvent
from tradebridge.payments.enums import AccountKind, TransferStatus
from tradebridge.payments.models import IncomingTransfer, Instalment, LedgerTransaction
from tradebridge.payments.services.statements import statement_import
from tradebridge.payments.statements.lines import LineError, StatementFormat, StatementUnreadable
from tradebridge.payments.tests.bank.conftest import (
    Escrow,
    assert_ledger_balanced,
    balance,
    open_escrow,
)

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent.parent / "statements" / "samples"


def _with_reference(escrow: Escrow, reference: str) -> Escrow:
    """The sample statements quote fixed references: give them to the escrow's first instalment."""
    Instalment.objects.filter(pk=escrow.deposit.pk).update(reference=reference)
    escrow.deposit.refresh_from_db()
    return escrow


@pytest.fixture
def three_orders(db: None) -> tuple[Escrow, Escrow, Escrow]:
    return (
        _with_reference(open_escrow("10000.00"), "TB-7K3M-9QXD-Q"),  # deposit 3,000.00
        _with_reference(open_escrow("1000.00", deposit_percent="100"), "TB-4HX2-PQ7R-V"),
        _with_reference(open_escrow("10000.00"), "TB-9VDN-3KTE-8"),  # deposit 3,000.00
    )


def test_a_camt053_day_statement_is_matched_line_by_line(
    three_orders: tuple[Escrow, Escrow, Escrow], operator: User
) -> None:
    exact, over, partial = three_orders

    summary = statement_import(
        operator=operator,
        filename="camt053_v02_day.xml",
        data=(SAMPLES / "camt053_v02_day.xml").read_bytes(),
    )

    assert (summary.format, summary.new, summary.duplicates, summary.skipped) == (
        StatementFormat.CAMT053,
        4,
        0,
        2,
    )
    assert (summary.matched, summary.partially_matched, summary.unmatched) == (2, 1, 1)
    assert summary.errors == []
    statuses = dict(IncomingTransfer.objects.values_list("source_ref", "status"))
    assert statuses == {
        "2026030200001234": TransferStatus.MATCHED,
        "2026030200001236/B0003-01": TransferStatus.PARTIALLY_MATCHED,
        "2026030200001236/B0003-02": TransferStatus.MATCHED,
        "2026030200001236/B0003-03": TransferStatus.UNMATCHED,
    }
    assert balance(AccountKind.ESCROW, order_id=exact.hold.order_id) == 300000
    assert balance(AccountKind.ESCROW, order_id=over.hold.order_id) == 100000
    assert balance(AccountKind.ESCROW, order_id=partial.hold.order_id) == 150050
    assert balance(AccountKind.UNAPPLIED_FUNDS) == 100000 + 132000
    assert AuditEvent.objects.filter(
        action="statement.imported", actor_user_id=operator.pk
    ).exists()
    assert_ledger_balanced()


def test_importing_the_same_statement_again_adds_nothing(
    three_orders: tuple[Escrow, Escrow, Escrow], operator: User
) -> None:
    data = (SAMPLES / "camt053_v02_day.xml").read_bytes()
    statement_import(operator=operator, filename="day.xml", data=data)
    before = (IncomingTransfer.objects.count(), LedgerTransaction.objects.count())

    again = statement_import(operator=operator, filename="day.xml", data=data)

    assert (again.new, again.duplicates, again.matched, again.unmatched) == (0, 4, 0, 0)
    assert (IncomingTransfer.objects.count(), LedgerTransaction.objects.count()) == before
    assert_ledger_balanced()


def test_a_csv_statement_reports_its_bad_lines_and_imports_the_rest(operator: User) -> None:
    escrow = open_escrow()
    data = (
        "date;amount;currency;reference;payer;entry_id\n"
        f"2026-03-02;300,00;EUR;{escrow.deposit.reference};Nordlicht;E-1\n"
        "2026-03-02;abc;EUR;x;y;E-2\n"
        "2026-03-02;-50,00;EUR;fee;bank;E-3\n"
        "2026-03-0x;10,00;EUR;x;y;E-4\n"
    ).encode()

    summary = statement_import(operator=operator, filename="march.csv", data=data)

    assert (summary.format, summary.new, summary.matched, summary.skipped) == (
        StatementFormat.CSV,
        1,
        1,
        1,
    )
    assert summary.errors == [
        LineError(3, "Unreadable amount 'abc'."),
        LineError(5, "Unreadable date '2026-03-0x'."),
    ]
    assert summary.lines == 4


def test_an_unreadable_file_imports_nothing(operator: User) -> None:
    with pytest.raises(StatementUnreadable):
        statement_import(operator=operator, filename="x.xml", data=b"<Document><Stmt>")

    assert IncomingTransfer.objects.count() == 0


def test_only_operators_import(member: User) -> None:
    with pytest.raises(PermissionDenied):
        statement_import(
            operator=member,
            filename="usd.xml",
            data=(SAMPLES / "camt053_v08_usd.xml").read_bytes(),
        )

    assert IncomingTransfer.objects.count() == 0
    assert AuditEvent.objects.filter(action="statement.imported").count() == 0


def test_the_command_imports_and_summarises(tmp_path: Path) -> None:
    escrow = _with_reference(open_escrow("12500.00", "USD", "100"), "TB-M5RT-1CX9-D")
    out, err = StringIO(), StringIO()

    call_command("import-statement", str(SAMPLES / "camt053_v08_usd.xml"), stdout=out, stderr=err)

    assert out.getvalue().strip() == (
        "camt053_v08_usd.xml (camt053): 2 new transfers (1 matched, 0 partially matched, "
        "1 held for review), 0 already imported, 1 skipped (debits, not booked), 0 errors."
    )
    escrow.deposit.refresh_from_db()
    assert escrow.deposit.paid_amount == Decimal("12500.00")


def test_the_command_fails_on_an_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "evil.xml"
    bad.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')

    with pytest.raises(CommandError) as caught:
        call_command("import-statement", str(bad), stdout=StringIO(), stderr=StringIO())

    assert "declares a DTD" in str(caught.value)
    assert caught.value.returncode == 1


def test_the_command_can_fail_on_line_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"date,amount,currency\n2026-03-02,1.00,EUR\n2026-03-02,x,EUR\n")
    err = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command(
            "import-statement", str(path), "--fail-on-errors", stdout=StringIO(), stderr=err
        )

    assert caught.value.returncode == 2
    assert "line 3: Unreadable amount 'x'." in err.getvalue()
