"""`ledger_post` and `ledger_account`: balanced, covered, idempotent, merged."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from tradebridge.core.models import NIL_UUID
from tradebridge.payments.enums import AccountKind, TransactionKind
from tradebridge.payments.errors import (
    LedgerInsufficientFunds,
    LedgerKeyConflict,
    LedgerUnbalanced,
)
from tradebridge.payments.models import LedgerAccount, LedgerTransaction, Posting
from tradebridge.payments.services.ledger import ledger_account, ledger_post

pytestmark = pytest.mark.django_db


def _balances(*accounts: LedgerAccount) -> list[int]:
    return [LedgerAccount.objects.get(pk=account.pk).balance_minor for account in accounts]


@pytest.fixture
def world():
    return ledger_account(AccountKind.WORLD, "EUR")


@pytest.fixture
def unapplied():
    return ledger_account(AccountKind.UNAPPLIED_FUNDS, "EUR")


def _receive(world, unapplied, amount=1000, key="k1"):
    return ledger_post(
        key=key,
        kind=TransactionKind.UNAPPLIED_RECEIVED,
        currency="EUR",
        order_id=None,
        memo="unknown reference",
        postings=[(world, -amount), (unapplied, amount)],
    )


def test_ledger_account_is_created_once_per_kind_currency_company_order():
    company, order = uuid.uuid4(), uuid.uuid4()
    first = ledger_account(AccountKind.SUPPLIER_PAYABLE, "EUR", company_id=company)
    assert ledger_account(AccountKind.SUPPLIER_PAYABLE, "EUR", company_id=company) == first
    assert ledger_account(AccountKind.SUPPLIER_PAYABLE, "USD", company_id=company) != first
    escrow = ledger_account(AccountKind.ESCROW, "EUR", order_id=order)
    assert (escrow.company_id, escrow.order_id, escrow.balance_minor) == (NIL_UUID, order, 0)
    world = ledger_account(AccountKind.WORLD, "EUR")
    assert (world.company_id, world.order_id) == (NIL_UUID, NIL_UUID)
    assert LedgerAccount.objects.count() == 4


def test_a_posting_adds_to_balances(world, unapplied):
    entry = _receive(world, unapplied)
    assert _balances(world, unapplied) == [-1000, 1000]
    assert sorted(entry.postings.values_list("amount_minor", flat=True)) == [-1000, 1000]
    assert (entry.kind, entry.currency, entry.memo) == (
        "unapplied_received",
        "EUR",
        "unknown reference",
    )
    # the instances passed in carry the new balances too
    assert (world.balance_minor, unapplied.balance_minor) == (-1000, 1000)


def test_the_same_key_returns_the_first_transaction_and_adds_nothing(world, unapplied):
    first = _receive(world, unapplied)
    again = _receive(world, unapplied, amount=999)
    assert again == first
    assert LedgerTransaction.objects.count() == 1
    assert Posting.objects.count() == 2
    assert _balances(world, unapplied) == [-1000, 1000]


def test_a_key_used_for_another_kind_conflicts(world, unapplied):
    _receive(world, unapplied)
    with pytest.raises(LedgerKeyConflict) as raised:
        ledger_post(
            key="k1",
            kind=TransactionKind.ADJUSTMENT,
            currency="EUR",
            order_id=None,
            memo="",
            postings=[(unapplied, -1), (world, 1)],
        )
    assert raised.value.details == {
        "key": "k1",
        "existing_kind": "unapplied_received",
        "kind": "adjustment",
    }
    assert _balances(world, unapplied) == [-1000, 1000]


def test_unbalanced_postings_are_refused(world, unapplied):
    with pytest.raises(LedgerUnbalanced) as raised:
        ledger_post(
            key="k",
            kind=TransactionKind.ADJUSTMENT,
            currency="EUR",
            order_id=None,
            memo="",
            postings=[(world, -100), (unapplied, 99)],
        )
    assert raised.value.details == {"sum": -1}
    assert LedgerTransaction.objects.count() == 0
    assert _balances(world, unapplied) == [0, 0]


def test_postings_that_cancel_out_are_refused(world):
    with pytest.raises(LedgerUnbalanced):
        ledger_post(
            key="k",
            kind=TransactionKind.ADJUSTMENT,
            currency="EUR",
            order_id=None,
            memo="",
            postings=[(world, -100), (world, 100)],
        )
    assert LedgerTransaction.objects.count() == 0


def test_an_account_in_another_currency_is_refused(world):
    dollars = ledger_account(AccountKind.UNAPPLIED_FUNDS, "USD")
    with pytest.raises(LedgerUnbalanced) as raised:
        ledger_post(
            key="k",
            kind=TransactionKind.ADJUSTMENT,
            currency="EUR",
            order_id=None,
            memo="",
            postings=[(world, -100), (dollars, 100)],
        )
    assert raised.value.details == {"currencies": ["USD"]}
    assert LedgerTransaction.objects.count() == 0


def test_only_world_may_go_negative(world, unapplied):
    _receive(world, unapplied, amount=500)
    commission = ledger_account(AccountKind.PLATFORM_COMMISSION, "EUR")
    with pytest.raises(LedgerInsufficientFunds) as raised:
        ledger_post(
            key="k2",
            kind=TransactionKind.ADJUSTMENT,
            currency="EUR",
            order_id=None,
            memo="",
            postings=[(unapplied, -501), (commission, 501)],
        )
    assert raised.value.details == {
        "account_id": str(unapplied.pk),
        "kind": "unapplied_funds",
        "balance": 500,
        "change": -501,
    }
    assert _balances(world, unapplied, commission) == [-500, 500, 0]
    assert LedgerTransaction.objects.count() == 1


def test_postings_to_one_account_are_merged(world, unapplied):
    entry = ledger_post(
        key="k",
        kind=TransactionKind.UNAPPLIED_RECEIVED,
        currency="EUR",
        order_id=None,
        memo="",
        postings=[(world, -300), (unapplied, 100), (unapplied, 200), (world, 0)],
    )
    assert sorted(entry.postings.values_list("amount_minor", flat=True)) == [-300, 300]
    assert _balances(world, unapplied) == [-300, 300]


def test_the_database_refuses_a_negative_balance_outside_world(unapplied):
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerAccount.objects.filter(pk=unapplied.pk).update(balance_minor=-1)
