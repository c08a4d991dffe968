"""Matching an open RFQ to suppliers: rank, store the result, notify the best in the app.

`rfq_match` runs in a task after the RFQ opened (`RFQOpened`, config/event_handlers.py).
It stores one `RFQInvitation` per ranked supplier: the buyer's invited suppliers keep
`source=invited` and gain a score, reasons and rank; for a public RFQ the best MATCH_LIMIT
others become `source=matched`. The first `suppliers_notified_per_rfq` (RFQSettings) by
rank, and every invited supplier, are notified: `notified_at` is set (the inbox's "new"
marker, and what the digest e-mail sends, `rfq.matching.digest`), and messaging opens a
response request for them (response rate and time).
"""

import uuid
from datetime import datetime
from typing import Final

from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.messaging.enums import ResponseRequestKind
from tradebridge.messaging.services.response import response_request_open
from tradebridge.rfq.enums import InvitationSource, RFQStatus, RFQVisibility
from tradebridge.rfq.matching.candidates import rfq_candidates
from tradebridge.rfq.matching.ranking import SupplierMatch, rank_suppliers
from tradebridge.rfq.matching.reasons import reasons_as_json
from tradebridge.rfq.models import RFQ, RFQInvitation
from tradebridge.rfq.selectors import rfq_settings

MATCH_LIMIT: Final = 50


def rfq_match(*, rfq_id: uuid.UUID, now: datetime | None = None) -> int:
    """Rank the suppliers for the RFQ and store and notify the result; returns how many
    suppliers it ranked. Does nothing (0) for an RFQ that is not open or does not exist.

    Idempotent: a second run updates scores, reasons and ranks, adds newly fitting suppliers
    and notifies only suppliers never notified for this RFQ (a reopened RFQ tells no one
    twice). A matched supplier that no longer ranks keeps its row, without a rank.
    """
    rfq = RFQ.objects.select_related("category", "product__category").filter(id=rfq_id).first()
    if rfq is None or rfq.status != RFQStatus.OPEN:
        return 0
    invited = set(
        RFQInvitation.objects.filter(rfq=rfq, source=InvitationSource.INVITED).values_list(
            "supplier_id", flat=True
        )
    )
    only_invited = rfq.visibility == RFQVisibility.INVITED
    candidates = rfq_candidates(rfq=rfq, invited_ids=invited, only_invited=only_invited)
    kept = rank_suppliers(
        candidates.criteria, candidates.features, limit=MATCH_LIMIT + len(invited), always=invited
    )
    kept = _kept(kept, invited)
    with transaction.atomic():
        locked = RFQ.objects.select_for_update().filter(id=rfq.id, status=RFQStatus.OPEN)
        if not locked.exists():
            return 0
        moment = now or timezone.now()
        _store(rfq, kept, now=moment)
        _notify(rfq, invited, now=moment)
    return len(kept)


def _kept(ranked: list[SupplierMatch], invited: set[uuid.UUID]) -> list[SupplierMatch]:
    """Every invited supplier, and the best MATCH_LIMIT others, in rank order."""
    others = 0
    kept = []
    for match in ranked:
        if match.supplier_id in invited:
            kept.append(match)
        elif others < MATCH_LIMIT:
            kept.append(match)
            others += 1
    return kept


def _store(rfq: RFQ, kept: list[SupplierMatch], *, now: datetime) -> None:
    existing = {row.supplier_id: row for row in RFQInvitation.objects.filter(rfq=rfq)}
    ranks = {match.supplier_id: rank for rank, match in enumerate(kept, start=1)}
    changed: list[RFQInvitation] = []
    created: list[RFQInvitation] = []
    for match in kept:
        row = existing.get(match.supplier_id)
        if row is None:
            row = RFQInvitation(
                rfq=rfq, supplier_id=match.supplier_id, source=InvitationSource.MATCHED
            )
            created.append(row)
        else:
            changed.append(row)
        row.score, row.rank = match.score, ranks[match.supplier_id]
        row.reasons = reasons_as_json(match.reasons)
        row.updated_at = now
    for supplier_id, row in existing.items():
        if supplier_id not in ranks and row.rank is not None:
            row.rank, row.updated_at = None, now
            changed.append(row)
    RFQInvitation.objects.bulk_update(changed, ["score", "rank", "reasons", "updated_at"])
    RFQInvitation.objects.bulk_create(created)


def _notify(rfq: RFQ, invited: set[uuid.UUID], *, now: datetime) -> None:
    """Notify the invited suppliers and the best-ranked others up to the operator's number,
    counting the ones already notified for this RFQ."""
    quota = rfq_settings().suppliers_notified_per_rfq
    rows = list(
        RFQInvitation.objects.filter(rfq=rfq)
        .filter(rank__isnull=False)
        .order_by("rank", "supplier_id")
        .only("id", "supplier_id", "notified_at", "source")
    )
    already = sum(1 for row in rows if row.notified_at and row.supplier_id not in invited)
    fresh = []
    for row in rows:
        if row.notified_at is not None:
            continue
        if row.supplier_id in invited or already < quota:
            already += row.supplier_id not in invited
            fresh.append(row.id)
            response_request_open(
                supplier_id=row.supplier_id,
                buyer_id=rfq.buyer_id,
                kind=ResponseRequestKind.RFQ_INVITATION,
                ref_id=rfq.id,
                asked_at=now,
            )
    RFQInvitation.objects.filter(id__in=fresh, notified_at__isnull=True).update(
        notified_at=now, updated_at=now
    )


def rfq_invitation_mark_seen(
    *, actor: Membership, rfq_id: uuid.UUID, now: datetime | None = None
) -> bool:
    """Record that a member of the supplier opened the RFQ (the inbox stops calling it new).
    Idempotent: the first opening counts; returns whether this call recorded it. Nothing
    happens for an RFQ the supplier has no invitation or match for."""
    if not actor.is_active:
        return False
    marked = RFQInvitation.objects.filter(
        rfq_id=rfq_id, supplier_id=actor.company_id, seen_at__isnull=True
    ).update(seen_at=now or timezone.now())
    return bool(marked)
