"""The deadline run: one task closes due RFQs and expires stale quotes, every minute."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tradebridge.core.periodic import periodic_jobs
from tradebridge.rfq.enums import QuoteStatus, RFQClosedReason, RFQStatus
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.tasks import rfq_deadlines_run
from tradebridge.rfq.tests.factories import QuoteFactory, RFQFactory

pytestmark = pytest.mark.django_db


def test_the_run_closes_due_rfqs_and_expires_stale_quotes() -> None:
    due = RFQFactory.create(quote_deadline=timezone.now() - timedelta(minutes=1))
    ahead = RFQFactory.create()
    stale = QuoteFactory.create(
        rfq=ahead, revision__valid_until=timezone.now().date() - timedelta(days=1)
    )
    fresh = QuoteFactory.create(rfq=ahead)

    result = rfq_deadlines_run.enqueue()

    assert result.return_value == {"rfqs_closed": 1, "quotes_expired": 1}
    due.refresh_from_db()
    assert (due.status, due.closed_reason) == (RFQStatus.CLOSED, RFQClosedReason.DEADLINE)
    assert RFQ.objects.get(pk=ahead.pk).status == RFQStatus.OPEN
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == (QuoteStatus.EXPIRED, QuoteStatus.SUBMITTED)
    assert rfq_deadlines_run.enqueue().return_value == {"rfqs_closed": 0, "quotes_expired": 0}


def test_the_database_worker_enqueues_it_every_minute() -> None:
    # Celery beat's entry ("rfq-deadlines") is checked by tests/test_celery_beat.py.
    [job] = [job for job in periodic_jobs() if job.name == "RFQ deadlines and quote validity"]
    assert job.every == timedelta(minutes=1)
