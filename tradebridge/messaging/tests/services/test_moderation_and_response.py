"""Reports, the operator's decisions, and the response ledger's idempotence and stats."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent
from tradebridge.messaging.enums import ReportStatus, ResponseRequestKind
from tradebridge.messaging.events import SupplierResponseStatsChanged
from tradebridge.messaging.models import Message, MessageReport, ResponseRequest
from tradebridge.messaging.services import (
    Counterpart,
    message_hide,
    message_report,
    message_report_dismiss,
    response_request_answer,
    response_request_open,
    supplier_response_stats_refresh,
    supplier_response_stats_refresh_all,
    thread_start,
)
from tradebridge.messaging.tests.conftest import Parties

pytestmark = pytest.mark.django_db


def _message(parties: Parties) -> Message:
    return thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        body="Buy cheap watches at spam.example",
    ).message


def test_the_receiver_reports_and_the_operator_hides_and_suspends(parties: Parties) -> None:
    message = _message(parties)
    with pytest.raises(ValidationFailed):  # one's own company's message
        message_report(actor=parties.buyer_owner, message_id=message.id, reason="spam")
    with pytest.raises(NotFound):
        message_report(actor=parties.outsider, message_id=message.id, reason="spam")
    report = message_report(actor=parties.sales, message_id=message.id, reason="Spam")
    with pytest.raises(Conflict):
        message_report(actor=parties.supplier_admin, message_id=message.id, reason="Spam again")
    with pytest.raises(PermissionDenied):
        message_hide(operator=parties.sales.user, report_id=report.id)

    operator = UserFactory.create(is_staff=True)
    decided = message_hide(
        operator=operator, report_id=report.id, suspend_sender=True, note="Spam campaign"
    )

    message.refresh_from_db()
    parties.buyer.refresh_from_db()
    assert decided.status == ReportStatus.HIDDEN
    assert message.hidden_by == operator
    assert not parties.buyer.is_active
    assert AuditEvent.objects.filter(action="message.hidden", object_id=str(message.id)).exists()
    with pytest.raises(Conflict):
        message_report_dismiss(operator=operator, report_id=report.id)


def test_a_dismissed_report_leaves_the_message(parties: Parties) -> None:
    message = _message(parties)
    report = message_report(actor=parties.sales, message_id=message.id, reason="Rude")
    operator = UserFactory.create(is_staff=True)
    assert message_report_dismiss(operator=operator, report_id=report.id).status == "dismissed"
    message.refresh_from_db()
    assert message.hidden_at is None
    assert MessageReport.objects.get().decided_by == operator


def test_the_ledger_is_idempotent(parties: Parties) -> None:
    rfq_id, now = uuid.uuid4(), timezone.now()
    kwargs: dict[str, Any] = {
        "supplier_id": parties.supplier.id,
        "kind": ResponseRequestKind.RFQ_INVITATION,
        "ref_id": rfq_id,
    }
    assert response_request_open(buyer_id=parties.buyer.id, asked_at=now, **kwargs)
    assert not response_request_open(
        buyer_id=parties.buyer.id, asked_at=now + timedelta(hours=1), **kwargs
    )
    assert not response_request_answer(answered_at=now - timedelta(hours=1), **kwargs)
    assert response_request_answer(answered_at=now + timedelta(hours=3), **kwargs)
    assert not response_request_answer(answered_at=now + timedelta(hours=9), **kwargs)
    request = ResponseRequest.objects.get()
    assert (request.asked_at, request.answered_at) == (now, now + timedelta(hours=3))


def test_stats_refresh_publishes_only_on_change(
    parties: Parties, monkeypatch: pytest.MonkeyPatch
) -> None:
    published: list[object] = []
    monkeypatch.setattr(
        "tradebridge.messaging.services.response.publish", lambda event: published.append(event)
    )
    now = timezone.now()
    for index, answered in enumerate([True, True, True, True, False]):
        asked = now - timedelta(days=index + 1)
        ResponseRequest.objects.create(
            kind=ResponseRequestKind.THREAD,
            ref_id=uuid.uuid4(),
            supplier=parties.supplier,
            buyer=parties.buyer,
            asked_at=asked,
            answered_at=asked + timedelta(hours=2) if answered else None,
        )
    stats = supplier_response_stats_refresh(supplier_id=parties.supplier.id, now=now)
    assert (stats.response_rate, stats.median_first_response_seconds) == (80, 7200)
    assert published == [SupplierResponseStatsChanged(company_id=parties.supplier.id)]
    supplier_response_stats_refresh(supplier_id=parties.supplier.id, now=now)
    assert len(published) == 1  # unchanged
    assert supplier_response_stats_refresh_all(now=now + timedelta(days=100)) == 1
    assert parties.supplier.response_stats.response_rate is None
    assert len(published) == 2
