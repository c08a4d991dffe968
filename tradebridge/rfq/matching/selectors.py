"""Reads of matching results: a supplier's "RFQs for you" inbox, and an RFQ's ranked
suppliers for its buyer or the operator. Tenant scoping lives here: "not yours" is NotFound.

**The inbox** (`rfq_inbox_for_supplier`, for the API and the pages) is a QuerySet of open
`RFQ`s (quote deadline ahead, not the supplier's own) that the supplier may quote on, each
annotated with the supplier's own matching row, and nothing about any other supplier
(`inbox_fit(rfq)` reads them typed, `inbox_reasons(rfq)` renders the reasons):

| attribute | type | meaning |
|---|---|---|
| `match_source` | str or None | "invited", "matched", or None (public, not matched) |
| `match_score` | float or None | fit in [0, 1] (None when not ranked) |
| `match_rank` | int or None | its rank among the RFQ's ranked suppliers |
| `match_reasons` | list | stored reasons: render them with `inbox_reasons(rfq)` |
| `match_notified_at` | datetime or None | when it was notified (in-app and digest) |
| `match_seen_at` | datetime or None | when a member opened it (`inbox_fit(rfq).is_new`) |
| `has_quoted` | bool | whether the supplier already sent a quote |

Order: the supplier's ranked RFQs by score (best first), then the other public RFQs (ranked
lower: not matched, still open to any supplier), newest first; ties by id. Invited-only RFQs
appear only to their invited suppliers; a suspended supplier, or a company that is not a
supplier, sees none.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Exists,
    F,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.catalog.selectors import SUPPLIER_KINDS
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import is_operator
from tradebridge.core.errors import NotFound
from tradebridge.rfq.enums import InvitationSource, RFQStatus, RFQVisibility
from tradebridge.rfq.matching.reasons import reason_text, reasons_from_json
from tradebridge.rfq.models import RFQ, Quote, RFQInvitation


@dataclass(frozen=True, slots=True)
class ShownReason:
    """A reason as shown: its code and parameters, and its text in the active language."""

    code: str
    text: str
    params: dict[str, str | int]


def shown_reasons(stored: object) -> list[ShownReason]:
    """Stored reasons (`RFQInvitation.reasons`) rendered in the active language."""
    return [
        ShownReason(code=str(reason.code), text=reason_text(reason), params=dict(reason.params))
        for reason in reasons_from_json(stored)
    ]


def inbox_reasons(rfq: RFQ) -> list[ShownReason]:
    """The reasons of an RFQ from `rfq_inbox_for_supplier`."""
    return shown_reasons(getattr(rfq, "match_reasons", None))


@dataclass(frozen=True, slots=True)
class InboxFit:
    """The annotations of an inbox RFQ, typed (see the module docstring)."""

    source: str | None
    score: float | None
    rank: int | None
    notified_at: datetime | None
    seen_at: datetime | None
    has_quoted: bool

    @property
    def is_new(self) -> bool:
        return self.notified_at is not None and self.seen_at is None


def inbox_fit(rfq: RFQ) -> InboxFit:
    """The supplier's fit with an RFQ from `rfq_inbox_for_supplier`."""
    return InboxFit(
        source=getattr(rfq, "match_source", None),
        score=getattr(rfq, "match_score", None),
        rank=getattr(rfq, "match_rank", None),
        notified_at=getattr(rfq, "match_notified_at", None),
        seen_at=getattr(rfq, "match_seen_at", None),
        has_quoted=bool(getattr(rfq, "has_quoted", False)),
    )


def rfq_inbox_for_supplier(*, actor: Membership) -> QuerySet[RFQ]:
    """The open RFQs the actor's company may quote on, ranked for it (module docstring)."""
    company = actor.company
    if not (actor.is_active and company.is_active and company.kind in SUPPLIER_KINDS):
        return RFQ.objects.none()
    own = RFQInvitation.objects.filter(rfq=OuterRef("pk"), supplier_id=company.id)
    invited = own.filter(source=InvitationSource.INVITED)
    field = Subquery(own.values("reasons")[:1], output_field=JSONField())
    return (
        RFQ.objects.filter(status=RFQStatus.OPEN, quote_deadline__gt=timezone.now())
        .exclude(buyer_id=company.id)
        .filter(Q(visibility=RFQVisibility.PUBLIC) | Q(Exists(invited)))
        .annotate(
            match_source=Subquery(own.values("source")[:1]),
            match_score=Subquery(own.values("score")[:1]),
            match_rank=Subquery(own.values("rank")[:1]),
            match_reasons=Coalesce(field, Value([], output_field=JSONField())),
            match_notified_at=Subquery(own.values("notified_at")[:1]),
            match_seen_at=Subquery(own.values("seen_at")[:1]),
            has_quoted=Exists(Quote.objects.filter(rfq=OuterRef("pk"), supplier_id=company.id)),
        )
        .select_related("category")
        .order_by(
            F("match_score").desc(nulls_last=True), F("opened_at").desc(nulls_last=True), "id"
        )
    )


def rfq_matches_for_buyer(*, actor: Membership, rfq_id: uuid.UUID) -> QuerySet[RFQInvitation]:
    """The ranked suppliers of one of the actor's company's RFQs, best first. Raises NotFound
    for an RFQ of another company (or none)."""
    if not (actor.is_active and RFQ.objects.filter(id=rfq_id, buyer_id=actor.company_id).exists()):
        raise NotFound()
    return _ranked(rfq_id)


def rfq_matches_for_operator(*, user: User, rfq_id: uuid.UUID) -> QuerySet[RFQInvitation]:
    """Any RFQ's ranked suppliers, for a platform operator. Raises NotFound for anyone else
    or an unknown RFQ."""
    if not is_operator(user) or not RFQ.objects.filter(id=rfq_id).exists():
        raise NotFound()
    return _ranked(rfq_id)


def _ranked(rfq_id: uuid.UUID) -> QuerySet[RFQInvitation]:
    return (
        RFQInvitation.objects.filter(rfq_id=rfq_id, rank__isnull=False, supplier__is_active=True)
        .select_related("supplier")
        .order_by("rank", "supplier_id")
    )


def is_new(rfq: RFQ) -> bool:
    """Whether an inbox RFQ was notified to the supplier and no member opened it since."""
    return inbox_fit(rfq).is_new
