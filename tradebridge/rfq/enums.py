"""Choices of the RFQ domain: RFQ, quote and counter-offer statuses, visibility, payment terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RFQStatus(models.TextChoices):
    """Where an RFQ is in its life (moves: `rfq.transitions.RFQ_TRANSITIONS`)."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


class RFQVisibility(models.TextChoices):
    """Who may see and quote on an open RFQ: every active supplier, or invited suppliers only."""

    PUBLIC = "public", _("Public to matching suppliers")
    INVITED = "invited", _("Invited suppliers only")


class RFQClosedReason(models.TextChoices):
    """Why an RFQ stopped taking quotes."""

    DEADLINE = "deadline", _("Quote deadline passed")
    BY_BUYER = "by_buyer", _("Closed by the buyer")
    CAP = "cap", _("Quote cap reached")


class QuoteStatus(models.TextChoices):
    """Where a quote is in its life (moves: `rfq.transitions.QUOTE_TRANSITIONS`)."""

    SUBMITTED = "submitted", _("Submitted")
    REVISED = "revised", _("Revised")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")
    REJECTED = "rejected", _("Rejected")
    ACCEPTED = "accepted", _("Accepted")


class CounterOfferStatus(models.TextChoices):
    """A buyer's counter-offer on a quote: open until the supplier revises (answered) or
    declines, or the buyer withdraws it."""

    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BalanceDue(models.TextChoices):
    """When the balance (the price less the deposit) is due."""

    BEFORE_SHIPMENT = "before_shipment", _("Before shipment")
    AGAINST_DOCUMENTS = "against_documents", _("Against shipping documents")
    ON_DELIVERY = "on_delivery", _("On delivery")
    NET_30 = "net_30", _("30 days after delivery")


class InvitationSource(models.TextChoices):
    """How a supplier came to an RFQ: the buyer invited it, or matching ranked it."""

    INVITED = "invited", _("Invited by the buyer")
    MATCHED = "matched", _("Matched")


class AttachmentContentType(models.TextChoices):
    """The file types an RFQ or quote attachment may be, told by their bytes, not their name."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    WEBP = "image/webp", "WebP"


class RFQReportStatus(models.TextChoices):
    """A supplier's report of an RFQ: open until an operator hides the RFQ or dismisses it."""

    OPEN = "open", _("Open")
    HIDDEN = "hidden", _("RFQ hidden")
    DISMISSED = "dismissed", _("Dismissed")
