"""Periodic jobs for the embedded deployment's database worker.

Apps register, from their AppConfig.ready(), a job that enqueues one of their tasks and how
often it is due; `tradebridge worker` (database backend) runs a timer thread that enqueues
each job when due (`periodic_due`). With Celery, `config/celery.py`'s beat schedule lists
the same tasks instead. Jobs must be cheap to enqueue and their tasks idempotent.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    name: str
    every: timedelta
    run: Callable[[], object]  # enqueues the task; the worker runs it


_JOBS: dict[str, PeriodicJob] = {}


def periodic_register(name: str, *, every: timedelta, run: Callable[[], object]) -> None:
    """Make `run` due every `every` in the database worker; registering a name again
    replaces its job."""
    _JOBS[name] = PeriodicJob(name=name, every=every, run=run)


def periodic_jobs() -> list[PeriodicJob]:
    return list(_JOBS.values())


def periodic_due(*, last_runs: Mapping[str, float], now: float) -> list[PeriodicJob]:
    """The jobs never run (per `last_runs`, monotonic seconds by name) or whose interval
    has passed since their last run."""
    return [
        job
        for job in _JOBS.values()
        if job.name not in last_runs or now - last_runs[job.name] >= job.every.total_seconds()
    ]
