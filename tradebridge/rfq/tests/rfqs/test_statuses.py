"""The RFQ status services: every move of the table, every illegal one refused with nothing
changed, the events after the commit, the audit trail, and the deadline run's clock."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tradebridge.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent
from tradebridge.rfq.enums import QuoteStatus, RFQClosedReason, RFQStatus, RFQVisibility
from tradebridge.rfq.events import RFQAwarded, RFQCancelled, RFQClosed, RFQOpened
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.services.rfq_statuses import (
    rfq_award,
    rfq_cancel,
    rfq_close,
    rfq_close_for_cap,
    rfq_deadlines_close,
    rfq_open,
)
from tradebridge.rfq.tests.factories import DealFactory, QuoteFactory, RFQFactory
from tradebridge.rfq.tests.rfqs.conftest import People, scheduled

pytestmark = pytest.mark.django_db


def _rfq(people: People, status: RFQStatus, **fields: Any) -> RFQ:
    return RFQFactory.create(
        buyer=people.buyer, created_by=people.owner.user, status=status, **fields
    )


def _snapshot(rfq: RFQ) -> tuple[object, ...]:
    rfq.refresh_from_db()
    return (rfq.status, rfq.opened_at, rfq.closed_at, rfq.closed_reason, rfq.cancelled_at)


VERBS = {
    "close": lambda p, rfq: rfq_close(actor=p.owner, rfq_id=rfq.pk),
    "cancel": lambda p, rfq: rfq_cancel(actor=p.owner, rfq_id=rfq.pk),
    "open": lambda p, rfq: rfq_open(
        actor=p.owner, rfq_id=rfq.pk, quote_deadline=timezone.now() + timedelta(days=3)
    ),
}
ILLEGAL = [
    ("close", RFQStatus.DRAFT),
    ("close", RFQStatus.CLOSED),
    ("close", RFQStatus.AWARDED),
    ("close", RFQStatus.CANCELLED),
    ("cancel", RFQStatus.AWARDED),
    ("cancel", RFQStatus.CANCELLED),
    ("open", RFQStatus.OPEN),
    ("open", RFQStatus.AWARDED),
    ("open", RFQStatus.CANCELLED),
]


@pytest.mark.parametrize(("verb", "status"), ILLEGAL)
def test_illegal_moves_are_refused_and_change_nothing(
    people: People, verb: str, status: RFQStatus
) -> None:
    rfq = _rfq(people, status)
    before = _snapshot(rfq)

    with pytest.raises(InvalidTransition) as caught:
        VERBS[verb](people, rfq)

    assert caught.value.http_status == 409
    assert caught.value.details["current"] == status.value
    assert _snapshot(rfq) == before
    assert not AuditEvent.objects.filter(object_id=str(rfq.pk)).exists()


def test_award_from_a_draft_or_an_ended_rfq_is_refused(people: People) -> None:
    for status in (RFQStatus.DRAFT, RFQStatus.CANCELLED):
        deal = DealFactory.create(quote=QuoteFactory.create(rfq=_rfq(people, status)))
        with pytest.raises(InvalidTransition):
            rfq_award(actor=people.owner, rfq_id=deal.rfq_id, deal_id=deal.pk)
        assert RFQ.objects.get(pk=deal.rfq_id).status == status


def test_open_a_draft(
    people: People, recording: None, django_capture_on_commit_callbacks: Any
) -> None:
    rfq = _rfq(people, RFQStatus.DRAFT)

    with django_capture_on_commit_callbacks() as callbacks:
        rfq_open(actor=people.purchaser, rfq_id=rfq.pk)

    rfq.refresh_from_db()
    assert rfq.status == RFQStatus.OPEN
    assert rfq.opened_at is not None
    assert scheduled(callbacks) == [RFQOpened(rfq.pk, people.buyer.pk)]
    event = AuditEvent.objects.get(action="rfq.opened")
    assert (event.actor_user_id, event.company_id) == (people.purchaser.user_id, people.buyer.pk)


def test_a_draft_whose_deadline_passed_opens_only_with_a_new_one(people: People) -> None:
    rfq = _rfq(people, RFQStatus.DRAFT, quote_deadline=timezone.now() - timedelta(hours=1))

    with pytest.raises(ValidationFailed) as caught:
        rfq_open(actor=people.owner, rfq_id=rfq.pk)
    assert caught.value.details["errors"] == {"quote_deadline": "deadline_in_past"}
    assert _snapshot(rfq)[0] == RFQStatus.DRAFT

    rfq_open(actor=people.owner, rfq_id=rfq.pk, quote_deadline=timezone.now() + timedelta(days=1))
    assert _snapshot(rfq)[0] == RFQStatus.OPEN


def test_an_invited_only_draft_needs_an_invitee_to_open(people: People) -> None:
    rfq = _rfq(people, RFQStatus.DRAFT, visibility=RFQVisibility.INVITED)

    with pytest.raises(ValidationFailed) as caught:
        rfq_open(actor=people.owner, rfq_id=rfq.pk)

    assert caught.value.details["errors"] == {"invited_suppliers": "required"}


def test_close_by_the_buyer(
    people: People, recording: None, django_capture_on_commit_callbacks: Any
) -> None:
    rfq = _rfq(people, RFQStatus.OPEN)

    with django_capture_on_commit_callbacks() as callbacks:
        rfq_close(actor=people.admin, rfq_id=rfq.pk)

    status, _, closed_at, reason, _ = _snapshot(rfq)
    assert (status, reason) == (RFQStatus.CLOSED, RFQClosedReason.BY_BUYER)
    assert closed_at is not None
    assert scheduled(callbacks) == [RFQClosed(rfq.pk, people.buyer.pk, "by_buyer")]


def test_reopen_needs_a_new_deadline_ahead(
    people: People, recording: None, django_capture_on_commit_callbacks: Any
) -> None:
    rfq = _rfq(people, RFQStatus.OPEN)
    rfq_close(actor=people.owner, rfq_id=rfq.pk)

    with pytest.raises(ValidationFailed) as caught:
        rfq_open(actor=people.owner, rfq_id=rfq.pk)
    assert caught.value.details["errors"] == {"quote_deadline": "required"}
    with pytest.raises(ValidationFailed):
        rfq_open(actor=people.owner, rfq_id=rfq.pk, quote_deadline=timezone.now() - timedelta(1))
    assert _snapshot(rfq)[0] == RFQStatus.CLOSED

    with django_capture_on_commit_callbacks() as callbacks:
        rfq_open(
            actor=people.owner, rfq_id=rfq.pk, quote_deadline=timezone.now() + timedelta(days=2)
        )

    status, _, closed_at, reason, _ = _snapshot(rfq)
    assert (status, closed_at, reason) == (RFQStatus.OPEN, None, "")
    assert scheduled(callbacks) == [RFQOpened(rfq.pk, people.buyer.pk, reopened=True)]
    assert AuditEvent.objects.filter(action="rfq.reopened").count() == 1


def test_an_rfq_closed_at_its_cap_does_not_reopen(people: People) -> None:
    rfq = _rfq(people, RFQStatus.CLOSED, closed_reason=RFQClosedReason.CAP)

    with pytest.raises(ValidationFailed) as caught:
        rfq_open(
            actor=people.owner, rfq_id=rfq.pk, quote_deadline=timezone.now() + timedelta(days=2)
        )

    assert caught.value.details["errors"] == {"quote_cap": "cap_reached"}


@pytest.mark.parametrize("status", [RFQStatus.DRAFT, RFQStatus.OPEN, RFQStatus.CLOSED])
def test_cancel(
    people: People, status: RFQStatus, recording: None, django_capture_on_commit_callbacks: Any
) -> None:
    rfq = _rfq(people, status)

    with django_capture_on_commit_callbacks() as callbacks:
        rfq_cancel(actor=people.owner, rfq_id=rfq.pk)

    assert _snapshot(rfq)[0] == RFQStatus.CANCELLED
    assert rfq.cancelled_at is not None
    assert scheduled(callbacks) == [RFQCancelled(rfq.pk, people.buyer.pk)]


@pytest.mark.parametrize("status", [RFQStatus.OPEN, RFQStatus.CLOSED])
def test_award_to_a_deal_of_the_rfq(
    people: People, status: RFQStatus, recording: None, django_capture_on_commit_callbacks: Any
) -> None:
    rfq = _rfq(people, status)
    deal = DealFactory.create(quote=QuoteFactory.create(rfq=rfq))

    with django_capture_on_commit_callbacks() as callbacks:
        rfq_award(actor=people.purchaser, rfq_id=rfq.pk, deal_id=deal.pk)

    rfq.refresh_from_db()
    assert (rfq.status, rfq.awarded_at is not None) == (RFQStatus.AWARDED, True)
    assert scheduled(callbacks) == [RFQAwarded(rfq.pk, people.buyer.pk, deal.pk)]
    assert AuditEvent.objects.get(action="rfq.awarded").data["deal_id"] == str(deal.pk)


def test_award_refuses_a_deal_of_another_rfq(people: People) -> None:
    rfq = _rfq(people, RFQStatus.OPEN)
    foreign = DealFactory.create()

    with pytest.raises(NotFound):
        rfq_award(actor=people.owner, rfq_id=rfq.pk, deal_id=foreign.pk)

    assert _snapshot(rfq)[0] == RFQStatus.OPEN


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_roles_without_buying_rights_change_nothing(people: People, role: str) -> None:
    rfq = _rfq(people, RFQStatus.OPEN)
    actor = people.member(role)

    for call in (
        lambda: rfq_close(actor=actor, rfq_id=rfq.pk),
        lambda: rfq_cancel(actor=actor, rfq_id=rfq.pk),
        lambda: rfq_open(actor=actor, rfq_id=rfq.pk),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _snapshot(rfq)[0] == RFQStatus.OPEN


def test_another_company_cannot_touch_the_rfq(people: People) -> None:
    rfq = _rfq(people, RFQStatus.OPEN)

    for actor in (people.other_buyer, people.supplier_a):
        with pytest.raises((NotFound, PermissionDenied)):
            rfq_close(actor=actor, rfq_id=rfq.pk)
    with pytest.raises(NotFound):
        rfq_cancel(actor=people.other_buyer, rfq_id=rfq.pk)
    assert _snapshot(rfq)[0] == RFQStatus.OPEN


def test_the_cap_closes_an_open_rfq_once_enough_quotes_came(people: People) -> None:
    rfq = _rfq(people, RFQStatus.OPEN, quote_cap=2)
    QuoteFactory.create(rfq=rfq)
    QuoteFactory.create(rfq=rfq, status=QuoteStatus.WITHDRAWN)
    assert rfq_close_for_cap(rfq_id=rfq.pk) is False

    QuoteFactory.create(rfq=rfq)

    assert rfq_close_for_cap(rfq_id=rfq.pk) is True
    assert _snapshot(rfq)[3] == RFQClosedReason.CAP
    assert rfq_close_for_cap(rfq_id=rfq.pk) is False  # idempotent


# --- the deadline run, with an injected clock ------------------------------------------------


def test_the_deadline_run_closes_what_is_due_and_only_that(
    people: People, recording: None, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now() + timedelta(days=30)  # the injected clock, a month ahead
    due = _rfq(people, RFQStatus.OPEN, quote_deadline=now - timedelta(seconds=1))
    exactly = _rfq(people, RFQStatus.OPEN, quote_deadline=now)
    later = _rfq(people, RFQStatus.OPEN, quote_deadline=now + timedelta(seconds=1))
    draft = _rfq(people, RFQStatus.DRAFT, quote_deadline=now - timedelta(days=1))

    with django_capture_on_commit_callbacks() as callbacks:
        assert rfq_deadlines_close(now=now) == 2

    assert [_snapshot(r)[0] for r in (due, exactly, later, draft)] == [
        RFQStatus.CLOSED,
        RFQStatus.CLOSED,
        RFQStatus.OPEN,
        RFQStatus.DRAFT,
    ]
    assert due.closed_reason == RFQClosedReason.DEADLINE
    assert due.closed_at == now
    assert {event.rfq_id for event in scheduled(callbacks)} == {due.pk, exactly.pk}  # type: ignore[attr-defined]
    assert rfq_deadlines_close(now=now) == 0  # idempotent
    audit = AuditEvent.objects.filter(action="rfq.closed", object_id=str(due.pk)).get()
    assert (audit.actor_user_id, audit.data["reason"]) == (None, "deadline")
