"""Companies, the people in them (Membership and its Role), invitations and personal API tokens."""

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.enums import (
    CompanyKind,
    DocumentContentType,
    DocumentKind,
    DocumentStatus,
    KindChangeStatus,
    Role,
    SuspensionAction,
    VerificationLevel,
)
from tradebridge.companies.iso_codes import validate_country_code, validate_currency_code
from tradebridge.core.models import TimeStampedModel


class Company(TimeStampedModel):
    """A business on the platform: a buyer, a supplier, or both."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    legal_name = models.CharField(_("legal name"), max_length=200)
    display_name = models.CharField(_("display name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=CompanyKind.choices)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    province = models.CharField(_("province or state"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=32, blank=True)
    default_currency = models.CharField(
        _("default currency"), max_length=3, default="USD", validators=[validate_currency_code]
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    logo = models.ImageField(_("logo"), upload_to="company-logos/", blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    verification_level = models.CharField(
        _("verification level"),
        max_length=24,
        choices=VerificationLevel.choices,
        default=VerificationLevel.UNVERIFIED,
        editable=False,
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ("display_name", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=CompanyKind.values), name="company_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(verification_level__in=VerificationLevel.values),
                name="company_verification_level_valid",
            ),
        )

    def __str__(self) -> str:
        return self.display_name


class CompanyVerificationEvent(TimeStampedModel):
    """One change of a company's verification level: who, when, from, to and why. Append-only.
    No operator: the platform itself (the owner's e-mail address was confirmed)."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="verification_events"
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_level = models.CharField(max_length=24, choices=VerificationLevel.choices)
    to_level = models.CharField(max_length=24, choices=VerificationLevel.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.company}: {self.get_from_level_display()} → {self.get_to_level_display()}"


def private_storage() -> Storage:
    """Where verification documents live: never under MEDIA_URL, only served by a checked view."""
    return storages["private"]


def _document_path(document: "VerificationDocument", filename: str) -> str:
    # The stored name is random: the supplier's file name is kept in `original_filename` only.
    extension = {
        DocumentContentType.PDF: "pdf",
        DocumentContentType.JPEG: "jpg",
        DocumentContentType.PNG: "png",
    }.get(DocumentContentType(document.content_type), "bin")
    return f"verification/{document.company_id}/{uuid.uuid4().hex}.{extension}"


class VerificationDocument(TimeStampedModel):
    """A document a company uploads to be verified (licence, certificate, audit report).

    Pending until an operator approves or rejects it with a note; the reviewer and time are kept.
    The file is in private storage and served only as an attachment to members and operators.
    """

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="verification_documents"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=_document_path)
    original_filename = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(
        _("content type"), max_length=32, choices=DocumentContentType.choices
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("verification document")
        verbose_name_plural = _("verification documents")
        ordering = ("-created_at", "id")
        indexes = (models.Index(fields=("status", "created_at"), name="verification_doc_queue"),)
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="verification_doc_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DocumentStatus.values),
                name="verification_doc_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=DocumentContentType.values),
                name="verification_doc_content_type_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        status=DocumentStatus.PENDING,
                        reviewed_at__isnull=True,
                        reviewed_by__isnull=True,
                    )
                    | (
                        ~Q(status=DocumentStatus.PENDING)
                        & Q(reviewed_at__isnull=False, reviewed_by__isnull=False)
                    )
                ),
                name="verification_doc_reviewed_iff_decided",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_filename}"


class CompanySuspension(TimeStampedModel):
    """One suspension or reinstatement of a company by an operator, with the reason. Append-only.

    The company's `is_active` is the current state; these rows are its history.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="suspensions")
    action = models.CharField(_("action"), max_length=16, choices=SuspensionAction.choices)
    reason = models.TextField(_("reason"))
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("company suspension")
        verbose_name_plural = _("company suspensions")
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(action__in=SuspensionAction.values),
                name="company_suspension_action_valid",
            ),
        )

    def __str__(self) -> str:
        return f"{self.company}: {self.get_action_display()}"


class CompanyKindChange(TimeStampedModel):
    """A company's request to become a buyer, a supplier or both, which an operator approves
    or rejects with a note. At most one is pending per company; a newer request withdraws it.
    The company's `kind` changes only on approval."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="kind_changes")
    from_kind = models.CharField(_("from"), max_length=16, choices=CompanyKind.choices)
    to_kind = models.CharField(_("requested kind"), max_length=16, choices=CompanyKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=KindChangeStatus.choices,
        default=KindChangeStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("review note"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("company kind change")
        verbose_name_plural = _("company kind changes")
        ordering = ("-created_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=KindChangeStatus.values),
                name="company_kind_change_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(from_kind__in=CompanyKind.values, to_kind__in=CompanyKind.values)
                & ~Q(from_kind=models.F("to_kind")),
                name="company_kind_change_kinds_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=KindChangeStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=KindChangeStatus.PENDING) & Q(decided_at__isnull=False)),
                name="company_kind_change_decided_iff_not_pending",
            ),
            models.UniqueConstraint(
                fields=("company",),
                condition=Q(status=KindChangeStatus.PENDING),
                name="company_kind_change_one_pending",
            ),
        )

    def __str__(self) -> str:
        kinds = f"{self.get_from_kind_display()} → {self.get_to_kind_display()}"
        return f"{self.company}: {kinds} ({self.get_status_display()})"


class Membership(TimeStampedModel):
    """A user's place in a company. Inactive memberships are kept as history and grant nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("user", "company"), name="membership_user_company_unique"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        )

    def __str__(self) -> str:
        return f"{self.user} at {self.company} ({self.get_role_display()})"


class Invitation(TimeStampedModel):
    """An offer to join a company, bound to one e-mail address; its raw token is never stored."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "id")
        constraints = (
            models.CheckConstraint(condition=Q(role__in=Role.values), name="invitation_role_valid"),
            models.UniqueConstraint(
                fields=("company", "email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        )

    def __str__(self) -> str:
        return f"{self.email} to {self.company} ({self.get_role_display()})"

    @property
    def is_pending(self) -> bool:
        """Neither accepted, revoked nor expired."""
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ApiToken(TimeStampedModel):
    """A personal API token acting as one membership. Stored as a SHA-256 hash; shown once."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "id")

    def __str__(self) -> str:
        return f"{self.name} (tb_{self.prefix}_…)"
