"""The operator's view of payments.

The ledger (accounts, transactions with their postings) and escrow holds with their
instalments are read-only: money moves only through the services, and postings never change.
Commission rates and the payment settings are edited here.
(payments-bank registers transfers, statements and payouts below.)
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tradebridge.core.admin import ReadOnlyAdmin
from tradebridge.payments.ledger import from_minor
from tradebridge.payments.models import (
    CommissionRate,
    EscrowHold,
    Instalment,
    LedgerAccount,
    LedgerTransaction,
    PaymentSettings,
    Posting,
)


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin[LedgerAccount]):
    list_display = ("kind", "currency", "company_id", "order_id", "balance")
    list_filter = ("kind", "currency")
    search_fields = ("=company_id", "=order_id", "=id")

    @admin.display(description=_("balance"), ordering="balance_minor")
    def balance(self, account: LedgerAccount) -> str:
        return str(from_minor(account.balance_minor, account.currency))


class PostingInline(admin.TabularInline[Posting, LedgerTransaction]):
    model = Posting
    fields = ("account", "amount")
    readonly_fields = ("account", "amount")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("amount"))
    def amount(self, posting: Posting) -> str:
        return str(from_minor(posting.amount_minor, posting.account.currency))


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin[LedgerTransaction]):
    list_display = ("created_at", "kind", "currency", "order_id", "key", "memo")
    list_filter = ("kind", "currency")
    search_fields = ("=key", "=order_id", "memo")
    date_hierarchy = "created_at"
    inlines = (PostingInline,)


class InstalmentInline(admin.TabularInline[Instalment, EscrowHold]):
    model = Instalment
    fields = ("position", "kind", "amount", "paid_amount", "currency", "reference", "status")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EscrowHold)
class EscrowHoldAdmin(ReadOnlyAdmin[EscrowHold]):
    list_display = (
        "order_reference",
        "buyer",
        "supplier",
        "total",
        "currency",
        "status",
        "deposited",
        "released",
        "refunded",
    )
    list_filter = ("status", "currency")
    search_fields = ("=order_reference", "=order_id", "=instalments__reference")
    list_select_related = ("buyer", "supplier")
    date_hierarchy = "created_at"
    inlines = (InstalmentInline,)

    @admin.display(description=_("deposited"))
    def deposited(self, hold: EscrowHold) -> str:
        return str(from_minor(hold.deposited_minor, hold.currency))

    @admin.display(description=_("released"))
    def released(self, hold: EscrowHold) -> str:
        return str(from_minor(hold.released_minor, hold.currency))

    @admin.display(description=_("refunded"))
    def refunded(self, hold: EscrowHold) -> str:
        return str(from_minor(hold.refunded_minor, hold.currency))


@admin.register(CommissionRate)
class CommissionRateAdmin(admin.ModelAdmin[CommissionRate]):
    """A rate applies to its category and everything under it; a row without a category is
    the default. Changing a rate affects orders placed afterwards only."""

    list_display = ("category", "percent", "updated_at")
    raw_id_fields = ("category",)
    search_fields = ("category__path",)
    list_select_related = ("category",)


@admin.register(PaymentSettings)
class PaymentSettingsAdmin(admin.ModelAdmin[PaymentSettings]):
    """One row: the operator edits it, never adds a second or deletes it."""

    list_display = (
        "deposit_deadline_days",
        "supplier_confirmation_hours",
        "protection_days",
        "dispute_response_days",
        "auto_escalation_days",
        "default_commission_percent",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not PaymentSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Transfers, statement uploads and payouts (payments-bank), disputes and the operator's
# decision (disputes): registered on import.
from tradebridge.payments import bank_admin, dispute_admin  # noqa: E402, F401
