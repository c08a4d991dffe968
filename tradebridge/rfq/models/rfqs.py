"""RFQs, their attachments and invitations (also the stored matching result), the operator's
RFQ settings and suppliers' reports of RFQs."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.enums import Unit
from tradebridge.companies.iso_codes import validate_country_code, validate_currency_code
from tradebridge.companies.models import private_storage
from tradebridge.core.incoterms import Incoterm
from tradebridge.core.models import TimeStampedModel
from tradebridge.rfq.enums import (
    AttachmentContentType,
    InvitationSource,
    RFQClosedReason,
    RFQReportStatus,
    RFQStatus,
    RFQVisibility,
)
from tradebridge.rfq.models.base import (
    AttachmentBase,
    attachment_path,
    choice_valid,
    new_rfq_reference,
    nullable_choice_valid,
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
            choice_valid("status", RFQStatus, "rfq_rfq_status_valid"),
            choice_valid("visibility", RFQVisibility, "rfq_rfq_visibility_valid"),
            choice_valid("unit", Unit, "rfq_rfq_unit_valid"),
            nullable_choice_valid("incoterm", Incoterm, "rfq_rfq_incoterm_valid"),
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


def _rfq_attachment_path(attachment: "RFQAttachment", filename: str) -> str:
    return attachment_path("rfq", attachment.rfq_id, attachment.content_type)


class RFQAttachment(AttachmentBase):
    """A file the buyer attached to an RFQ (drawing, specification sheet, photo)."""

    rfq = models.ForeignKey(RFQ, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to=_rfq_attachment_path)

    class Meta:
        verbose_name = _("RFQ attachment")
        verbose_name_plural = _("RFQ attachments")
        ordering = ("rfq", "created_at", "id")
        constraints = (
            choice_valid("content_type", AttachmentContentType, "rfq_rfqattachment_type_valid"),
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
            choice_valid("source", InvitationSource, "rfq_invitation_source_valid"),
        )
        indexes = (
            models.Index(fields=("supplier", "-created_at"), name="rfq_invitation_supplier"),
        )

    def __str__(self) -> str:
        return f"{self.rfq_id} → {self.supplier_id}"


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
            choice_valid("status", RFQReportStatus, "rfq_report_status_valid"),
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
