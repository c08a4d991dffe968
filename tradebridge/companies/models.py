"""Companies, the people in them (Membership and its Role), invitations and personal API tokens."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
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
    """One change of a company's verification level: who, when, from, to and why. Append-only."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="verification_events"
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    from_level = models.CharField(max_length=24, choices=VerificationLevel.choices)
    to_level = models.CharField(max_length=24, choices=VerificationLevel.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.company_id}: {self.from_level} -> {self.to_level}"


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
        return f"{self.user_id} in {self.company_id} as {self.role}"


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
        return f"{self.email} to {self.company_id} as {self.role}"

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
