"""Reads of the RFQ domain. Tenant scoping lives here: "not yours" raises the same `NotFound`
as "does not exist".

- A buyer's members see their company's RFQs, in every status.
- A supplier sees an RFQ that is open, closed or awarded, when its company is an active
  supplier (or both) and either the RFQ is public or the supplier is invited. A suspended
  company, an inactive membership and a buyer-only company see none. Drafts and cancelled RFQs
  are the buyer's alone.
- Operators (staff users) see every RFQ.
"""

import uuid
from typing import Final

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tradebridge.accounts.models import User
from tradebridge.catalog.selectors import SUPPLIER_KINDS
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import is_operator
from tradebridge.core.errors import NotFound
from tradebridge.rfq.enums import QuoteStatus, RFQStatus, RFQVisibility
from tradebridge.rfq.models import RFQ, QuoteAttachment, RFQAttachment, RFQInvitation, RFQSettings

BUYER_KINDS: Final = (CompanyKind.BUYER, CompanyKind.BOTH)
# The statuses in which suppliers see an RFQ (drafts and cancelled RFQs are the buyer's).
SUPPLIER_VISIBLE_STATUSES: Final = (RFQStatus.OPEN, RFQStatus.CLOSED, RFQStatus.AWARDED)


def rfq_settings() -> RFQSettings:
    """The operator's RFQ settings (the one row, created with its defaults on first read)."""
    row, _created = RFQSettings.objects.get_or_create(id=1)
    return row


def rfq_list_for_buyer(*, actor: Membership, status: str | None = None) -> QuerySet[RFQ]:
    """The RFQs of the actor's company (every status, or `status`), newest first, each with
    `live_quotes` (its quotes, withdrawn ones excluded); none for an inactive membership."""
    if not actor.is_active:
        return RFQ.objects.none()
    rfqs = RFQ.objects.filter(buyer_id=actor.company_id)
    if status is not None:
        rfqs = rfqs.filter(status=status)
    return (
        rfqs.select_related("product", "category")
        .annotate(live_quotes=Count("quotes", filter=~Q(quotes__status=QuoteStatus.WITHDRAWN)))
        .order_by("-created_at", "-id")
    )


def rfq_get_for_buyer(*, actor: Membership, rfq_id: uuid.UUID, for_update: bool = False) -> RFQ:
    """One RFQ of the actor's company; `for_update` locks its row (inside a transaction).
    Raises NotFound (missing, another company's, or an inactive membership)."""
    rfqs = RFQ.objects.filter(id=rfq_id, buyer_id=actor.company_id)
    if for_update:
        rfqs = rfqs.select_for_update(of=("self",))
    rfq = rfqs.select_related("buyer", "product", "category").first() if actor.is_active else None
    if rfq is None:
        raise NotFound(rfq_id=str(rfq_id))
    return rfq


def rfq_list_visible_to_supplier(*, actor: Membership) -> QuerySet[RFQ]:
    """Every RFQ the actor's company may see as a supplier (see the module doc), newest first.
    The rule of `rfq_get_for_supplier`; the inbox ranks these by the stored match."""
    company = actor.company
    if not (actor.is_active and company.is_active and company.kind in SUPPLIER_KINDS):
        return RFQ.objects.none()
    invited = RFQInvitation.objects.filter(rfq_id=OuterRef("pk"), supplier_id=company.pk)
    return (
        RFQ.objects.filter(status__in=SUPPLIER_VISIBLE_STATUSES)
        .exclude(buyer_id=company.pk)
        .filter(Q(visibility=RFQVisibility.PUBLIC) | Q(Exists(invited)))
        .order_by("-opened_at", "-id")
    )


def rfq_get_for_supplier(*, actor: Membership, rfq_id: uuid.UUID) -> RFQ:
    """One RFQ the actor's company may see as a supplier. Raises NotFound otherwise."""
    rfq = (
        rfq_list_visible_to_supplier(actor=actor)
        .filter(id=rfq_id)
        .select_related("buyer", "product", "category")
        .first()
    )
    if rfq is None:
        raise NotFound(rfq_id=str(rfq_id))
    return rfq


def rfq_get_for_operator(*, user: User, rfq_id: uuid.UUID) -> RFQ:
    """Any RFQ, for an active operator. Raises NotFound for anyone else or a missing RFQ."""
    rfq = None
    if is_operator(user):
        rfq = RFQ.objects.select_related("buyer", "product", "category").filter(id=rfq_id).first()
    if rfq is None:
        raise NotFound(rfq_id=str(rfq_id))
    return rfq


def rfq_get_for_member(*, actor: Membership, rfq_id: uuid.UUID) -> tuple[RFQ, bool]:
    """The RFQ as its buyer sees it (`(rfq, True)`) or, failing that, as a supplier who may
    see it (`(rfq, False)`). Raises NotFound when neither may."""
    try:
        return rfq_get_for_buyer(actor=actor, rfq_id=rfq_id), True
    except NotFound:
        return rfq_get_for_supplier(actor=actor, rfq_id=rfq_id), False


def rfq_invitation_list(*, rfq: RFQ) -> QuerySet[RFQInvitation]:
    """The RFQ's invitations with their suppliers, best match first (for the buyer only:
    a supplier never sees who else was asked)."""
    return rfq.invitations.select_related("supplier").order_by("rank", "created_at", "id")


def rfq_attachment_list(*, rfq: RFQ) -> QuerySet[RFQAttachment]:
    """The RFQ's attachments, oldest first (call it with an RFQ the actor may see)."""
    return rfq.attachments.order_by("created_at", "id")


def rfq_attachment_get_for_download(
    *, actor: Membership, attachment_id: uuid.UUID
) -> RFQAttachment:
    """An attachment of an RFQ the actor may see (its buyer's members, or a supplier who may
    see the RFQ). Raises NotFound otherwise."""
    attachment = RFQAttachment.objects.filter(id=attachment_id).first()
    if attachment is None:
        raise NotFound()
    rfq_get_for_member(actor=actor, rfq_id=attachment.rfq_id)
    return attachment


def quote_attachment_get_for_download(
    *, actor: Membership, attachment_id: uuid.UUID
) -> QuoteAttachment:
    """An attachment of a quote, for the members of the quoting supplier or of the RFQ's
    buyer only (never another supplier). Raises NotFound otherwise."""
    attachment = (
        QuoteAttachment.objects.select_related("revision__quote__rfq")
        .filter(id=attachment_id)
        .first()
    )
    if attachment is None or not actor.is_active:
        raise NotFound()
    quote = attachment.revision.quote
    if actor.company_id not in (quote.supplier_id, quote.rfq.buyer_id):
        raise NotFound()
    return attachment
