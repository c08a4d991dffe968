"""Money arriving: bank credits (imported or entered), and card/wallet payments through a
payment provider with the provider's webhook events (deduplicated by event id)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.core.models import TimeStampedModel
from tradebridge.payments.enums import (
    PaymentProvider,
    ProviderPaymentStatus,
    TransferSource,
    TransferStatus,
)
from tradebridge.payments.models.base import choice_valid
from tradebridge.payments.models.escrow import Instalment


class IncomingTransfer(TimeStampedModel):
    """A bank credit. `source_ref` is unique per source (bank entry id, or a hash of the
    statement line): importing the same statement again adds nothing. Never deleted; what
    cannot be matched stays `unmatched`, held for review in `unapplied_funds`."""

    source = models.CharField(_("source"), max_length=16, choices=TransferSource.choices)
    source_ref = models.CharField(_("source reference"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3)
    reference_text = models.TextField(_("remittance text"), blank=True)
    payer_name = models.CharField(_("payer"), max_length=200, blank=True)
    value_date = models.DateField(_("value date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TransferStatus.choices,
        default=TransferStatus.UNMATCHED,
    )
    instalment = models.ForeignKey(
        Instalment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_transfers",
    )
    applied_amount = models.DecimalField(
        _("applied"), max_digits=20, decimal_places=4, default=Decimal(0)
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    note = models.TextField(_("operator note"), blank=True)
    # Keys of the ledger transactions this credit caused (receipt, later application, refund).
    ledger_key = models.CharField(_("ledger key"), max_length=200, blank=True)
    applied_ledger_key = models.CharField(_("applied ledger key"), max_length=200, blank=True)
    refund_ledger_key = models.CharField(_("refund ledger key"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("incoming transfer")
        verbose_name_plural = _("incoming transfers")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("source", TransferSource, "payments_transfer_source_valid"),
            choice_valid("status", TransferStatus, "payments_transfer_status_valid"),
            models.UniqueConstraint(
                fields=("source", "source_ref"), name="payments_transfer_source_ref_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal(0)), name="payments_transfer_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(applied_amount__gte=Decimal(0)) & Q(applied_amount__lte=F("amount")),
                name="payments_transfer_applied_within_amount",
            ),
        )
        indexes = (models.Index(fields=("status", "-created_at"), name="payments_transfer_queue"),)

    def __str__(self) -> str:
        return f"{self.source}:{self.source_ref} {self.amount} {self.currency}"


class ProviderPayment(TimeStampedModel):
    """A card or wallet payment of one instalment at a provider (a Stripe PaymentIntent)."""

    provider = models.CharField(_("provider"), max_length=16, choices=PaymentProvider.choices)
    provider_payment_id = models.CharField(_("provider payment id"), max_length=255)
    instalment = models.ForeignKey(
        Instalment, on_delete=models.PROTECT, related_name="provider_payments"
    )
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProviderPaymentStatus.choices,
        default=ProviderPaymentStatus.REQUIRES_PAYMENT,
    )
    client_secret = models.CharField(_("client secret"), max_length=255, blank=True)
    failure_code = models.CharField(_("failure code"), max_length=100, blank=True)
    succeeded_at = models.DateTimeField(_("succeeded at"), null=True, blank=True)
    # The provider's time of the newest event applied: an older event arriving late is ignored.
    last_event_at = models.DateTimeField(_("last event at"), null=True, blank=True)
    ledger_key = models.CharField(_("ledger key"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("provider payment")
        verbose_name_plural = _("provider payments")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("provider", PaymentProvider, "payments_provider_payment_provider_valid"),
            choice_valid("status", ProviderPaymentStatus, "payments_provider_payment_status_valid"),
            models.UniqueConstraint(
                fields=("provider", "provider_payment_id"),
                name="payments_provider_payment_unique",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal(0)),
                name="payments_provider_payment_amount_positive",
            ),
        )

    def __str__(self) -> str:
        return f"{self.provider}:{self.provider_payment_id} ({self.status})"


class ProviderEvent(models.Model):
    """An inbound provider webhook event, inserted in the same transaction as its effect:
    the unique (provider, event_id) makes a redelivery a no-op."""

    id = models.BigAutoField(primary_key=True)
    provider = models.CharField(_("provider"), max_length=16, choices=PaymentProvider.choices)
    event_id = models.CharField(_("event id"), max_length=255)
    event_type = models.CharField(_("event type"), max_length=100)
    payload = models.JSONField(_("payload"), default=dict)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")
        ordering = ("-received_at", "id")
        constraints = (
            choice_valid("provider", PaymentProvider, "payments_provider_event_provider_valid"),
            models.UniqueConstraint(
                fields=("provider", "event_id"), name="payments_provider_event_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id} {self.event_type}"
