"""The escalation timer runs every minute (the database worker's timer; Celery beat's entry is
checked in tests/test_celery_beat.py), and the task escalates what is due."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tradebridge.core.periodic import periodic_jobs
from tradebridge.payments.dispute_tasks import disputes_timers_task
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.tests.disputes.conftest import open_dispute

pytestmark = pytest.mark.django_db


def test_registered_every_minute_for_the_database_worker():
    jobs = {job.name: job for job in periodic_jobs()}
    assert jobs["dispute auto-escalation"].every.total_seconds() == 60


def test_the_task_escalates_what_is_due(case):
    overdue = open_dispute(case, now=timezone.now() - timedelta(days=8))

    assert disputes_timers_task.call() == 1

    overdue.refresh_from_db()
    assert overdue.status == DisputeStatus.ESCALATED
