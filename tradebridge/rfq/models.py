"""RFQs and what answers them: invitations (also the stored matching result), quotes with their
append-only revisions, counter-offers, and the agreed deal that freezes the accepted terms.

Rows are written only through `rfq.services`; statuses move through `rfq.transitions`.
Attachments live in private storage and are served only by a permission-checked view through
short-lived signed links (`rfq.downloads`).
"""

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.enums import Unit
from tradebridge.companies.iso_codes import validate_country_code, validate_currency_code
from tradebridge.companies.models import private_storage
from tradebridge.core.incoterms import Incoterm
from tradebridge.core.models import TimeStampedModel
from tradebridge.rfq.enums import (
    AttachmentContentType,
    BalanceDue,
    CounterOfferStatus,
    InvitationSource,
    QuoteStatus,
    RFQClosedReason,
    RFQReportStatus,
    RFQStatus,
    RFQVisibility,
)

# Crockford-like base32 without look-alikes (no 0/O, 1/I/L, U): easy to read out on the phone.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_REFERENCE_LENGTH = 8


def _reference(prefix: str) -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(_REFERENCE_LENGTH))
    return f"{prefix}-{body}"


def new_rfq_reference() -> str:
    """A fresh human-readable RFQ reference, e.g. `RFQ-7KX2M9QH` (unique by constraint)."""
    return _reference("RFQ")


def new_deal_reference() -> str:
    """A fresh human-readable deal reference, e.g. `DEAL-Q4TN8WZ3` (unique by constraint)."""
    return _reference("DEAL")


def _choice_valid(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def _nullable_choice_valid(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": choices.values}),
        name=name,
    )


class RFQ(TimeStampedModel):
    """A Buyer's request for quotation: what it needs, how many, where, on which terms, by when.

    `show_quote_count` is the buyer's choice to let suppliers see how many quotes came in;
    by default suppliers never learn it.
    """

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_rfq_reference, editable=False
    )
    buyer = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="rfqs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="rfqs"
    )
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="rfqs"
    )
    # {name: value}, both strings, in the buyer's order.
    specs = models.JSONField(_("specifications"), default=dict, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.PIECE)
    target_unit_price = models.DecimalField(
        _("target unit price"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency_code])
    destination_country = models.CharField(
        _("destination country"), max_length=2, validators=[validate_country_code]
    )
    destination_place = models.CharField(_("destination port or city"), max_length=120, blank=True)
    incoterm = models.CharField(
        _("Incoterm"), max_length=3, choices=Incoterm.choices, null=True, blank=True
    )
    certifications = models.JSONField(_("required certifications"), default=list, blank=True)
    sample_needed = models.BooleanField(_("sample needed"), default=False)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    quote_deadline = models.DateTimeField(_("quote deadline"))
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=RFQVisibility.choices, default=RFQVisibility.PUBLIC
    )
    quote_cap = models.PositiveIntegerField(_("maximum number of quotes"), null=True, blank=True)
    show_quote_count = models.BooleanField(_("show suppliers the number of quotes"), default=False)
    language = models.CharField(_("language"), max_length=16, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RFQStatus.choices, default=RFQStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_reason = models.CharField(
        _("closed because"), max_length=16, choices=RFQClosedReason.choices, blank=True
    )
    awarded_at = models.DateTimeField(_("awarded at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("RFQ")
        verbose_name_plural = _("RFQs")
        ordering = ("-created_at", "id")
        constraints = (
            _choice_valid("status", RFQStatus, "rfq_rfq_status_valid"),
            _choice_valid("visibility", RFQVisibility, "rfq_rfq_visibility_valid"),
            _choice_valid("unit", Unit, "rfq_rfq_unit_valid"),
            _nullable_choice_valid("incoterm", Incoterm, "rfq_rfq_incoterm_valid"),
            models.CheckConstraint(
                condition=Q(closed_reason="") | Q(closed_reason__in=RFQClosedReason.values),
                name="rfq_rfq_closed_reason_valid",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="rfq_rfq_quantity_positive"),
            models.CheckConstraint(
                condition=Q(quote_cap__isnull=True) | Q(quote_cap__gte=1),
                name="rfq_rfq_quote_cap_positive",
            ),
            models.CheckConstraint(
                condition=Q(target_unit_price__isnull=True) | Q(target_unit_price__gt=Decimal(0)),
                name="rfq_rfq_target_price_positive",
            ),
        )
        indexes = (
            models.Index(fields=("buyer", "-created_at"), name="rfq_rfq_buyer_newest"),
            models.Index(fields=("status", "quote_deadline"), name="rfq_rfq_status_deadline"),
            models.Index(
                fields=("status", "visibility", "-opened_at"), name="rfq_rfq_public_newest"
            ),
        )

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


def _attachment_path(prefix: str, owner_id: object, content_type: str) -> str:
    # The stored name is random: the uploader's file name is kept in `original_filename` only.
    extension = {
        AttachmentContentType.PDF: "pdf",
        AttachmentContentType.JPEG: "jpg",
        AttachmentContentType.PNG: "png",
        AttachmentContentType.WEBP: "webp",
    }.get(AttachmentContentType(content_type), "bin")
    return f"{prefix}/{owner_id}/{uuid.uuid4().hex}.{extension}"


def _rfq_attachment_path(attachment: "RFQAttachment", filename: str) -> str:
    return _attachment_path("rfq", attachment.rfq_id, attachment.content_type)


def _quote_attachment_path(attachment: "QuoteAttachment", filename: str) -> str:
    return _attachment_path("quotes", attachment.revision_id, attachment.content_type)


class AttachmentBase(models.Model):
    """A file in private storage: its sniffed type, size, digest, uploader and original name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    original_filename = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(
        _("content type"), max_length=32, choices=AttachmentContentType.choices
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_filename


class RFQAttachment(AttachmentBase):
    """A file the buyer attached to an RFQ (drawing, specification sheet, photo)."""

    rfq = models.ForeignKey(RFQ, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to=_rfq_attachment_path)

    class Meta:
        verbose_name = _("RFQ attachment")
        verbose_name_plural = _("RFQ attachments")
        ordering = ("rfq", "created_at", "id")
        constraints = (
            _choice_valid("content_type", AttachmentContentType, "rfq_rfqattachment_type_valid"),
        )


class RFQInvitation(TimeStampedModel):
    """A supplier asked to quote on an RFQ: invited by the buyer, or ranked by matching.

    It is also the stored matching result (`score`, `reasons`, `rank`) and the record of the
    supplier's attention (notified, seen, responded with a quote or declined), from which
    response rates are computed. `reasons` is a list of `{"code": str, "params": {...}}`.
    """

    rfq = models.ForeignKey(RFQ, on_delete=models.CASCADE, related_name="invitations")
    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="rfq_invitations"
    )
    source = models.CharField(_("source"), max_length=16, choices=InvitationSource.choices)
    score = models.FloatField(_("match score"), null=True, blank=True)
    reasons = models.JSONField(_("match reasons"), default=list, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    # When the supplier's digest e-mail claimed this invitation (`rfq.services.matching`):
    # set in the transaction that sends, so an invitation is e-mailed at most once.
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("RFQ invitation")
        verbose_name_plural = _("RFQ invitations")
        ordering = ("rfq", "rank", "created_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("rfq", "supplier"), name="rfq_invitation_unique"),
            _choice_valid("source", InvitationSource, "rfq_invitation_source_valid"),
        )
        indexes = (
            models.Index(fields=("supplier", "-created_at"), name="rfq_invitation_supplier"),
        )

    def __str__(self) -> str:
        return f"{self.rfq_id} → {self.supplier_id}"


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
            _choice_valid("status", QuoteStatus, "rfq_quote_status_valid"),
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
            _choice_valid("incoterm", Incoterm, "rfq_revision_incoterm_valid"),
            _choice_valid("balance_due", BalanceDue, "rfq_revision_balance_due_valid"),
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
            _choice_valid("content_type", AttachmentContentType, "rfq_quoteattachment_type_valid"),
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
            _choice_valid("status", CounterOfferStatus, "rfq_counteroffer_status_valid"),
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
            _choice_valid("incoterm", Incoterm, "rfq_deal_incoterm_valid"),
            _choice_valid("balance_due", BalanceDue, "rfq_deal_balance_due_valid"),
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


class RFQSettings(models.Model):
    """The operator's RFQ settings: one row (id 1), read through `rfq_settings()`."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    suppliers_notified_per_rfq = models.PositiveIntegerField(
        _("suppliers notified per RFQ"), default=20
    )
    quotes_per_supplier_per_day = models.PositiveIntegerField(
        _("quotes a supplier may send per day"), default=30
    )
    rfqs_per_company_per_day = models.PositiveIntegerField(
        _("RFQs a company may post per day"), default=20
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("RFQ settings")
        verbose_name_plural = _("RFQ settings")
        constraints = (models.CheckConstraint(condition=Q(id=1), name="rfq_settings_singleton"),)

    def __str__(self) -> str:
        return str(_("RFQ settings"))


class RFQReport(TimeStampedModel):
    """A supplier's report of an RFQ (spam, a scam, not a real request), decided by an
    operator: hiding the RFQ cancels it with the operator's reason (`rfq.services.reports`)."""

    rfq = models.ForeignKey(RFQ, on_delete=models.CASCADE, related_name="reports")
    reporter_company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="+"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=RFQReportStatus.choices, default=RFQReportStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("RFQ report")
        verbose_name_plural = _("RFQ reports")
        ordering = ("-created_at", "id")
        constraints = (
            _choice_valid("status", RFQReportStatus, "rfq_report_status_valid"),
            models.CheckConstraint(
                condition=Q(status=RFQReportStatus.OPEN, decided_by__isnull=True)
                | (~Q(status=RFQReportStatus.OPEN) & Q(decided_by__isnull=False)),
                name="rfq_report_decided_iff_closed",
            ),
            models.UniqueConstraint(
                fields=("rfq", "reporter_company"), name="rfq_report_once_per_company"
            ),
        )
        indexes = (models.Index(fields=("status", "-created_at"), name="rfq_report_queue"),)

    def __str__(self) -> str:
        return f"{self.rfq_id}: {self.reason[:40]}"
