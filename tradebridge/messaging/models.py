"""Conversations between a buyer company and a supplier company, and the response ledger.

A thread refers to what it is about (a product, an RFQ, a quote, a deal, an order) by kind and
id only, with a copy of its label: messaging sits below the apps that own those objects and
never imports them.
"""

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.models import Company
from tradebridge.core.models import TimeStampedModel
from tradebridge.messaging.enums import (
    AttachmentContentType,
    ReportStatus,
    ResponseRequestKind,
    SubjectKind,
)

MAX_BODY_LENGTH = 5000
MAX_TITLE_LENGTH = 200


class Thread(TimeStampedModel):
    """One conversation between a buyer and a supplier company about one subject.

    A pair of companies has at most one thread per subject (and one without a subject);
    starting a conversation again about the same subject reuses it.
    """

    buyer = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="buyer_threads")
    supplier = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="supplier_threads")
    started_by_company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="+", verbose_name=_("started by company")
    )
    subject_kind = models.CharField(
        _("subject kind"), max_length=16, choices=SubjectKind.choices, default=SubjectKind.NONE
    )
    subject_id = models.UUIDField(_("subject id"), null=True, blank=True)
    subject_label = models.CharField(_("subject"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=MAX_TITLE_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    last_message_at = models.DateTimeField(_("last message at"), db_index=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ("-last_message_at", "-id")
        indexes = (
            models.Index(fields=("buyer", "-last_message_at"), name="thread_buyer_recent"),
            models.Index(fields=("supplier", "-last_message_at"), name="thread_supplier_recent"),
            models.Index(fields=("started_by_company", "created_at"), name="thread_starter_day"),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(subject_kind__in=SubjectKind.values), name="thread_subject_kind_valid"
            ),
            models.CheckConstraint(
                condition=(Q(subject_kind=SubjectKind.NONE) & Q(subject_id__isnull=True))
                | (~Q(subject_kind=SubjectKind.NONE) & Q(subject_id__isnull=False)),
                name="thread_subject_id_iff_kind",
            ),
            models.CheckConstraint(
                condition=~Q(buyer=models.F("supplier")), name="thread_two_companies"
            ),
            models.UniqueConstraint(
                fields=("buyer", "supplier", "subject_kind", "subject_id"),
                condition=Q(subject_id__isnull=False),
                name="thread_one_per_subject",
            ),
            models.UniqueConstraint(
                fields=("buyer", "supplier"),
                condition=Q(subject_kind=SubjectKind.NONE),
                name="thread_one_general",
            ),
        )

    def __str__(self) -> str:
        return self.title or self.subject_label or str(self.id)

    def counterpart_id(self, company_id: uuid.UUID) -> uuid.UUID:
        """The other party's company id, seen from `company_id` (one of the two)."""
        return self.supplier_id if company_id == self.buyer_id else self.buyer_id


class Message(TimeStampedModel):
    """One message of a thread. An operator may hide it (moderation); it is never deleted."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sender_company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=MAX_BODY_LENGTH)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ("created_at", "id")
        indexes = (
            models.Index(fields=("thread", "created_at"), name="message_thread_time"),
            models.Index(fields=("sender_company", "created_at"), name="message_sender_time"),
            models.Index(fields=("created_at",), name="message_recent"),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True, hidden_by__isnull=True)
                | Q(hidden_at__isnull=False, hidden_by__isnull=False),
                name="message_hidden_with_operator",
            ),
        )

    def __str__(self) -> str:
        return self.body[:60]


def private_storage() -> Storage:
    """Where attachments live: never under MEDIA_URL, only served by a checked, signed view."""
    return storages["private"]


def _attachment_path(attachment: "MessageAttachment", filename: str) -> str:
    # The stored name is random: the sender's file name is kept in `original_filename` only.
    extension = {
        AttachmentContentType.PDF: "pdf",
        AttachmentContentType.JPEG: "jpg",
        AttachmentContentType.PNG: "png",
        AttachmentContentType.WEBP: "webp",
    }.get(AttachmentContentType(attachment.content_type), "bin")
    return f"messaging/{attachment.thread_id}/{uuid.uuid4().hex}.{extension}"


class MessageAttachment(TimeStampedModel):
    """A file uploaded into a thread; attached to a message when the message is sent.

    Until then (`message` empty) only its uploader may attach it; unsent ones are pruned.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), storage=private_storage, upload_to=_attachment_path)
    original_filename = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(
        _("content type"), max_length=32, choices=AttachmentContentType.choices
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("created_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(content_type__in=AttachmentContentType.values),
                name="message_attachment_type_valid",
            ),
        )

    def __str__(self) -> str:
        return self.original_filename


class ThreadReadState(models.Model):
    """Up to when one user has read one thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("thread", "user"), name="thread_read_state_unique"),
        )

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} up to {self.last_read_at}"


class MessageNotification(models.Model):
    """That `user` was e-mailed about `message`: claimed before the e-mail is sent, so an
    e-mail about a message is never sent twice."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "message"), name="message_notification_once"),
        )

    def __str__(self) -> str:
        return f"{self.user_id} notified of {self.message_id}"


class MessageReport(TimeStampedModel):
    """A receiving company's report of a message, decided by an operator."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter_company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")
        ordering = ("-created_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="message_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.OPEN, decided_by__isnull=True)
                | (~Q(status=ReportStatus.OPEN) & Q(decided_by__isnull=False)),
                name="message_report_decided_iff_closed",
            ),
            models.UniqueConstraint(
                fields=("message", "reporter_company"), name="message_report_once_per_company"
            ),
        )

    def __str__(self) -> str:
        return f"{self.reporter_company_id}: {self.reason[:40]}"


class ResponseRequest(models.Model):
    """The response-metrics ledger: a supplier was asked something at `asked_at` (a buyer's
    new thread, an RFQ invitation) and first answered at `answered_at`."""

    kind = models.CharField(max_length=16, choices=ResponseRequestKind.choices)
    ref_id = models.UUIDField()
    supplier = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    buyer = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = (models.Index(fields=("supplier", "asked_at"), name="response_supplier_time"),)
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=ResponseRequestKind.values), name="response_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_at__gte=models.F("asked_at")),
                name="response_answered_after_asked",
            ),
            models.UniqueConstraint(
                fields=("kind", "ref_id", "supplier"), name="response_request_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.ref_id} to {self.supplier_id}"


class SupplierResponseStats(models.Model):
    """A supplier's response rate and median first-response time over the last 90 days."""

    supplier = models.OneToOneField(
        Company, on_delete=models.CASCADE, primary_key=True, related_name="response_stats"
    )
    response_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    median_first_response_seconds = models.PositiveIntegerField(null=True, blank=True)
    requests_count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("supplier response statistics")
        verbose_name_plural = _("supplier response statistics")
        constraints = (
            models.CheckConstraint(
                condition=Q(response_rate__isnull=True) | Q(response_rate__lte=100),
                name="response_rate_percent",
            ),
        )

    def __str__(self) -> str:
        return f"{self.supplier_id}: {self.response_rate}%"
