"""Postings and ledger transactions are append-only in the database itself: an UPDATE or a
DELETE fails through the ORM and through raw SQL, on SQLite and on PostgreSQL."""

from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from tradebridge.payments import db_triggers
from tradebridge.payments.models import LedgerTransaction, Posting
from tradebridge.payments.tests.factories import instalments, open_hold, pay


@pytest.fixture
def posted():
    hold = open_hold()
    deposit, _balance = instalments(hold)
    return pay(deposit).transaction


def _refused(action) -> str:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        action()
    return str(raised.value)


def _raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
class TestPostings:
    def test_orm_update_fails(self, posted):
        message = _refused(
            lambda: Posting.objects.filter(transaction=posted).update(amount_minor=1)
        )
        assert "append-only" in message
        assert "UPDATE on payments_posting" in message

    def test_orm_save_of_a_changed_posting_fails(self, posted):
        posting = posted.postings.first()
        posting.amount_minor += 1
        assert "append-only" in _refused(posting.save)

    def test_orm_delete_fails(self, posted):
        message = _refused(lambda: Posting.objects.filter(transaction=posted).delete())
        assert "DELETE on payments_posting" in message

    def test_raw_update_fails(self, posted):
        assert "append-only" in _refused(
            lambda: _raw("UPDATE payments_posting SET amount_minor = 0 - amount_minor", [])
        )

    def test_raw_delete_fails(self, posted):
        assert "append-only" in _refused(lambda: _raw("DELETE FROM payments_posting", []))
        assert Posting.objects.filter(transaction=posted).count() == 3 - 1  # world, escrow

    def test_nothing_changed(self, posted):
        before = sorted(Posting.objects.values_list("id", "amount_minor"))
        _refused(lambda: Posting.objects.update(amount_minor=5))
        _refused(lambda: _raw("DELETE FROM payments_posting WHERE id = %s", [before[0][0]]))
        assert sorted(Posting.objects.values_list("id", "amount_minor")) == before


@pytest.mark.django_db
class TestTransactions:
    def test_orm_update_fails(self, posted):
        message = _refused(lambda: LedgerTransaction.objects.filter(pk=posted.pk).update(memo="x"))
        assert "UPDATE on payments_ledgertransaction" in message

    def test_orm_delete_fails(self, posted):
        # Django deletes the postings first (their foreign key protects the transaction).
        assert "append-only" in _refused(lambda: Posting.objects.all().delete())
        assert "DELETE on payments_ledgertransaction" in _refused(
            lambda: _raw(
                "DELETE FROM payments_ledgertransaction WHERE id = %s",
                [posted.pk.hex if connection.vendor == "sqlite" else posted.pk],
            )
        )

    def test_raw_update_fails(self, posted):
        assert "append-only" in _refused(
            lambda: _raw("UPDATE payments_ledgertransaction SET key = 'other'", [])
        )
        assert LedgerTransaction.objects.get(pk=posted.pk).key == posted.key


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_ledger_and_keeps_the_triggers(posted):
    call_command("flush", verbosity=0, interactive=False)
    assert Posting.objects.count() == 0
    assert LedgerTransaction.objects.count() == 0
    assert _trigger_names() == _expected_trigger_names()


def _trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cursor.fetchall() if name.startswith("payments_")}


def _expected_trigger_names() -> set[str]:
    if connection.vendor == "sqlite":
        return {
            f"{table}_no_{operation}"
            for table in db_triggers.APPEND_ONLY_TABLES
            for operation in ("update", "delete")
        }
    return {f"{table}_append_only" for table in db_triggers.APPEND_ONLY_TABLES}


@pytest.mark.django_db
def test_the_triggers_are_installed():
    assert _trigger_names() == _expected_trigger_names()
