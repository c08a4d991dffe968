"""Choices of the companies domain: company kinds, member roles, verification levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompanyKind(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SUPPLIER = "supplier", _("Supplier")
    BOTH = "both", _("Buyer and supplier")


class KindChangeStatus(models.TextChoices):
    """A request to change a company's kind: the operator approves or rejects it; a newer
    request of the company withdraws it."""

    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Role(models.TextChoices):
    """A member's role in one company. Ranks: owner > admin > purchaser = sales > viewer."""

    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    PURCHASER = "purchaser", _("Purchaser")
    SALES = "sales", _("Sales")
    VIEWER = "viewer", _("Viewer")


ROLE_RANK: dict[Role, int] = {
    Role.OWNER: 4,
    Role.ADMIN: 3,
    Role.PURCHASER: 2,
    Role.SALES: 2,
    Role.VIEWER: 1,
}


class VerificationLevel(models.TextChoices):
    """How far the operator has verified a company; only `company_set_verification` changes it."""

    UNVERIFIED = "unverified", _("Unverified")
    EMAIL_VERIFIED = "email_verified", _("E-mail verified")
    BUSINESS_VERIFIED = "business_verified", _("Business verified")
    AUDITED = "audited", _("Audited")


class DocumentKind(models.TextChoices):
    """What a verification document is meant to prove."""

    BUSINESS_LICENCE = "business_licence", _("Business licence")
    CERTIFICATE = "certificate", _("Certificate")
    AUDIT_REPORT = "audit_report", _("Audit report")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    """An operator's decision on a verification document; only pending ones can be reviewed."""

    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DocumentContentType(models.TextChoices):
    """The file types a verification document may be, told by their bytes, not their name."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class SuspensionAction(models.TextChoices):
    SUSPENDED = "suspended", _("Suspended")
    REINSTATED = "reinstated", _("Reinstated")
