"""Supplier payouts and buyer refunds paid out, from the ledger's balances.

- `payouts_run`: one batch per currency, one payout per supplier whose supplier_payable
  balance is positive, for all of it (supplier_payable -> payouts_in_transit). The operator
  then makes the bank transfers from the batch's report and marks the batch paid
  (`payout_mark_paid`: payouts_in_transit -> world).
- `refunds_run`: every positive buyer_refunds balance is paid out (buyer_refunds -> world).

Idempotent: the accounts are locked before their balances are read, so a second run (or two
operators at once) finds nothing left to pay; the ledger keys name the account and its last
posting (`payout:<account>:upto:<posting>`), so a retry of the same run books nothing twice.
"""

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.permissions import ensure_operator
from tradebridge.core.money import Money
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.payments.bank_errors import PayoutBatchNotFound
from tradebridge.payments.bank_transitions import PAYOUT_BATCH_TRANSITIONS, PAYOUT_TRANSITIONS
from tradebridge.payments.enums import (
    AccountKind,
    PayoutBatchStatus,
    PayoutStatus,
    TransactionKind,
)
from tradebridge.payments.ledger import from_minor, to_minor
from tradebridge.payments.models import LedgerAccount, Payout, PayoutBatch, Posting
from tradebridge.payments.references import ALPHABET
from tradebridge.payments.services.ledger import ledger_account, ledger_post

_BATCH = "payments.payoutbatch"


@dataclass(frozen=True, slots=True)
class RefundPaid:
    """A buyer's refunds paid out by `refunds_run` (the operator makes the bank transfer)."""

    buyer_id: uuid.UUID
    amount: Money
    ledger_key: str


def payouts_run(
    *, operator: User, currency: str | None = None, now: datetime | None = None
) -> list[PayoutBatch]:
    """Make a payout batch per currency (only `currency` when given) of everything owed to
    suppliers. Operators only. Returns the new batches (none when nothing is owed).
    Raises PermissionDenied."""
    ensure_operator(operator)
    return _payouts_run(created_by=operator, currency=currency, now=now or timezone.now())


def payouts_run_from_command(*, currency: str | None = None) -> list[PayoutBatch]:
    """`payouts_run` for `tradebridge payouts-run` (no operator account; `created_by` empty)."""
    return _payouts_run(created_by=None, currency=currency, now=timezone.now())


def payout_mark_paid(
    *, operator: User, batch_id: uuid.UUID, now: datetime | None = None
) -> PayoutBatch:
    """The bank paid the batch: each payout payouts_in_transit -> world, the batch `paid`.
    Idempotent (a paid batch is returned as it is). Operators only. Raises
    PermissionDenied, PayoutBatchNotFound."""
    ensure_operator(operator)
    now = now or timezone.now()
    with transaction.atomic():
        batch = PayoutBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            raise PayoutBatchNotFound(batch_id=str(batch_id))
        if batch.status == PayoutBatchStatus.PAID:
            return batch
        for payout in batch.payouts.select_for_update().exclude(status=PayoutStatus.PAID):
            _payout_paid(payout, now)
        ensure_transition(
            PAYOUT_BATCH_TRANSITIONS,
            current=PayoutBatchStatus(batch.status),
            target=PayoutBatchStatus.PAID,
        )
        batch.status, batch.paid_at = PayoutBatchStatus.PAID, now
        batch.save(update_fields=["status", "paid_at", "updated_at"])
        audit_record(
            action="payout_batch.paid",
            object_type=_BATCH,
            object_id=batch.pk,
            actor_user_id=operator.pk,
            data={"currency": batch.currency, "total": str(batch.total), "count": batch.count},
            occurred_at=now,
        )
    return batch


def refunds_run(
    *, operator: User, currency: str | None = None, now: datetime | None = None
) -> list[RefundPaid]:
    """Pay out every refund owed to a buyer (buyer_refunds -> world): the operator makes the
    bank transfers. Operators only. Idempotent as `payouts_run`. Raises PermissionDenied."""
    ensure_operator(operator)
    now = now or timezone.now()
    paid: list[RefundPaid] = []
    with transaction.atomic():
        for account in _locked_positive(AccountKind.BUYER_REFUNDS, currency):
            key = _key("refund-payout", account)
            amount = from_minor(account.balance_minor, account.currency)
            ledger_post(
                key=key,
                kind=TransactionKind.REFUND_PAID_OUT,
                currency=account.currency,
                order_id=None,
                memo=f"refunds paid out to buyer {account.company_id}",
                postings=[
                    (account, -account.balance_minor),
                    (ledger_account(AccountKind.WORLD, account.currency), account.balance_minor),
                ],
            )
            paid.append(RefundPaid(account.company_id, amount, key))
            audit_record(
                action="refund.paid_out",
                object_type="companies.company",
                object_id=account.company_id,
                actor_user_id=operator.pk,
                company_id=account.company_id,
                data={"amount": str(amount.amount), "currency": amount.currency, "key": key},
                occurred_at=now,
            )
    return paid


# --- helpers -------------------------------------------------------------------------------


def _payouts_run(
    *, created_by: User | None, currency: str | None, now: datetime
) -> list[PayoutBatch]:
    batches: list[PayoutBatch] = []
    with transaction.atomic():
        accounts = _locked_positive(AccountKind.SUPPLIER_PAYABLE, currency)
        for batch_currency in sorted({account.currency for account in accounts}):
            owed = [account for account in accounts if account.currency == batch_currency]
            batches.append(_batch(batch_currency, owed, created_by, now))
    return batches


def _locked_positive(kind: AccountKind, currency: str | None) -> list[LedgerAccount]:
    """The accounts of `kind` with money on them, locked (by primary key, as `ledger_post`
    locks), their balances read under the lock."""
    accounts = LedgerAccount.objects.filter(kind=kind, balance_minor__gt=0)
    if currency is not None:
        accounts = accounts.filter(currency=currency)
    ids = list(accounts.values_list("pk", flat=True))
    locked = LedgerAccount.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return [account for account in locked if account.balance_minor > 0]


def _batch(
    currency: str, accounts: list[LedgerAccount], created_by: User | None, now: datetime
) -> PayoutBatch:
    batch = PayoutBatch.objects.create(currency=currency, created_by=created_by)
    total = Money.zero(currency)
    for account in sorted(accounts, key=lambda account: str(account.company_id)):
        payout = _payout(batch, account, now)
        total += Money(payout.amount, currency)
    batch.count, batch.total = len(accounts), total.amount
    batch.save(update_fields=["count", "total", "updated_at"])
    audit_record(
        action="payout_batch.created",
        object_type=_BATCH,
        object_id=batch.pk,
        actor_user_id=created_by.pk if created_by is not None else None,
        data={"currency": currency, "total": str(total.amount), "count": batch.count},
        occurred_at=now,
    )
    return batch


def _payout(batch: PayoutBatch, account: LedgerAccount, now: datetime) -> Payout:
    amount = from_minor(account.balance_minor, account.currency)
    key = _key("payout", account)
    payout = Payout.objects.create(
        batch=batch,
        supplier_id=account.company_id,
        currency=account.currency,
        amount=amount.amount,
        reference=_payout_reference(now),
        ledger_key=key,
    )
    ledger_post(
        key=key,
        kind=TransactionKind.PAYOUT,
        currency=account.currency,
        order_id=None,
        memo=f"payout {payout.reference}",
        postings=[
            (account, -account.balance_minor),
            (
                ledger_account(AccountKind.PAYOUTS_IN_TRANSIT, account.currency),
                account.balance_minor,
            ),
        ],
    )
    return payout


def _payout_paid(payout: Payout, now: datetime) -> None:
    amount = to_minor(Money(payout.amount, payout.currency))
    key = f"payout:{payout.pk}:paid"
    ledger_post(
        key=key,
        kind=TransactionKind.PAYOUT,
        currency=payout.currency,
        order_id=None,
        memo=f"payout {payout.reference} paid",
        postings=[
            (ledger_account(AccountKind.PAYOUTS_IN_TRANSIT, payout.currency), -amount),
            (ledger_account(AccountKind.WORLD, payout.currency), amount),
        ],
    )
    ensure_transition(
        PAYOUT_TRANSITIONS, current=PayoutStatus(payout.status), target=PayoutStatus.PAID
    )
    payout.status, payout.paid_at, payout.paid_ledger_key = PayoutStatus.PAID, now, key
    payout.save(update_fields=["status", "paid_at", "paid_ledger_key", "updated_at"])


def _key(prefix: str, account: LedgerAccount) -> str:
    """`<prefix>:<account id>:upto:<its last posting id>`: the same balance, the same key."""
    last = Posting.objects.filter(account=account).order_by("-id").values_list("id", flat=True)[:1]
    return f"{prefix}:{account.pk}:upto:{last[0] if last else 0}"


def _payout_reference(now: datetime) -> str:
    """`PAY-20260302-7K3M9Q`: what the supplier sees on the bank transfer."""
    suffix = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"PAY-{now:%Y%m%d}-{suffix}"
