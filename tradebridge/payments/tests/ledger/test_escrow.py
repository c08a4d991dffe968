"""Escrow holds: the payment plan, payments (partial, full, over), releases, refunds,
cancellation, statuses, events and idempotency."""

import uuid
from decimal import Decimal

import pytest

from tradebridge.core.errors import InvalidTransition
from tradebridge.core.money import CurrencyMismatch, InvalidAmount, Money
from tradebridge.payments.enums import AccountKind
from tradebridge.payments.errors import (
    EscrowInsufficient,
    EscrowNotFound,
    InstalmentNotFound,
    InstalmentNotPayable,
    InvalidPaymentPlan,
    LedgerKeyConflict,
)
from tradebridge.payments.events import (
    EscrowRefunded,
    EscrowReleased,
    InstalmentPaid,
    PaymentReceived,
)
from tradebridge.payments.models import EscrowHold, Instalment, LedgerAccount, LedgerTransaction
from tradebridge.payments.reconciliation import ledger_report
from tradebridge.payments.services.escrow import (
    escrow_cancel_unpaid,
    escrow_lock,
    escrow_refund,
    escrow_release,
    escrow_summary,
    instalment_due_set,
    instalment_payment_apply,
)
from tradebridge.payments.services.ledger import ledger_account
from tradebridge.payments.tests.factories import DUE, instalments, open_hold, pay

pytestmark = pytest.mark.django_db


def balance_of(kind, currency="EUR", company_id=None, order_id=None) -> int:
    return ledger_account(kind, currency, company_id=company_id, order_id=order_id).balance_minor


def _amounts(hold: EscrowHold) -> tuple[str, int, int, int]:
    hold.refresh_from_db()
    return (hold.status, hold.deposited_minor, hold.released_minor, hold.refunded_minor)


# --- opening ----------------------------------------------------------------------------------


def test_a_deposit_plan_has_a_deposit_and_a_balance():
    hold = open_hold("1000.00", deposit_percent="30")
    deposit, balance = instalments(hold)
    assert (deposit.kind, deposit.amount, deposit.due_at, deposit.position) == (
        "deposit",
        Decimal("300.00"),
        DUE,
        1,
    )
    assert (balance.kind, balance.amount, balance.due_at, balance.position) == (
        "balance",
        Decimal("700.00"),
        None,
        2,
    )
    assert {deposit.status, balance.status} == {"pending"}
    assert deposit.reference != balance.reference
    assert (hold.status, hold.currency, hold.total, hold.commission_percent) == (
        "awaiting_funds",
        "EUR",
        Decimal("1000.00"),
        Decimal("3.00"),
    )


def test_the_deposit_is_rounded_half_up_and_the_balance_takes_the_rest():
    hold = open_hold("100.01", deposit_percent="50")
    deposit, balance = instalments(hold)
    assert (deposit.amount, balance.amount) == (Decimal("50.01"), Decimal("50.00"))


@pytest.mark.parametrize(("percent", "kind", "due"), [("100", "full", DUE), ("0", "balance", None)])
def test_full_prepayment_and_no_deposit_have_one_instalment(percent, kind, due):
    hold = open_hold("1000", deposit_percent=percent)
    (only,) = instalments(hold)
    assert (only.kind, only.amount, only.due_at) == (kind, Decimal(1000), due)


def test_a_deposit_too_small_to_be_a_cent_leaves_one_balance():
    hold = open_hold("0.01", deposit_percent="10")
    (only,) = instalments(hold)
    assert (only.kind, only.amount) == ("balance", Decimal("0.01"))


def test_opening_twice_for_one_order_returns_the_first_hold():
    order_id = uuid.uuid4()
    first = open_hold(order_id=order_id)
    again = open_hold("5.00", order_id=order_id)
    assert again.pk == first.pk
    assert EscrowHold.objects.count() == 1
    assert Instalment.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"deposit_percent": "101"}, "deposit_percent"),
        ({"deposit_percent": "-1"}, "deposit_percent"),
        ({"commission_percent": "100.01"}, "commission_percent"),
        ({"total": "0"}, "total"),
        ({"total": "-5"}, "total"),
    ],
)
def test_a_bad_plan_is_refused(fields, field):
    with pytest.raises(InvalidPaymentPlan) as raised:
        open_hold(**fields)
    assert raised.value.details["field"] == field
    assert EscrowHold.objects.count() == 0


def test_a_total_finer_than_a_cent_is_refused():
    with pytest.raises(InvalidAmount):
        open_hold("10.005")
    assert EscrowHold.objects.count() == 0


def test_instalment_due_set():
    hold = open_hold()
    _deposit, balance = instalments(hold)
    updated = instalment_due_set(instalment_id=balance.pk, due_at=DUE)
    balance.refresh_from_db()
    assert updated.due_at == balance.due_at == DUE
    with pytest.raises(InstalmentNotFound):
        instalment_due_set(instalment_id=uuid.uuid4(), due_at=DUE)


# --- paying ------------------------------------------------------------------------------------


def test_a_partial_payment(published):
    hold = open_hold()
    deposit, _balance = instalments(hold)
    result = pay(deposit, "100.00", key="pay-1")
    deposit.refresh_from_db()
    assert (deposit.status, deposit.paid_amount, deposit.paid_at) == (
        "partially_paid",
        Decimal("100.00"),
        None,
    )
    assert (result.applied, result.unapplied, result.became_paid, result.replayed) == (
        Money.of("100.00", "EUR"),
        Money.of("0.00", "EUR"),
        False,
        False,
    )
    assert _amounts(hold) == ("partially_funded", 10000, 0, 0)
    assert balance_of(AccountKind.ESCROW, order_id=hold.order_id) == 10000
    assert balance_of(AccountKind.WORLD) == -10000
    assert published == [PaymentReceived(hold.order_id, deposit.pk, "100.00", "EUR")]
    assert result.transaction.kind == "payment_received"
    assert result.transaction.order_id == hold.order_id


def test_paying_an_instalment_in_full_publishes_instalment_paid(published):
    hold = open_hold()
    deposit, _balance = instalments(hold)
    result = pay(deposit)
    deposit.refresh_from_db()
    assert (deposit.status, deposit.paid_amount, deposit.paid_at) == ("paid", Decimal(300), DUE)
    assert result.became_paid
    assert published == [
        PaymentReceived(hold.order_id, deposit.pk, "300.00", "EUR"),
        InstalmentPaid(hold.order_id, deposit.pk, "deposit"),
    ]
    assert _amounts(hold) == ("partially_funded", 30000, 0, 0)


def test_every_instalment_paid_funds_the_hold():
    hold = open_hold()
    for instalment in instalments(hold):
        pay(instalment)
    assert _amounts(hold) == ("funded", 100000, 0, 0)


def test_an_over_payment_holds_the_excess_for_review(published):
    hold = open_hold()
    deposit, _balance = instalments(hold)
    result = pay(deposit, "350.00")
    assert (result.applied, result.unapplied) == (Money.of("300", "EUR"), Money.of("50", "EUR"))
    assert balance_of(AccountKind.UNAPPLIED_FUNDS) == 5000
    assert balance_of(AccountKind.ESCROW, order_id=hold.order_id) == 30000
    assert balance_of(AccountKind.WORLD) == -35000
    assert _amounts(hold) == ("partially_funded", 30000, 0, 0)
    assert len(published) == 2


def test_a_payment_to_a_paid_instalment_goes_to_unapplied_funds(published):
    hold = open_hold()
    deposit, _balance = instalments(hold)
    pay(deposit)
    published.clear()
    result = pay(deposit, "20.00")
    assert (result.applied, result.unapplied) == (Money.of("0", "EUR"), Money.of("20", "EUR"))
    assert result.transaction.kind == "unapplied_received"
    assert result.transaction.order_id is None
    assert balance_of(AccountKind.UNAPPLIED_FUNDS) == 2000
    assert _amounts(hold) == ("partially_funded", 30000, 0, 0)
    assert published == []


def test_a_payment_replayed_with_its_key_changes_nothing(published):
    hold = open_hold()
    deposit, _balance = instalments(hold)
    first = pay(deposit, "350.00", key="bank-entry-1")
    published.clear()
    again = pay(deposit, "350.00", key="bank-entry-1")
    assert again.transaction == first.transaction
    assert (again.applied, again.unapplied, again.replayed) == (
        first.applied,
        first.unapplied,
        True,
    )
    assert LedgerTransaction.objects.count() == 1
    assert _amounts(hold) == ("partially_funded", 30000, 0, 0)
    deposit.refresh_from_db()
    assert deposit.paid_amount == Decimal(300)
    assert published == []


def test_a_payment_in_another_currency_is_refused():
    hold = open_hold()
    deposit, _balance = instalments(hold)
    with pytest.raises(CurrencyMismatch) as raised:
        instalment_payment_apply(
            instalment_id=deposit.pk, amount=Money.of("300", "USD"), key="k", source="bank"
        )
    assert raised.value.code == "currency_mismatch"
    assert raised.value.http_status == 422
    assert LedgerTransaction.objects.count() == 0
    assert _amounts(hold) == ("awaiting_funds", 0, 0, 0)


@pytest.mark.parametrize("amount", ["0", "-1.00", "1.001"])
def test_a_payment_of_nothing_or_finer_than_a_cent_is_refused(amount):
    hold = open_hold()
    deposit, _balance = instalments(hold)
    with pytest.raises(InvalidAmount):
        pay(deposit, amount)
    assert LedgerTransaction.objects.count() == 0


def test_paying_an_unknown_instalment():
    with pytest.raises(InstalmentNotFound):
        instalment_payment_apply(
            instalment_id=uuid.uuid4(), amount=Money.of("1", "EUR"), key="k", source="bank"
        )


def test_unapplied_funds_applied_later_by_an_operator(published):
    hold = open_hold()
    deposit, balance = instalments(hold)
    pay(deposit, "400.00")  # 100.00 too much: held for review
    published.clear()
    result = instalment_payment_apply(
        instalment_id=balance.pk,
        amount=Money.of("100.00", "EUR"),
        key="match-1",
        source="operator",
        from_unapplied=True,
    )
    assert result.transaction.kind == "unapplied_applied"
    assert (result.applied, result.unapplied) == (Money.of("100", "EUR"), Money.of("0", "EUR"))
    assert balance_of(AccountKind.UNAPPLIED_FUNDS) == 0
    assert balance_of(AccountKind.WORLD) == -40000
    assert _amounts(hold) == ("partially_funded", 40000, 0, 0)
    assert published == [PaymentReceived(hold.order_id, balance.pk, "100.00", "EUR")]


def test_unapplied_funds_cannot_go_to_a_paid_instalment():
    hold = open_hold()
    deposit, _balance = instalments(hold)
    pay(deposit, "400.00")
    with pytest.raises(InstalmentNotPayable):
        instalment_payment_apply(
            instalment_id=deposit.pk,
            amount=Money.of("100.00", "EUR"),
            key="match-1",
            source="operator",
            from_unapplied=True,
        )
    assert balance_of(AccountKind.UNAPPLIED_FUNDS) == 10000


# --- releasing and refunding -------------------------------------------------------------------


def _funded(total="1000.00", **fields):
    hold = open_hold(total, **fields)
    for instalment in instalments(hold):
        pay(instalment)
    return hold


def test_releasing_everything_pays_the_supplier_less_commission(published):
    hold = _funded(commission_percent="3.00")
    published.clear()
    entry = escrow_release(order_id=hold.order_id, key="release", reason="receipt confirmed")
    assert (entry.kind, entry.memo, entry.order_id) == (
        "escrow_release",
        "receipt confirmed",
        hold.order_id,
    )
    assert _amounts(hold) == ("released", 100000, 100000, 0)
    assert balance_of(AccountKind.SUPPLIER_PAYABLE, company_id=hold.supplier_id) == 97000
    assert balance_of(AccountKind.PLATFORM_COMMISSION) == 3000
    assert balance_of(AccountKind.ESCROW, order_id=hold.order_id) == 0
    assert published == [EscrowReleased(hold.order_id, "1000.00", "EUR")]


def test_commission_is_rounded_half_up_on_each_release():
    hold = _funded("100.50", commission_percent="3.00")
    escrow_release(order_id=hold.order_id, key="r", reason="x")  # 3.015 -> 3.02
    assert balance_of(AccountKind.PLATFORM_COMMISSION) == 302
    assert balance_of(AccountKind.SUPPLIER_PAYABLE, company_id=hold.supplier_id) == 9748


def test_a_partial_release_keeps_the_rest_held():
    hold = _funded()
    escrow_release(order_id=hold.order_id, key="r1", amount=Money.of("400", "EUR"), reason="x")
    assert _amounts(hold) == ("funded", 100000, 40000, 0)
    escrow_release(order_id=hold.order_id, key="r2", reason="x")
    assert _amounts(hold) == ("released", 100000, 100000, 0)


def test_releasing_more_than_held_is_refused():
    hold = _funded()
    with pytest.raises(EscrowInsufficient) as raised:
        escrow_release(
            order_id=hold.order_id, key="r", amount=Money.of("1000.01", "EUR"), reason="x"
        )
    assert raised.value.http_status == 409
    assert raised.value.details == {"held": "1000.00", "requested": "1000.01", "currency": "EUR"}
    assert _amounts(hold) == ("funded", 100000, 0, 0)
    assert not LedgerTransaction.objects.filter(kind="escrow_release").exists()


def test_releasing_when_nothing_is_held_is_refused():
    hold = open_hold()
    with pytest.raises(EscrowInsufficient):
        escrow_release(order_id=hold.order_id, key="r", reason="x")


def test_a_release_replayed_with_its_key_returns_the_first(published):
    hold = _funded()
    first = escrow_release(order_id=hold.order_id, key="r", reason="x")
    published.clear()
    assert escrow_release(order_id=hold.order_id, key="r", reason="x") == first
    assert _amounts(hold) == ("released", 100000, 100000, 0)
    assert published == []


def test_a_release_key_used_by_a_refund_conflicts():
    hold = _funded()
    escrow_refund(order_id=hold.order_id, key="k", amount=Money.of("1", "EUR"), reason="x")
    with pytest.raises(LedgerKeyConflict):
        escrow_release(order_id=hold.order_id, key="k", reason="x")


def test_a_refund_of_everything(published):
    hold = _funded()
    published.clear()
    escrow_refund(order_id=hold.order_id, key="refund", reason="cancelled")
    assert _amounts(hold) == ("refunded", 100000, 0, 100000)
    assert balance_of(AccountKind.BUYER_REFUNDS, company_id=hold.buyer_id) == 100000
    assert published == [EscrowRefunded(hold.order_id, "1000.00", "EUR")]


def test_a_dispute_split_partial_refund_then_release_closes_the_hold():
    hold = _funded()
    escrow_refund(order_id=hold.order_id, key="d1", amount=Money.of("250", "EUR"), reason="x")
    assert _amounts(hold) == ("partially_refunded", 100000, 0, 25000)
    escrow_release(order_id=hold.order_id, key="d2", reason="x")
    assert _amounts(hold) == ("closed", 100000, 75000, 25000)
    assert balance_of(AccountKind.BUYER_REFUNDS, company_id=hold.buyer_id) == 25000
    assert balance_of(AccountKind.SUPPLIER_PAYABLE, company_id=hold.supplier_id) == 72750
    assert balance_of(AccountKind.PLATFORM_COMMISSION) == 2250
    assert ledger_report().ok


def test_a_refund_never_exceeds_what_was_paid():
    hold = open_hold()
    deposit, _balance = instalments(hold)
    pay(deposit)
    with pytest.raises(EscrowInsufficient):
        escrow_refund(order_id=hold.order_id, key="k", amount=Money.of("300.01", "EUR"), reason="x")
    escrow_refund(order_id=hold.order_id, key="k", amount=Money.of("300.00", "EUR"), reason="x")
    assert _amounts(hold) == ("partially_refunded", 30000, 0, 30000)


def test_release_and_refund_in_another_currency_are_refused():
    hold = _funded()
    with pytest.raises(CurrencyMismatch):
        escrow_release(order_id=hold.order_id, key="k", amount=Money.of("1", "USD"), reason="x")
    with pytest.raises(CurrencyMismatch):
        escrow_refund(order_id=hold.order_id, key="k", amount=Money.of("1", "USD"), reason="x")


def test_unknown_order():
    with pytest.raises(EscrowNotFound):
        escrow_release(order_id=uuid.uuid4(), key="k", reason="x")
    with pytest.raises(EscrowNotFound):
        escrow_refund(order_id=uuid.uuid4(), key="k", reason="x")
    with pytest.raises(EscrowNotFound):
        escrow_cancel_unpaid(order_id=uuid.uuid4())
    with pytest.raises(EscrowNotFound):
        escrow_summary(order_id=uuid.uuid4())


# --- cancelling ----------------------------------------------------------------------------------


def test_cancelling_an_unpaid_order_closes_the_hold():
    hold = open_hold()
    escrow_cancel_unpaid(order_id=hold.order_id)
    assert [i.status for i in instalments(hold)] == ["cancelled", "cancelled"]
    assert _amounts(hold) == ("closed", 0, 0, 0)
    escrow_cancel_unpaid(order_id=hold.order_id)  # idempotent
    assert _amounts(hold) == ("closed", 0, 0, 0)


def test_cancelling_after_the_deposit_then_refunding_it():
    hold = open_hold()
    deposit, _balance = instalments(hold)
    pay(deposit, "100.00")
    escrow_cancel_unpaid(order_id=hold.order_id)
    assert [i.status for i in instalments(hold)] == ["cancelled", "cancelled"]
    assert _amounts(hold) == ("funded", 10000, 0, 0)
    escrow_refund(order_id=hold.order_id, key="refund", reason="order cancelled")
    assert _amounts(hold) == ("refunded", 10000, 0, 10000)


def test_refunding_before_cancelling_the_balance():
    hold = open_hold()
    deposit, _balance = instalments(hold)
    pay(deposit)
    escrow_refund(order_id=hold.order_id, key="refund", reason="order cancelled")
    assert _amounts(hold) == ("partially_refunded", 30000, 0, 30000)
    escrow_cancel_unpaid(order_id=hold.order_id)
    assert _amounts(hold) == ("refunded", 30000, 0, 30000)


def test_a_payment_after_cancellation_is_held_for_review():
    hold = open_hold()
    deposit, _balance = instalments(hold)
    escrow_cancel_unpaid(order_id=hold.order_id)
    deposit.refresh_from_db()
    result = pay(deposit, "300.00")
    assert result.applied == Money.of("0", "EUR")
    assert balance_of(AccountKind.UNAPPLIED_FUNDS) == 30000
    assert _amounts(hold) == ("closed", 0, 0, 0)


def test_a_settled_hold_refuses_to_move_back():
    hold = _funded()
    escrow_release(order_id=hold.order_id, key="r", reason="x")
    hold.refresh_from_db()
    hold.deposited_minor += 100  # as if money arrived on a released hold
    from tradebridge.payments.services import escrow

    with pytest.raises(InvalidTransition):
        escrow._hold_save(hold)


# --- summary -------------------------------------------------------------------------------------


def test_escrow_summary():
    hold = open_hold("1000.00")
    deposit, balance = instalments(hold)
    pay(deposit)
    escrow_release(order_id=hold.order_id, key="r", amount=Money.of("100", "EUR"), reason="x")
    summary = escrow_summary(order_id=hold.order_id)
    assert (summary.currency, summary.status, summary.commission_percent) == (
        "EUR",
        "partially_funded",
        "3.00",
    )
    assert [summary.total, summary.deposited, summary.released, summary.refunded, summary.held] == [
        Money.of(value, "EUR") for value in ("1000", "300", "100", "0", "200")
    ]
    assert summary.total.as_dict() == {"amount": "1000.00", "currency": "EUR"}
    assert [(view.id, view.kind, view.status, view.reference) for view in summary.instalments] == [
        (deposit.pk, "deposit", "paid", deposit.reference),
        (balance.pk, "balance", "pending", balance.reference),
    ]
    assert summary.instalments[0].amount.as_dict() == {"amount": "300.00", "currency": "EUR"}
    assert summary.instalments[1].paid_amount.as_dict() == {"amount": "0.00", "currency": "EUR"}


def test_zero_decimal_currencies():
    hold = _funded("10001", currency="JPY", commission_percent="3.00")
    escrow_release(order_id=hold.order_id, key="r", reason="x")
    assert balance_of(AccountKind.PLATFORM_COMMISSION, "JPY") == 300
    assert balance_of(AccountKind.SUPPLIER_PAYABLE, "JPY", company_id=hold.supplier_id) == 9701
    assert LedgerAccount.objects.filter(currency="JPY").count() == 5
    assert escrow_summary(order_id=hold.order_id).released.as_dict() == {
        "amount": "10001",
        "currency": "JPY",
    }


# --- the lock other apps take first ---------------------------------------------------------


def test_locking_the_hold_of_an_order_without_one_locks_nothing_and_raises_nothing(
    django_assert_num_queries,
):
    with django_assert_num_queries(1):
        escrow_lock(order_id=uuid.uuid4())
