"""Escrow holds (one per order) and their instalments (the payment plan).

The hold's `deposited_minor`, `released_minor` and `refunded_minor` are caches of the ledger,
written in the same transaction as the postings (`payments.services.escrow`); `ledger-check`
compares them with the ledger.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tradebridge.core.models import TimeStampedModel
from tradebridge.payments.enums import EscrowStatus, InstalmentKind, InstalmentStatus
from tradebridge.payments.models.base import choice_valid
from tradebridge.payments.references import new_payment_reference


class EscrowHold(TimeStampedModel):
    """The money of one order held by the platform between the buyer and the supplier."""

    order_id = models.UUIDField(_("order"), unique=True)
    order_reference = models.CharField(_("order reference"), max_length=32)
    buyer = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(_("currency"), max_length=3)
    total = models.DecimalField(_("total"), max_digits=20, decimal_places=4)
    commission_percent = models.DecimalField(_("commission (%)"), max_digits=5, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=EscrowStatus.choices,
        default=EscrowStatus.AWAITING_FUNDS,
    )
    deposited_minor = models.BigIntegerField(_("deposited (minor units)"), default=0)
    released_minor = models.BigIntegerField(_("released (minor units)"), default=0)
    refunded_minor = models.BigIntegerField(_("refunded (minor units)"), default=0)

    class Meta:
        verbose_name = _("escrow hold")
        verbose_name_plural = _("escrow holds")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("status", EscrowStatus, "payments_hold_status_valid"),
            models.CheckConstraint(
                condition=Q(total__gt=Decimal(0)), name="payments_hold_total_positive"
            ),
            models.CheckConstraint(
                condition=Q(commission_percent__gte=Decimal(0))
                & Q(commission_percent__lte=Decimal(100)),
                name="payments_hold_commission_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(deposited_minor__gte=0)
                & Q(released_minor__gte=0)
                & Q(refunded_minor__gte=0),
                name="payments_hold_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(deposited_minor__gte=F("released_minor") + F("refunded_minor")),
                name="payments_hold_out_within_deposited",
            ),
        )
        indexes = (
            models.Index(fields=("buyer", "-created_at"), name="payments_hold_buyer"),
            models.Index(fields=("supplier", "-created_at"), name="payments_hold_supplier"),
        )

    def __str__(self) -> str:
        return f"{self.order_reference} ({self.status})"

    @property
    def held_minor(self) -> int:
        return self.deposited_minor - self.released_minor - self.refunded_minor


class Instalment(TimeStampedModel):
    """One payment the buyer owes on an order: the deposit, the balance, or the full price.

    `reference` is what the buyer writes on a bank transfer (`payments.references`). `due_at`
    stays empty for a balance until orders sets it (`instalment_due_set`).
    """

    hold = models.ForeignKey(EscrowHold, on_delete=models.PROTECT, related_name="instalments")
    kind = models.CharField(_("kind"), max_length=16, choices=InstalmentKind.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3)
    paid_amount = models.DecimalField(
        _("paid"), max_digits=20, decimal_places=4, default=Decimal(0)
    )
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    reference = models.CharField(
        _("payment reference"),
        max_length=20,
        unique=True,
        default=new_payment_reference,
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InstalmentStatus.choices,
        default=InstalmentStatus.PENDING,
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ("hold", "position")
        constraints = (
            choice_valid("kind", InstalmentKind, "payments_instalment_kind_valid"),
            choice_valid("status", InstalmentStatus, "payments_instalment_status_valid"),
            models.UniqueConstraint(
                fields=("hold", "position"), name="payments_instalment_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal(0)), name="payments_instalment_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__gte=Decimal(0)) & Q(paid_amount__lte=F("amount")),
                name="payments_instalment_paid_within_amount",
            ),
            models.CheckConstraint(
                condition=~Q(status=InstalmentStatus.PAID)
                | (Q(paid_amount=F("amount")) & Q(paid_at__isnull=False)),
                name="payments_instalment_paid_in_full",
            ),
        )
        indexes = (models.Index(fields=("status", "due_at"), name="payments_instalment_due"),)

    def __str__(self) -> str:
        return f"{self.reference} {self.kind} {self.amount} {self.currency}"
