"""Background work of core, and the one way every app schedules tasks after a commit.

Tasks are Django `@task` functions (django.tasks). They take primitive values, load what
they need and are safe to run twice. The backend is chosen by settings (TASKS_BACKEND):
the database queue drained by `tradebridge worker` (embedded), Celery (scale-out), or
immediate (tests). See docs/tasks.md.
"""

import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.tasks import Task, task

from tradebridge.core.services.planner_statistics import planner_statistics_refresh
from tradebridge.core.services.pruning import prune_expired

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task[..., Any], **kwargs: Any) -> None:
    """Enqueue `task(**kwargs)` once the current transaction commits (at once outside one);
    never if it rolls back. Pass primitive, JSON-serialisable values (ids as str).

    A failure to enqueue after the commit (broker down) is logged, not raised: the change
    is already committed and the caller's response must say so.
    """
    transaction.on_commit(partial(_enqueue, task, kwargs), robust=True)


def _enqueue(task: Task[..., Any], kwargs: dict[str, Any]) -> None:
    task.enqueue(**kwargs)


@task()
def prune_expired_records() -> dict[str, int]:
    """Daily housekeeping (Celery beat, or the database worker's timer)."""
    summary = prune_expired()
    logger.info(
        "Pruned %s idempotency records and %s task results",
        summary.idempotency_records,
        summary.task_results,
    )
    for name, count in summary.registered.items():
        logger.info("Pruned %s %s", count, name)
    return {
        "idempotency_records": summary.idempotency_records,
        "task_results": summary.task_results,
        **summary.registered,
    }


@task()
def refresh_planner_statistics() -> dict[str, float]:
    """Daily `ANALYZE` of every table (Celery beat, or the database worker's timer): the
    planner's row estimates follow the catalog as it grows and products change status."""
    refreshed = planner_statistics_refresh()
    logger.info("Analyzed %s tables in %.1f s", len(refreshed.tables), refreshed.seconds)
    return {"tables": len(refreshed.tables), "seconds": refreshed.seconds}


@task()
def ping(*, payload: str) -> str:
    """Echo `payload`: proves that a worker is consuming the queue (`tradebridge worker`)."""
    return payload
