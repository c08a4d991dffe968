"""Background work of core, and the one way every app schedules tasks after a commit.

Tasks are Django `@task` functions (django.tasks). They take primitive values, load what
they need and are safe to run twice. The backend is chosen by settings (TASKS_BACKEND):
the database queue drained by `tradebridge worker` (embedded), Celery (scale-out), or
immediate (tests). See docs/tasks.md.
"""

import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import Task, task

from tradebridge.core.services.fx import fx_rates_fetch
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


def enqueue_on_commit_batched(
    task: Task[..., Any], *, batch_arg: str, item: str, **kwargs: Any
) -> None:
    """`enqueue_on_commit`, except that the items one transaction schedules for the same task
    and `kwargs` go to one task, as the list `batch_arg` (the products one admin action
    approved become one e-mail). Outside a transaction each item is its own task, at once.

    An item scheduled in a savepoint that rolled back may stay in a batch that another item
    started: the task must check each item's state (as every task does, being safe to run
    twice). A batch started in a rolled-back savepoint goes with it, items and all.
    """
    db = transaction.get_connection()
    if db.in_atomic_block:
        for _, func, _ in db.run_on_commit:
            if isinstance(func, _Batch) and func.takes(task, batch_arg, kwargs):
                func.items.append(item)
                return
    transaction.on_commit(_Batch(task, batch_arg, kwargs, item), robust=True)


class _Batch:
    """One transaction's items for one task; `done` once enqueued (test helpers that run the
    commit callbacks leave them in the list)."""

    __slots__ = ("batch_arg", "done", "items", "kwargs", "task")

    def __init__(
        self, task: Task[..., Any], batch_arg: str, kwargs: dict[str, Any], item: str
    ) -> None:
        self.task, self.batch_arg, self.kwargs = task, batch_arg, kwargs
        self.items = [item]
        self.done = False

    def takes(self, task: Task[..., Any], batch_arg: str, kwargs: dict[str, Any]) -> bool:
        return not self.done and (self.task, self.batch_arg, self.kwargs) == (
            task,
            batch_arg,
            kwargs,
        )

    def __call__(self) -> None:
        self.done = True
        self.task.enqueue(**self.kwargs, **{self.batch_arg: list(dict.fromkeys(self.items))})


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
def fetch_fx_rates() -> dict[str, int | str]:
    """Daily (Celery beat, or the database worker's timer): store the ECB reference rates from
    `ECB_RATES_URL`; nothing when it is unset. Safe to run twice (days already stored stay as
    they are). A network or file error fails the task; tomorrow's run tries again."""
    url: str = settings.ECB_RATES_URL
    if not url:
        return {"skipped": "ECB_RATES_URL is not set"}
    summary = fx_rates_fetch(url=url)
    logger.info(
        "Fetched ECB rates up to %s: %s created, %s updated, %s unchanged",
        summary.last_date,
        summary.created,
        summary.updated,
        summary.unchanged,
    )
    return {
        "last_date": summary.last_date.isoformat(),
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
    }


@task()
def ping(*, payload: str) -> str:
    """Echo `payload`: proves that a worker is consuming the queue (`tradebridge worker`)."""
    return payload
