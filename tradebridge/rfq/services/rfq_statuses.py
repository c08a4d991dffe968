"""An RFQ's status changes, one service per verb (`rfq.transitions.RFQ_TRANSITIONS`).

Each locks the RFQ's row, checks the table (409 `invalid_transition`, nothing written),
writes the status, its time stamp and an audit event in one transaction, and publishes its
event (`rfq.events`) after the commit:

- `rfq_open`: a draft opens (its deadline must be ahead, at most 90 days), or a closed RFQ
  reopens with a new deadline ahead (not when closed at its quote cap);
- `rfq_close`: the buyer closes an open RFQ (reason `by_buyer`);
- `rfq_cancel`: the buyer cancels a draft, open or closed RFQ;
- `rfq_award`: the quote accept service awards the RFQ to its deal (`deal_id`);
- `rfq_close_for_cap`: the quote services close an RFQ whose quote cap is reached;
- `rfq_deadlines_close`: the scheduled run closes open RFQs past their deadline.

Buyers' services need CREATE_RFQS (award: ACCEPT_QUOTES).
"""

import uuid
from datetime import datetime
from typing import NoReturn

from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound, ValidationFailed
from tradebridge.core.events import publish
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.rfq.enums import QuoteStatus, RFQClosedReason, RFQStatus, RFQVisibility
from tradebridge.rfq.events import RFQAwarded, RFQCancelled, RFQClosed, RFQOpened
from tradebridge.rfq.models import RFQ, Deal, Quote
from tradebridge.rfq.selectors import rfq_get_for_buyer
from tradebridge.rfq.services.rfq_input import deadline_problem
from tradebridge.rfq.transitions import RFQ_TRANSITIONS


def rfq_open(
    *, actor: Membership, rfq_id: uuid.UUID, quote_deadline: datetime | None = None
) -> RFQ:
    """Open a draft (optionally with a new `quote_deadline`), or reopen a closed RFQ (a new
    `quote_deadline` ahead is then required). Publishes RFQOpened after the commit.

    Raises PermissionDenied, NotFound, InvalidTransition, ValidationFailed (`quote_deadline`:
    `required`, `deadline_in_past`, `deadline_too_far`; `invited_suppliers`: `required` for an
    invited-only RFQ without any; `quote_cap`: `cap_reached` when reopening a full RFQ).
    """
    ensure_can(actor, Permission.CREATE_RFQS)
    with transaction.atomic():
        rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id, for_update=True)
        ensure_transition(RFQ_TRANSITIONS, current=RFQStatus(rfq.status), target=RFQStatus.OPEN)
        if rfq.status == RFQStatus.CLOSED and quote_deadline is None:
            _field_error("quote_deadline", "required")
        if rfq.status == RFQStatus.CLOSED and rfq.closed_reason == RFQClosedReason.CAP:
            _field_error("quote_cap", "cap_reached")
        if quote_deadline is not None:
            rfq.quote_deadline = quote_deadline
        rfq_open_checked(rfq, actor_user_id=actor.user_id, now=timezone.now())
    return rfq


def rfq_open_checked(rfq: RFQ, *, actor_user_id: uuid.UUID | None, now: datetime) -> None:
    """Open `rfq` (a locked draft or closed RFQ, inside the caller's transaction) after
    checking its deadline and invitations; for `rfq_create` and `rfq_open` only."""
    problem = deadline_problem(rfq.quote_deadline, now=now)
    if problem is not None:
        _field_error("quote_deadline", problem)
    if rfq.visibility == RFQVisibility.INVITED and not rfq.invitations.exists():
        _field_error("invited_suppliers", "required")
    reopened = rfq.status == RFQStatus.CLOSED
    ensure_transition(RFQ_TRANSITIONS, current=RFQStatus(rfq.status), target=RFQStatus.OPEN)
    rfq.status = RFQStatus.OPEN
    rfq.opened_at = rfq.opened_at or now
    rfq.closed_at, rfq.closed_reason = None, ""
    rfq.save(
        update_fields=[
            "status",
            "quote_deadline",
            "opened_at",
            "closed_at",
            "closed_reason",
            "updated_at",
        ]
    )
    _audit(rfq, "rfq.reopened" if reopened else "rfq.opened", actor_user_id, now=now)
    publish(RFQOpened(rfq.pk, rfq.buyer_id, reopened=reopened), after_commit=True)


def rfq_close(*, actor: Membership, rfq_id: uuid.UUID) -> RFQ:
    """The buyer stops an open RFQ taking quotes (reason `by_buyer`). Publishes RFQClosed.
    Raises PermissionDenied, NotFound, InvalidTransition."""
    ensure_can(actor, Permission.CREATE_RFQS)
    with transaction.atomic():
        rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id, for_update=True)
        _close(rfq, RFQClosedReason.BY_BUYER, actor_user_id=actor.user_id, now=timezone.now())
    return rfq


def rfq_cancel(*, actor: Membership, rfq_id: uuid.UUID) -> RFQ:
    """The buyer cancels a draft, open or closed RFQ. Publishes RFQCancelled.
    Raises PermissionDenied, NotFound, InvalidTransition."""
    ensure_can(actor, Permission.CREATE_RFQS)
    with transaction.atomic():
        rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id, for_update=True)
        now = timezone.now()
        _move(rfq, RFQStatus.CANCELLED, cancelled_at=now)
        _audit(rfq, "rfq.cancelled", actor.user_id, now=now)
        publish(RFQCancelled(rfq.pk, rfq.buyer_id), after_commit=True)
    return rfq


def rfq_award(*, actor: Membership, rfq_id: uuid.UUID, deal_id: uuid.UUID) -> RFQ:
    """Award an open or closed RFQ to its deal `deal_id` (the quote accept service calls it in
    its transaction, after writing the deal). Publishes RFQAwarded after the commit.
    Raises PermissionDenied (ACCEPT_QUOTES), NotFound (RFQ or a deal of another RFQ),
    InvalidTransition."""
    ensure_can(actor, Permission.ACCEPT_QUOTES)
    with transaction.atomic():
        rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id, for_update=True)
        if not Deal.objects.filter(id=deal_id, rfq_id=rfq.pk).exists():
            raise NotFound(deal_id=str(deal_id))
        now = timezone.now()
        _move(rfq, RFQStatus.AWARDED, awarded_at=now)
        _audit(rfq, "rfq.awarded", actor.user_id, now=now, deal_id=str(deal_id))
        publish(RFQAwarded(rfq.pk, rfq.buyer_id, deal_id), after_commit=True)
    return rfq


def rfq_close_for_cap(*, rfq_id: uuid.UUID) -> bool:
    """Close an open RFQ whose quote cap is reached (quotes not withdrawn count), reason `cap`;
    call it after a quote is written. True if it closed it; a no-op otherwise. Idempotent."""
    with transaction.atomic():
        rfq = RFQ.objects.select_for_update(of=("self",)).filter(id=rfq_id).first()
        if rfq is None or rfq.status != RFQStatus.OPEN or rfq.quote_cap is None:
            return False
        quotes = Quote.objects.filter(rfq=rfq).exclude(status=QuoteStatus.WITHDRAWN).count()
        if quotes < rfq.quote_cap:
            return False
        _close(rfq, RFQClosedReason.CAP, actor_user_id=None, now=timezone.now())
    return True


def rfq_deadlines_close(*, now: datetime) -> int:
    """Close every open RFQ whose quote deadline is at or before `now` (reason `deadline`),
    each in its own transaction; return how many. Idempotent: an RFQ closed or extended
    meanwhile is skipped. Run every minute (`rfq.tasks.rfq_deadlines_run`)."""
    due = RFQ.objects.filter(status=RFQStatus.OPEN, quote_deadline__lte=now)
    return sum(_close_at_deadline(rfq_id, now=now) for rfq_id in due.values_list("id", flat=True))


def _close_at_deadline(rfq_id: uuid.UUID, *, now: datetime) -> bool:
    with transaction.atomic():
        rfq = RFQ.objects.select_for_update(of=("self",)).filter(id=rfq_id).first()
        if rfq is None or rfq.status != RFQStatus.OPEN or rfq.quote_deadline > now:
            return False
        _close(rfq, RFQClosedReason.DEADLINE, actor_user_id=None, now=now)
    return True


def _close(
    rfq: RFQ, reason: RFQClosedReason, *, actor_user_id: uuid.UUID | None, now: datetime
) -> None:
    _move(rfq, RFQStatus.CLOSED, closed_at=now, closed_reason=reason.value)
    _audit(rfq, "rfq.closed", actor_user_id, now=now, reason=reason.value)
    publish(RFQClosed(rfq.pk, rfq.buyer_id, reason.value), after_commit=True)


def _move(rfq: RFQ, target: RFQStatus, **stamps: object) -> None:
    ensure_transition(RFQ_TRANSITIONS, current=RFQStatus(rfq.status), target=target)
    rfq.status = target
    for name, value in stamps.items():
        setattr(rfq, name, value)
    rfq.save(update_fields=["status", *stamps, "updated_at"])


def _audit(
    rfq: RFQ, action: str, actor_user_id: uuid.UUID | None, *, now: datetime, **data: str
) -> None:
    audit_record(
        action=action,
        object_type="rfq",
        object_id=rfq.pk,
        actor_user_id=actor_user_id,
        company_id=rfq.buyer_id,
        data={"reference": rfq.reference, **data},
        occurred_at=now,
    )


def _field_error(name: str, reason: str) -> NoReturn:
    raise ValidationFailed(f"{name}: {reason}", field=name, reason=reason, errors={name: reason})
