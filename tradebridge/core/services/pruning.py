"""Deleting what has outlived its purpose: expired idempotency records, old task rows."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tradebridge.core.services.idempotency import idempotency_prune

_FINISHED = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


@dataclass(frozen=True, slots=True)
class PruneSummary:
    idempotency_records: int
    task_results: int


def prune_expired(*, now: datetime | None = None) -> PruneSummary:
    """Delete idempotency records past IDEMPOTENCY_KEY_TTL_HOURS and finished database task
    rows past TASK_RESULT_TTL_DAYS. Queued and running tasks are never touched. Idempotent."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(days=settings.TASK_RESULT_TTL_DAYS)
    task_rows, _ = DBTaskResult.objects.filter(
        status__in=_FINISHED, finished_at__lt=cutoff
    ).delete()
    return PruneSummary(idempotency_records=idempotency_prune(now=moment), task_results=task_rows)
