"""Quotes with their append-only revisions and attachments, counter-offers, and the agreed
deal that freezes an accepted quote's terms."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.iso_codes import validate_currency_code
from tradebridge.companies.models import private_storage
from tradebridge.core.incoterms import Incoterm
from tradebridge.core.models import TimeStampedModel
from tradebridge.rfq.enums import AttachmentContentType, BalanceDue, CounterOfferStatus, QuoteStatus
from tradebridge.rfq.models.base import (
    AttachmentBase,
    attachment_path,
    choice_valid,
    new_deal_reference,
)
from tradebridge.rfq.models.rfqs import RFQ


def _quote_attachment_path(attachment: "QuoteAttachment", filename: str) -> str:
    return attachment_path("quotes", attachment.revision_id, attachment.content_type)


class Quote(TimeStampedModel):
    """A supplier's answer to an RFQ: one per supplier and RFQ; its terms are its revisions."""

    rfq = models.ForeignKey(RFQ, on_delete=models.CASCADE, related_name="quotes")
    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="quotes"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=QuoteStatus.choices, default=QuoteStatus.SUBMITTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    current_revision_number = models.PositiveIntegerField(_("current revision"), default=1)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ("rfq", "created_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("rfq", "supplier"), name="rfq_quote_one_per_supplier"),
            choice_valid("status", QuoteStatus, "rfq_quote_status_valid"),
            models.CheckConstraint(
                condition=Q(current_revision_number__gte=1), name="rfq_quote_revision_positive"
            ),
        )
        indexes = (models.Index(fields=("supplier", "-created_at"), name="rfq_quote_supplier"),)

    def __str__(self) -> str:
        return f"{self.rfq_id} / {self.supplier_id}"


class QuoteRevision(models.Model):
    """One version of a quote's terms. Append-only: a revision is never changed, a new one is
    added. `tiers` is `[{"min_quantity": int, "unit_price": "decimal string"}, ...]`, ascending,
    unit prices never rising.

    The FX rates used for comparison are frozen here: `fx_rates` maps each currency involved
    (the revision's and the buyer's) to its units per euro as a decimal string, from
    `fx_source` on `fx_rate_date` (empty when no rate was available).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency_code])
    tiers = models.JSONField(_("price tiers"))
    moq = models.PositiveIntegerField(_("minimum order quantity"))
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"))
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    valid_until = models.DateField(_("valid until"))
    sample_price = models.DecimalField(
        _("sample price"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    sample_days = models.PositiveIntegerField(_("sample time (days)"), null=True, blank=True)
    deposit_percent = models.DecimalField(
        _("deposit (%)"), max_digits=5, decimal_places=2, default=Decimal(30)
    )
    balance_due = models.CharField(
        _("balance due"),
        max_length=24,
        choices=BalanceDue.choices,
        default=BalanceDue.BEFORE_SHIPMENT,
    )
    notes = models.TextField(_("notes"), blank=True)
    fx_rates = models.JSONField(_("frozen FX rates (per EUR)"), default=dict, blank=True)
    fx_rate_date = models.DateField(_("FX rate date"), null=True, blank=True)
    fx_source = models.CharField(_("FX source"), max_length=32, blank=True)
    answers_counter_offer = models.ForeignKey(
        "rfq.CounterOffer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answering_revisions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("quote revision")
        verbose_name_plural = _("quote revisions")
        ordering = ("quote", "number")
        constraints = (
            models.UniqueConstraint(fields=("quote", "number"), name="rfq_revision_unique"),
            choice_valid("incoterm", Incoterm, "rfq_revision_incoterm_valid"),
            choice_valid("balance_due", BalanceDue, "rfq_revision_balance_due_valid"),
            models.CheckConstraint(condition=Q(number__gte=1), name="rfq_revision_number_pos"),
            models.CheckConstraint(condition=Q(moq__gte=1), name="rfq_revision_moq_positive"),
            models.CheckConstraint(
                condition=Q(deposit_percent__gte=0) & Q(deposit_percent__lte=100),
                name="rfq_revision_deposit_range",
            ),
            models.CheckConstraint(
                condition=Q(sample_price__isnull=True) | Q(sample_price__gte=0),
                name="rfq_revision_sample_price_not_negative",
            ),
        )

    def __str__(self) -> str:
        return f"{self.quote_id} #{self.number}"


class QuoteAttachment(AttachmentBase):
    """A file a supplier attached to one revision of its quote."""

    revision = models.ForeignKey(
        QuoteRevision, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=_quote_attachment_path)

    class Meta:
        verbose_name = _("quote attachment")
        verbose_name_plural = _("quote attachments")
        ordering = ("revision", "created_at", "id")
        constraints = (
            choice_valid("content_type", AttachmentContentType, "rfq_quoteattachment_type_valid"),
        )


class CounterOffer(models.Model):
    """The buyer's answer to one revision of a quote: the price, quantity and terms it wants.

    The supplier answers with a new revision (which points back here) or declines.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="counter_offers")
    revision = models.ForeignKey(
        QuoteRevision, on_delete=models.CASCADE, related_name="counter_offers"
    )
    target_unit_price = models.DecimalField(_("target unit price"), max_digits=18, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency_code])
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    terms = models.TextField(_("terms"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CounterOfferStatus.choices,
        default=CounterOfferStatus.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("counter-offer")
        verbose_name_plural = _("counter-offers")
        ordering = ("quote", "created_at", "id")
        constraints = (
            choice_valid("status", CounterOfferStatus, "rfq_counteroffer_status_valid"),
            models.CheckConstraint(
                condition=Q(target_unit_price__gt=Decimal(0)),
                name="rfq_counteroffer_price_positive",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gte=1),
                name="rfq_counteroffer_quantity_positive",
            ),
        )

    def __str__(self) -> str:
        return f"{self.quote_id}: {self.target_unit_price} {self.currency}"


class Deal(models.Model):
    """The agreed deal: an accepted quote's terms, frozen. Written once, never updated.

    `fx` is the frozen rate information copied from the accepted revision
    (`{"rates": {...}, "date": "YYYY-MM-DD", "source": "ECB"}`). The orders app turns a deal
    into an order from these values; it knows the deal by its reference only.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_deal_reference, editable=False
    )
    rfq = models.ForeignKey(RFQ, on_delete=models.PROTECT, related_name="deals")
    quote = models.OneToOneField(Quote, on_delete=models.PROTECT, related_name="deal")
    revision = models.ForeignKey(QuoteRevision, on_delete=models.PROTECT, related_name="+")
    buyer = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="deals_bought"
    )
    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="deals_sold"
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency_code])
    unit_price = models.DecimalField(_("unit price"), max_digits=18, decimal_places=4)
    quantity = models.PositiveIntegerField(_("quantity"))
    total = models.DecimalField(_("total"), max_digits=20, decimal_places=4)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"))
    deposit_percent = models.DecimalField(_("deposit (%)"), max_digits=5, decimal_places=2)
    balance_due = models.CharField(_("balance due"), max_length=24, choices=BalanceDue.choices)
    valid_until = models.DateField(_("valid until"))
    fx = models.JSONField(_("frozen FX rate"), default=dict, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("incoterm", Incoterm, "rfq_deal_incoterm_valid"),
            choice_valid("balance_due", BalanceDue, "rfq_deal_balance_due_valid"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="rfq_deal_quantity_pos"),
            models.CheckConstraint(
                condition=Q(unit_price__gt=Decimal(0)), name="rfq_deal_unit_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(total__gt=Decimal(0)), name="rfq_deal_total_positive"
            ),
            models.CheckConstraint(
                condition=Q(deposit_percent__gte=0) & Q(deposit_percent__lte=100),
                name="rfq_deal_deposit_range",
            ),
            models.CheckConstraint(
                condition=~Q(buyer=F("supplier")), name="rfq_deal_two_companies"
            ),
        )

    def __str__(self) -> str:
        return self.reference
