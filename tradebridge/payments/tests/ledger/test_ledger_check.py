"""`tradebridge ledger-check` passes on a healthy ledger and fails (exit 1) on a difference."""

import io
import uuid
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tradebridge.core.money import Money
from tradebridge.payments.enums import AccountKind
from tradebridge.payments.models import EscrowHold, Posting
from tradebridge.payments.reconciliation import ledger_report
from tradebridge.payments.selectors import escrow_summaries
from tradebridge.payments.services.escrow import escrow_refund, escrow_release
from tradebridge.payments.services.ledger import ledger_account
from tradebridge.payments.tests.factories import instalments, open_hold, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger():
    """Two orders in two currencies: paid, partly refunded, released; and an over-payment."""
    euro = open_hold("1000.00")
    for instalment in instalments(euro):
        pay(instalment)
    escrow_refund(order_id=euro.order_id, key="refund", amount=Money.of("100", "EUR"), reason="x")
    escrow_release(order_id=euro.order_id, key="release", reason="x")
    yen = open_hold("5000", currency="JPY", deposit_percent="100")
    (full,) = instalments(yen)
    pay(full, "6000")
    return euro


def _run() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ledger-check", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_healthy_ledger_passes(ledger):
    out, err = _run()
    lines = out.splitlines()
    assert lines[0] == "Checked 9 accounts, 5 transactions and 2 escrow holds."
    assert lines[2].split() == ["EUR", "6", "4", "1000.00", "0"]
    assert lines[3].split() == ["JPY", "3", "1", "6000", "0"]
    assert lines[-1] == "Ledger check passed: no differences."
    assert err == ""


def test_an_empty_ledger_passes():
    out, _err = _run()
    assert out.splitlines()[-1] == "Ledger check passed: no differences."


def _tamper(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _pk(value):
    return value.hex if connection.vendor == "sqlite" else value


def test_a_tampered_balance_fails_with_exit_status_1(ledger):
    account = ledger_account(AccountKind.SUPPLIER_PAYABLE, "EUR", company_id=ledger.supplier_id)
    _tamper(
        "UPDATE payments_ledgeraccount SET balance_minor = balance_minor + 1 WHERE id = %s",
        [_pk(account.pk)],
    )
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("ledger-check", stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert str(raised.value) == "Ledger check failed: 1 differences."
    assert err.getvalue().strip() == (
        f"account {account.pk} (supplier_payable EUR): balance 87301, postings sum to 87300"
    )


def test_a_tampered_hold_cache_fails(ledger):
    _tamper("UPDATE payments_escrowhold SET refunded_minor = 0 WHERE id = %s", [_pk(ledger.pk)])
    with pytest.raises(CommandError):
        _run()
    hold = EscrowHold.objects.get(pk=ledger.pk)
    assert ledger_report().differences == [
        f"hold {hold.order_reference}: cached deposited 100000 / released 90000 / refunded 0, "
        "ledger deposited 100000 / released 90000 / refunded 10000"
    ]


def test_a_posting_slipped_into_a_transaction_is_reported():
    """Inserting is the one write the triggers allow: ledger-check catches a stray posting."""
    euro = open_hold("10.00", deposit_percent="100")
    (full,) = instalments(euro)
    entry = pay(full, key="bank-1").transaction
    dollars = ledger_account(AccountKind.UNAPPLIED_FUNDS, "USD")
    Posting.objects.create(transaction=entry, account=dollars, amount_minor=5)

    assert ledger_report().differences == [
        f"account {dollars.pk} (unapplied_funds USD): balance 0, postings sum to 5",
        "transaction bank-1: 3 postings summing to 5",
        "transaction bank-1: a posting to an account in another currency",
        "currency USD: postings sum to 5, not 0",
    ]


def test_escrow_summaries_of_many_orders(django_assert_num_queries):
    first = open_hold("100.00")
    second = open_hold("50.00", deposit_percent="100")
    with django_assert_num_queries(2):
        summaries = escrow_summaries(order_ids=[first.order_id, second.order_id, uuid.uuid4()])
    assert set(summaries) == {first.order_id, second.order_id}
    assert [view.kind for view in summaries[first.order_id].instalments] == ["deposit", "balance"]
    assert summaries[second.order_id].total == Money.of("50", "EUR")
