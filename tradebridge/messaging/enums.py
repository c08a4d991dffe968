"""The kinds and statuses of messaging."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    """What a thread is about; the object lives in another app and is referred to by id."""

    NONE = "none", _("General")
    PRODUCT = "product", _("Product")
    RFQ = "rfq", _("RFQ")
    QUOTE = "quote", _("Quote")
    DEAL = "deal", _("Agreed deal")
    ORDER = "order", _("Order")


class AttachmentContentType(models.TextChoices):
    """The file types an attachment may be, told by their bytes, not their name."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    WEBP = "image/webp", "WEBP"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HIDDEN = "hidden", _("Message hidden")
    DISMISSED = "dismissed", _("Dismissed")


class ResponseRequestKind(models.TextChoices):
    """What a supplier was asked to answer: a buyer's thread, or an invitation to an RFQ."""

    THREAD = "thread", _("Thread")
    RFQ_INVITATION = "rfq_invitation", _("RFQ invitation")
