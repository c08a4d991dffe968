"""Disputes (buyer protection): the claim, its evidence and its timeline. Money moves only
through `escrow_refund` / `escrow_release`; these rows record the case."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.core.models import TimeStampedModel
from tradebridge.payments.enums import (
    DisputeReason,
    DisputeResolution,
    DisputeStatus,
    EvidenceContentType,
    SupplierResponse,
)
from tradebridge.payments.models.base import blank_or_choice_valid, choice_valid
from tradebridge.payments.models.escrow import EscrowHold

OPEN_DISPUTE_STATUSES = (
    DisputeStatus.AWAITING_SUPPLIER,
    DisputeStatus.SUPPLIER_COUNTERED,
    DisputeStatus.ESCALATED,
)


class Dispute(TimeStampedModel):
    """A buyer's claim on an order within the protection window. At most one open per order."""

    order_id = models.UUIDField(_("order"), db_index=True)
    order_reference = models.CharField(_("order reference"), max_length=32)
    hold = models.ForeignKey(EscrowHold, on_delete=models.PROTECT, related_name="disputes")
    buyer = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey("companies.Company", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=DisputeReason.choices)
    description = models.TextField(_("description"), max_length=5000)
    requested_refund = models.DecimalField(_("requested refund"), max_digits=20, decimal_places=4)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DisputeStatus.choices,
        default=DisputeStatus.AWAITING_SUPPLIER,
    )
    supplier_response = models.CharField(
        _("supplier's response"), max_length=16, choices=SupplierResponse.choices, blank=True
    )
    counter_refund = models.DecimalField(
        _("counter-offered refund"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    supplier_note = models.TextField(_("supplier's note"), max_length=5000, blank=True)
    respond_by = models.DateTimeField(_("supplier must respond by"))
    escalate_by = models.DateTimeField(_("escalates automatically at"))
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=16, choices=DisputeResolution.choices, blank=True
    )
    refund_amount = models.DecimalField(
        _("refund"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("reason", DisputeReason, "payments_dispute_reason_valid"),
            choice_valid("status", DisputeStatus, "payments_dispute_status_valid"),
            blank_or_choice_valid(
                "supplier_response", SupplierResponse, "payments_dispute_response_valid"
            ),
            blank_or_choice_valid(
                "resolution", DisputeResolution, "payments_dispute_resolution_valid"
            ),
            models.UniqueConstraint(
                fields=("order_id",),
                condition=Q(status__in=OPEN_DISPUTE_STATUSES),
                name="payments_dispute_one_open_per_order",
            ),
            models.CheckConstraint(
                condition=Q(requested_refund__gt=Decimal(0)),
                name="payments_dispute_requested_positive",
            ),
            models.CheckConstraint(
                condition=Q(counter_refund__isnull=True) | Q(counter_refund__gte=Decimal(0)),
                name="payments_dispute_counter_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(refund_amount__isnull=True) | Q(refund_amount__gte=Decimal(0)),
                name="payments_dispute_refund_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=DisputeStatus.RESOLVED)
                | (~Q(resolution="") & Q(resolved_at__isnull=False)),
                name="payments_dispute_resolved_has_resolution",
            ),
        )
        indexes = (
            models.Index(fields=("status", "respond_by"), name="payments_dispute_timers"),
            models.Index(fields=("buyer", "-created_at"), name="payments_dispute_buyer"),
            models.Index(fields=("supplier", "-created_at"), name="payments_dispute_supplier"),
        )

    def __str__(self) -> str:
        return f"{self.order_reference}: {self.reason} ({self.status})"


def private_storage() -> Storage:
    """Where evidence lives: never under MEDIA_URL, only served by a checked, signed view."""
    return storages["private"]


def _evidence_path(evidence: "DisputeEvidence", filename: str) -> str:
    # The stored name is random: the uploader's file name is kept in `original_filename` only.
    extension = {
        EvidenceContentType.PDF: "pdf",
        EvidenceContentType.JPEG: "jpg",
        EvidenceContentType.PNG: "png",
        EvidenceContentType.WEBP: "webp",
    }.get(EvidenceContentType(evidence.content_type), "bin")
    return f"disputes/{evidence.dispute_id}/{uuid.uuid4().hex}.{extension}"


class DisputeEvidence(TimeStampedModel):
    """A file (photo, inspection report, tracking proof) either party added to a dispute."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="evidence")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), storage=private_storage, upload_to=_evidence_path)
    original_filename = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(
        _("content type"), max_length=32, choices=EvidenceContentType.choices
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("dispute evidence")
        verbose_name_plural = _("dispute evidence")
        ordering = ("dispute", "created_at", "id")
        constraints = (
            choice_valid(
                "content_type", EvidenceContentType, "payments_evidence_content_type_valid"
            ),
        )

    def __str__(self) -> str:
        return self.original_filename


class DisputeEvent(models.Model):
    """One entry of a dispute's timeline (opened, responded, escalated, evidence, decided...).
    Append-only; `actor_user_id` is None for the system (timers)."""

    id = models.BigAutoField(primary_key=True)
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=40)
    actor_user_id = models.UUIDField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("dispute event")
        verbose_name_plural = _("dispute events")
        ordering = ("dispute", "created_at", "id")

    def __str__(self) -> str:
        return f"{self.dispute_id} {self.kind}"
