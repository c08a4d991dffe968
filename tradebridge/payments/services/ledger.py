"""Writing the ledger: one balanced, idempotent transaction at a time.

`ledger_post` is the only writer of postings and of account balances. It locks the accounts
in primary-key order (a caller holding an escrow hold locks the hold first), refuses a
transaction that does not balance or would take an account other than `world` below zero,
and is idempotent on its key. `ledger_check` recomputes everything from the postings (used by
`tradebridge ledger-check`).
"""

import uuid
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import F

from tradebridge.core.models import NIL_UUID
from tradebridge.payments.enums import AccountKind, TransactionKind
from tradebridge.payments.errors import (
    LedgerInsufficientFunds,
    LedgerKeyConflict,
    LedgerUnbalanced,
)
from tradebridge.payments.ledger import net_postings
from tradebridge.payments.models import LedgerAccount, LedgerTransaction, Posting
from tradebridge.payments.reconciliation import LedgerReport, ledger_report

__all__ = ["LedgerReport", "ledger_account", "ledger_check", "ledger_post"]


def ledger_account(
    kind: AccountKind | str,
    currency: str,
    company_id: uuid.UUID | None = None,
    order_id: uuid.UUID | None = None,
) -> LedgerAccount:
    """The account of `kind` in `currency` for the company / order (None: not per company /
    per order), created with a zero balance on first use."""
    account, _created = LedgerAccount.objects.get_or_create(
        kind=kind,
        currency=currency,
        company_id=company_id or NIL_UUID,
        order_id=order_id or NIL_UUID,
    )
    return account


def ledger_post(
    *,
    key: str,
    kind: TransactionKind | str,
    currency: str,
    order_id: uuid.UUID | None,
    memo: str,
    postings: Sequence[tuple[LedgerAccount, int]],
) -> LedgerTransaction:
    """Write one transaction: each posting's amount (minor units) is added to its account.

    Idempotent on `key`: if a transaction with this key exists it is returned and nothing is
    written (LedgerKeyConflict if it was of another kind, currency or order). Postings to the
    same account are merged; zero nets are dropped. Raises LedgerUnbalanced (no postings
    left, sum not zero, an account in another currency) and LedgerInsufficientFunds.
    """
    net = _checked_net(currency, postings)
    with transaction.atomic():
        locked = _lock_accounts([account.pk for account in net])
        existing = _existing(key, kind=str(kind), currency=currency, order_id=order_id)
        if existing is not None:
            return existing
        for account, amount in net.items():
            _ensure_covered(locked[account.pk], amount)
        try:
            with transaction.atomic():
                entry = LedgerTransaction.objects.create(
                    key=key, kind=kind, currency=currency, order_id=order_id, memo=memo[:500]
                )
        except IntegrityError:
            found = _existing(key, kind=str(kind), currency=currency, order_id=order_id)
            if found is None:
                raise
            return found
        Posting.objects.bulk_create(
            Posting(transaction=entry, account_id=account.pk, amount_minor=amount)
            for account, amount in net.items()
        )
        for account, amount in sorted(net.items(), key=lambda item: item[0].pk):
            LedgerAccount.objects.filter(pk=account.pk).update(
                balance_minor=F("balance_minor") + amount
            )
            account.balance_minor = locked[account.pk].balance_minor + amount
    return entry


def ledger_check() -> LedgerReport:
    """Recompute every balance from the postings and compare (see `payments.reconciliation`)."""
    return ledger_report()


def _checked_net(
    currency: str, postings: Sequence[tuple[LedgerAccount, int]]
) -> dict[LedgerAccount, int]:
    foreign = sorted({a.currency for a, _amount in postings if a.currency != currency})
    if foreign:
        raise LedgerUnbalanced(
            "Every account of a transaction must be in its currency.", currencies=foreign
        )
    total = sum(amount for _account, amount in postings)
    if total != 0:
        raise LedgerUnbalanced(sum=total)
    merged = net_postings(postings)
    if not merged:
        raise LedgerUnbalanced("A ledger transaction needs postings that move money.", sum=0)
    return merged


def _lock_accounts(account_ids: list[uuid.UUID]) -> dict[uuid.UUID, LedgerAccount]:
    rows = LedgerAccount.objects.select_for_update().filter(pk__in=account_ids).order_by("pk")
    return {row.pk: row for row in rows}


def _existing(
    key: str, *, kind: str, currency: str, order_id: uuid.UUID | None
) -> LedgerTransaction | None:
    entry = LedgerTransaction.objects.filter(key=key).first()
    if entry is None:
        return None
    if (entry.kind, entry.currency, entry.order_id) != (kind, currency, order_id):
        raise LedgerKeyConflict(key=key, existing_kind=entry.kind, kind=kind)
    return entry


def _ensure_covered(account: LedgerAccount, amount: int) -> None:
    if account.kind == AccountKind.WORLD or account.balance_minor + amount >= 0:
        return
    raise LedgerInsufficientFunds(
        account_id=str(account.pk),
        kind=account.kind,
        balance=account.balance_minor,
        change=amount,
    )
