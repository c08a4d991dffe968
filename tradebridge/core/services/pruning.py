"""Deleting what has outlived its purpose: expired idempotency records, old task rows, and
what the apps above core register (`prune_register`, from their AppConfig's `ready()`: core
cannot import them), all in the one daily housekeeping run (`tradebridge prune`, the database
worker's timer, Celery beat)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tradebridge.core.services.idempotency import idempotency_prune

_FINISHED = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)

# Deletes what is old at the given moment; returns how many rows went.
type Pruner = Callable[[datetime], int]

_PRUNERS: dict[str, Pruner] = {}


@dataclass(frozen=True, slots=True)
class PruneSummary:
    idempotency_records: int
    task_results: int
    registered: dict[str, int] = field(default_factory=dict)  # rows deleted, by pruner name


def prune_register(name: str, pruner: Pruner) -> None:
    """Add `pruner` to the daily run under `name` ("catalog change-feed rows"); registering
    a name again replaces its pruner."""
    _PRUNERS[name] = pruner


def prune_expired(*, now: datetime | None = None) -> PruneSummary:
    """Delete idempotency records past IDEMPOTENCY_KEY_TTL_HOURS and finished database task
    rows past TASK_RESULT_TTL_DAYS, then run the registered pruners. Queued and running tasks
    are never touched. Idempotent."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(days=settings.TASK_RESULT_TTL_DAYS)
    task_rows, _ = DBTaskResult.objects.filter(
        status__in=_FINISHED, finished_at__lt=cutoff
    ).delete()
    return PruneSummary(
        idempotency_records=idempotency_prune(now=moment),
        task_results=task_rows,
        registered={name: pruner(moment) for name, pruner in _PRUNERS.items()},
    )
