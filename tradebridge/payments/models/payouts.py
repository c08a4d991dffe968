"""Commission rates, supplier payouts and the operator's payment settings."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from tradebridge.core.models import TimeStampedModel
from tradebridge.payments.enums import PayoutBatchStatus, PayoutStatus
from tradebridge.payments.models.base import choice_valid


class CommissionRate(TimeStampedModel):
    """The platform's commission for a category and everything under it (edited by operators).
    A row without a category is the default rate; with no such row the default is
    `PaymentSettings.default_commission_percent` (`commission_percent_for`)."""

    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    percent = models.DecimalField(_("commission (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        ordering = ("category_id",)
        constraints = (
            # Google taxonomy ids start at 1: 0 stands for "no category" (one default row).
            models.UniqueConstraint(
                Coalesce("category", Value(0)), name="payments_commission_rate_unique"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=Decimal(0)) & Q(percent__lte=Decimal(100)),
                name="payments_commission_rate_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.category_id or '*'}: {self.percent} %"


class PayoutBatch(TimeStampedModel):
    """One run of supplier payouts in one currency (the payout report)."""

    currency = models.CharField(_("currency"), max_length=3)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    count = models.PositiveIntegerField(_("payouts"), default=0)
    total = models.DecimalField(_("total"), max_digits=20, decimal_places=4, default=Decimal(0))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PayoutBatchStatus.choices,
        default=PayoutBatchStatus.PENDING,
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("status", PayoutBatchStatus, "payments_payout_batch_status_valid"),
            models.CheckConstraint(
                condition=Q(total__gte=Decimal(0)), name="payments_payout_batch_total_not_negative"
            ),
        )

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.currency} ({self.count} payouts)"


class Payout(TimeStampedModel):
    """What one supplier is paid in one batch: supplier_payable -> payouts_in_transit when the
    batch is made (`ledger_key`), payouts_in_transit -> world when paid (`paid_ledger_key`)."""

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts")
    supplier = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=4)
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PayoutStatus.choices, default=PayoutStatus.PENDING
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=200, blank=True)
    ledger_key = models.CharField(_("ledger key"), max_length=200, blank=True)
    paid_ledger_key = models.CharField(_("paid ledger key"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ("batch", "supplier_id", "id")
        constraints = (
            choice_valid("status", PayoutStatus, "payments_payout_status_valid"),
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal(0)), name="payments_payout_amount_positive"
            ),
            models.UniqueConstraint(
                fields=("batch", "supplier"), name="payments_payout_one_per_supplier"
            ),
        )

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.currency}"


class PaymentSettings(models.Model):
    """The operator's payment settings: one row (id 1), read through
    `payments.selectors.payment_settings()`."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    deposit_deadline_days = models.PositiveIntegerField(_("days to pay the deposit"), default=7)
    supplier_confirmation_hours = models.PositiveIntegerField(
        _("hours for the supplier to confirm an order"), default=48
    )
    protection_days = models.PositiveIntegerField(
        _("buyer protection days after delivery"), default=30
    )
    dispute_response_days = models.PositiveIntegerField(
        _("days for the supplier to answer a dispute"), default=3
    )
    auto_escalation_days = models.PositiveIntegerField(
        _("days before a dispute escalates automatically"), default=7
    )
    shipping_grace_days = models.PositiveIntegerField(
        _("grace days after the shipping deadline"), default=7
    )
    default_commission_percent = models.DecimalField(
        _("default commission (%)"), max_digits=5, decimal_places=2, default=Decimal("3.00")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment settings")
        verbose_name_plural = _("payment settings")
        constraints = (
            models.CheckConstraint(condition=Q(id=1), name="payments_settings_singleton"),
            models.CheckConstraint(
                condition=Q(default_commission_percent__gte=Decimal(0))
                & Q(default_commission_percent__lte=Decimal(100)),
                name="payments_settings_commission_range",
            ),
        )

    def __str__(self) -> str:
        return str(_("Payment settings"))
