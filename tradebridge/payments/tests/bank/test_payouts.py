"""Payouts from the ledger: one batch per currency, one payout per supplier, idempotent runs,
marking a batch paid, the report with the orders each payout covers, and refunds paid out."""

import uuid
from io import StringIO

import pytest
from django.core.management import call_command

from tradebridge.accounts.models import User
from tradebridge.companies.models import Company
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.errors import PermissionDenied
from tradebridge.core.models import AuditEvent
from tradebridge.core.money import Money
from tradebridge.payments.bank_errors import PayoutBatchNotFound
from tradebridge.payments.bank_selectors import payout_report_rows, payouts_due_count
from tradebridge.payments.enums import (
    AccountKind,
    PayoutBatchStatus,
    PayoutStatus,
    TransferSource,
)
from tradebridge.payments.models import LedgerTransaction, Payout, PayoutBatch
from tradebridge.payments.payout_report import payout_report_csv
from tradebridge.payments.services.bank_transfers import transfer_record
from tradebridge.payments.services.escrow import escrow_refund, escrow_release
from tradebridge.payments.services.payouts import payout_mark_paid, payouts_run, refunds_run
from tradebridge.payments.tests.bank.conftest import (
    NOW,
    Escrow,
    assert_ledger_balanced,
    balance,
    open_escrow,
    statement_line,
)

pytestmark = pytest.mark.django_db


def _paid(
    total: str,
    currency: str = "EUR",
    *,
    buyer: Company | None = None,
    supplier: Company | None = None,
) -> Escrow:
    """An order paid in full by bank transfer (its money held in escrow)."""
    escrow = open_escrow(total, currency, "100", buyer=buyer, supplier=supplier)
    transfer_record(
        line=statement_line(escrow.deposit.reference, total, currency), source=TransferSource.CSV
    )
    return escrow


def _released(total: str, currency: str = "EUR", *, supplier: Company | None = None) -> Escrow:
    """An order paid in full and released to its supplier (3 % commission kept)."""
    escrow = _paid(total, currency, supplier=supplier)
    escrow_release(
        order_id=escrow.hold.order_id, key=f"release:{escrow.hold.order_id}", reason="received"
    )
    return escrow


def test_a_run_pays_each_supplier_its_payable_balance_per_currency(operator: User) -> None:
    supplier = CompanyFactory.create(legal_name="Shenzhen Bright Toys Co., Ltd.")
    first = _released("1000.00", supplier=supplier)  # 970.00 payable
    second = _released("200.00", supplier=supplier)  # 194.00 payable
    other = _released("100.00")  # another supplier: 97.00
    dollars = _released("500.00", "USD", supplier=supplier)  # 485.00 USD
    assert payouts_due_count() == 3

    batches = payouts_run(operator=operator, now=NOW)

    assert [(batch.currency, batch.count, batch.total) for batch in batches] == [
        ("EUR", 2, Money.of("1261.00", "EUR").amount),
        ("USD", 1, Money.of("485.00", "USD").amount),
    ]
    eur = batches[0]
    payouts = {payout.supplier_id: payout for payout in eur.payouts.all()}
    assert payouts[supplier.pk].amount == Money.of("1164.00", "EUR").amount
    assert payouts[other.supplier.pk].amount == Money.of("97.00", "EUR").amount
    assert all(payout.status == PayoutStatus.PENDING for payout in payouts.values())
    assert payouts[supplier.pk].reference.startswith("PAY-20260302-")
    assert eur.created_by == operator
    assert balance(AccountKind.SUPPLIER_PAYABLE, company_id=supplier.pk) == 0
    assert balance(AccountKind.PAYOUTS_IN_TRANSIT) == 126100
    assert balance(AccountKind.PAYOUTS_IN_TRANSIT, "USD") == 48500
    assert payouts_due_count() == 0
    assert {first.supplier.pk, second.supplier.pk, dollars.supplier.pk} == {supplier.pk}
    assert_ledger_balanced()


def test_a_second_run_finds_nothing_to_pay(operator: User) -> None:
    _released("1000.00")
    payouts_run(operator=operator)
    counts = (PayoutBatch.objects.count(), LedgerTransaction.objects.count())

    assert payouts_run(operator=operator) == []

    assert (PayoutBatch.objects.count(), LedgerTransaction.objects.count()) == counts


def test_a_run_for_one_currency_leaves_the_others(operator: User) -> None:
    _released("1000.00")
    usd = _released("500.00", "USD")

    (batch,) = payouts_run(operator=operator, currency="USD")

    assert batch.currency == "USD"
    assert balance(AccountKind.SUPPLIER_PAYABLE, "USD", company_id=usd.supplier.pk) == 0
    assert payouts_due_count() == 1


def test_marking_a_batch_paid_moves_it_out_of_transit_once(operator: User) -> None:
    _released("1000.00")
    (batch,) = payouts_run(operator=operator)

    paid = payout_mark_paid(operator=operator, batch_id=batch.pk, now=NOW)
    postings = LedgerTransaction.objects.count()
    again = payout_mark_paid(operator=operator, batch_id=batch.pk)

    assert (paid.status, paid.paid_at) == (PayoutBatchStatus.PAID, NOW)
    assert again.paid_at == NOW
    assert LedgerTransaction.objects.count() == postings
    payout = Payout.objects.get(batch=batch)
    assert (payout.status, payout.paid_at, payout.paid_ledger_key) == (
        PayoutStatus.PAID,
        NOW,
        f"payout:{payout.pk}:paid",
    )
    assert balance(AccountKind.PAYOUTS_IN_TRANSIT) == 0
    # 1,000.00 came in, 970.00 went out to the supplier: the commission stays.
    assert balance(AccountKind.WORLD) == -3000
    assert balance(AccountKind.PLATFORM_COMMISSION) == 3000
    assert AuditEvent.objects.filter(action="payout_batch.paid", object_id=str(batch.pk)).exists()
    assert_ledger_balanced()


def test_the_report_lists_the_orders_each_payout_covers(operator: User) -> None:
    supplier = CompanyFactory.create(legal_name="=HYPERLINK(1)", display_name="Bright Toys")
    before = _released("100.00", supplier=supplier)
    payouts_run(operator=operator)  # pays `before`
    first = _released("1000.00", supplier=supplier)
    second = _released("200.00", supplier=supplier)
    _paid("50.00", supplier=supplier)  # paid, not released: not in this payout

    (batch,) = payouts_run(operator=operator)
    (row,) = payout_report_rows(batch)

    assert row.orders == sorted([first.hold.order_reference, second.hold.order_reference])
    assert before.hold.order_reference not in row.orders
    assert row.amount == Money.of("1164.00", "EUR")
    payout = Payout.objects.get(batch=batch)
    assert payout_report_csv([row]).splitlines() == [
        "supplier,legal_name,amount,currency,reference,status,orders",
        f"Bright Toys,'=HYPERLINK(1),1164.00,EUR,{payout.reference},pending,{' '.join(row.orders)}",
    ]


def test_refunds_owed_to_buyers_are_paid_out(operator: User) -> None:
    escrow = _paid("300.00")
    escrow_refund(order_id=escrow.hold.order_id, key="refund:1", reason="cancelled")

    (refund,) = refunds_run(operator=operator, now=NOW)

    assert (refund.buyer_id, refund.amount) == (escrow.buyer.pk, Money.of("300.00", "EUR"))
    assert balance(AccountKind.BUYER_REFUNDS, company_id=escrow.buyer.pk) == 0
    assert balance(AccountKind.WORLD) == 0
    assert refunds_run(operator=operator) == []
    assert_ledger_balanced()


def test_only_operators_run_or_mark_payouts(operator: User, member: User) -> None:
    _released("1000.00")
    (batch,) = payouts_run(operator=operator)
    _released("10.00")
    counts = (PayoutBatch.objects.count(), LedgerTransaction.objects.count())

    for call in (
        lambda: payouts_run(operator=member),
        lambda: payout_mark_paid(operator=member, batch_id=batch.pk),
        lambda: refunds_run(operator=member),
    ):
        with pytest.raises(PermissionDenied):
            call()

    batch.refresh_from_db()
    assert batch.status == PayoutBatchStatus.PENDING
    assert (PayoutBatch.objects.count(), LedgerTransaction.objects.count()) == counts


def test_marking_an_unknown_batch(operator: User) -> None:
    with pytest.raises(PayoutBatchNotFound):
        payout_mark_paid(operator=operator, batch_id=uuid.uuid4())


def test_the_command_makes_the_batches_and_prints_their_report() -> None:
    escrow = _released("1000.00")
    out, err = StringIO(), StringIO()

    call_command("payouts-run", "--currency", "eur", stdout=out, stderr=err)
    again_out, again_err = StringIO(), StringIO()
    call_command("payouts-run", stdout=again_out, stderr=again_err)

    payout = Payout.objects.get()
    assert payout.batch.created_by is None
    assert out.getvalue().splitlines() == [
        "supplier,legal_name,amount,currency,reference,status,orders",
        f"{escrow.supplier.display_name},{escrow.supplier.legal_name},970.00,EUR,"
        f"{payout.reference},pending,{escrow.hold.order_reference}",
    ]
    assert err.getvalue().splitlines() == [
        f"Batch {payout.batch_id}: 1 payouts, 970.00 EUR",
        "1 payout batches made.",
    ]
    assert again_out.getvalue() == ""
    assert again_err.getvalue().strip() == "Nothing is owed to suppliers: no payouts."
