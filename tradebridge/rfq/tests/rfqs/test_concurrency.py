"""Races on PostgreSQL: real threads, real transactions, real row locks."""

import threading
from collections.abc import Callable
from functools import partial

import pytest
from django.db import connection

from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.errors import DomainError
from tradebridge.core.models import AuditEvent
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.models import RFQ, RFQSettings
from tradebridge.rfq.services.rfq_statuses import rfq_cancel, rfq_close, rfq_deadlines_close
from tradebridge.rfq.services.rfqs import rfq_create
from tradebridge.rfq.tests.factories import BuyerFactory, RFQFactory
from tradebridge.rfq.tests.rfqs.conftest import rfq_input

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(calls: list[Callable[[], object]]) -> list[str]:
    """Run `calls` at the same moment in threads; return "ok" or the error code of each."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_concurrent_posts_never_pass_the_daily_limit() -> None:
    RFQSettings.objects.update_or_create(id=1, defaults={"rfqs_per_company_per_day": 3})
    buyer = BuyerFactory.create()
    members = [MembershipFactory.create(company=buyer, role=Role.PURCHASER) for _ in range(6)]

    outcomes = _race([partial(rfq_create, actor=member, data=rfq_input()) for member in members])

    assert outcomes == ["ok"] * 3 + ["rfq_limit_reached"] * 3
    assert RFQ.objects.filter(buyer=buyer).count() == 3


def test_close_cancel_and_the_deadline_run_at_once_make_one_move() -> None:
    buyer = BuyerFactory.create()
    owner = MembershipFactory.create(company=buyer, role=Role.OWNER)
    rfq = RFQFactory.create(buyer=buyer, created_by=owner.user)
    due = rfq.quote_deadline

    outcomes = _race(
        [
            lambda: rfq_close(actor=owner, rfq_id=rfq.pk),
            lambda: rfq_cancel(actor=owner, rfq_id=rfq.pk),
            lambda: rfq_deadlines_close(now=due),
        ]
    )

    # Cancel always wins in the end; the RFQ is closed at most once (by the buyer or by the
    # run, whichever locked it first), and a close after the cancel is refused.
    rfq.refresh_from_db()
    assert rfq.status == RFQStatus.CANCELLED
    assert outcomes in (["ok", "ok", "ok"], ["invalid_transition", "ok", "ok"])
    closes = AuditEvent.objects.filter(object_id=str(rfq.pk), action="rfq.closed").count()
    assert closes <= 1
    if outcomes == ["ok", "ok", "ok"]:  # the buyer's close came first
        assert closes == 1
    assert AuditEvent.objects.filter(object_id=str(rfq.pk), action="rfq.cancelled").count() == 1
