"""The double-entry ledger: accounts, transactions and their postings (integer minor units).

Sign convention: a posting's `amount_minor` is added to its account's balance; money entering
the platform makes `world` negative. Every transaction's postings sum to zero. Transactions and
postings are append-only: database triggers refuse UPDATE and DELETE (migration 0002).
Written only through `payments.services.ledger.ledger_post`.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.core.models import NIL_UUID
from tradebridge.payments.enums import AccountKind, TransactionKind
from tradebridge.payments.models.base import choice_valid


class LedgerAccount(models.Model):
    """One account in one currency. `company_id` / `order_id` are NIL_UUID when the account is
    not per company / per order (a real value, so the unique constraint holds).

    `balance_minor` is the sum of the account's postings, kept by `ledger_post` under a row lock
    in the transaction that writes them; `ledger-check` recomputes it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=24, choices=AccountKind.choices)
    currency = models.CharField(_("currency"), max_length=3)
    company_id = models.UUIDField(_("company"), default=NIL_UUID)
    order_id = models.UUIDField(_("order"), default=NIL_UUID)
    balance_minor = models.BigIntegerField(_("balance (minor units)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ("currency", "kind", "created_at", "id")
        constraints = (
            choice_valid("kind", AccountKind, "payments_account_kind_valid"),
            models.UniqueConstraint(
                fields=("kind", "currency", "company_id", "order_id"),
                name="payments_account_unique",
            ),
            models.CheckConstraint(
                condition=Q(kind=AccountKind.WORLD) | Q(balance_minor__gte=0),
                name="payments_account_balance_not_negative",
            ),
        )

    def __str__(self) -> str:
        owner = self.order_id if self.order_id != NIL_UUID else self.company_id
        suffix = f" {owner}" if owner != NIL_UUID else ""
        return f"{self.kind} {self.currency}{suffix}"


class LedgerTransaction(models.Model):
    """A balanced set of postings in one currency. `key` is the idempotency key: posting again
    with the same key returns this transaction and writes nothing. Never updated."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=TransactionKind.choices)
    currency = models.CharField(_("currency"), max_length=3)
    order_id = models.UUIDField(_("order"), null=True, blank=True, db_index=True)
    memo = models.CharField(_("memo"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        ordering = ("created_at", "id")
        constraints = (choice_valid("kind", TransactionKind, "payments_transaction_kind_valid"),)

    def __str__(self) -> str:
        return f"{self.kind} {self.currency} {self.key}"


class Posting(models.Model):
    """One line of a transaction: `amount_minor` (never zero) added to `account`."""

    id = models.BigAutoField(primary_key=True)
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="postings"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="postings")
    amount_minor = models.BigIntegerField(_("amount (minor units)"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ("id",)
        constraints = (
            models.CheckConstraint(
                condition=~Q(amount_minor=0), name="payments_posting_amount_not_zero"
            ),
        )

    def __str__(self) -> str:
        return f"{self.amount_minor:+d} → {self.account_id}"
