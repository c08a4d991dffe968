"""`tradebridge worker`: run the background worker that fits TASKS_BACKEND.

- database (embedded default): django-tasks-db's `db_worker`, plus housekeeping: `prune`
  at start and every PRUNE_INTERVAL_HOURS while it runs, and the planner statistics
  (`ANALYZE`) at the same interval (not at start: `search-reindex` and big imports refresh
  them when they matter); the ECB rates from `ECB_RATES_URL`, when set, in the background
  at start and at the same interval; and the apps' periodic jobs (`core.periodic`), each
  enqueued when due;
- celery (scale-out): a Celery worker of `settings.CELERY_APP` (`--beat` also runs the
  periodic schedule: start exactly one worker with it);
- immediate: tasks already run inline, so there is nothing to run.
"""

import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.utils.module_loading import import_string
from django_tasks_celery import CeleryBackend
from django_tasks_db.backend import DatabaseBackend

from tradebridge.core.fx_ecb import RateFileInvalid
from tradebridge.core.periodic import periodic_due
from tradebridge.core.services.fx import fx_rates_fetch
from tradebridge.core.services.planner_statistics import planner_statistics_refresh
from tradebridge.core.services.pruning import PruneSummary, prune_expired

PRUNE_INTERVAL_HOURS = 24
PERIODIC_TICK_SECONDS = 15


class Command(BaseCommand):
    help = "Run the background task worker for the configured TASKS_BACKEND."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue",
            default="default",
            help="queues to consume, comma-separated (default: default)",
        )
        parser.add_argument(
            "--batch", action="store_true", help="database backend: run what is queued, then exit"
        )
        parser.add_argument(
            "--concurrency", type=int, default=1, help="celery: worker processes (1 = solo pool)"
        )
        parser.add_argument(
            "--beat", action="store_true", help="celery: also run the periodic schedule"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if isinstance(backend, DatabaseBackend):
            self._run_database_worker(queue=options["queue"], batch=options["batch"])
        elif isinstance(backend, CeleryBackend):
            self._run_celery_worker(
                queue=options["queue"], concurrency=options["concurrency"], beat=options["beat"]
            )
        elif isinstance(backend, ImmediateBackend):
            self.stdout.write("Tasks run inline (immediate backend): no worker is needed.")
        else:
            raise CommandError(f"No worker known for the task backend {type(backend).__name__}")

    def _run_database_worker(self, *, queue: str, batch: bool) -> None:
        self._report(prune_expired())
        if not batch:
            threading.Thread(
                target=self._housekeep_periodically, name="housekeeping", daemon=True
            ).start()
            threading.Thread(
                target=self._enqueue_periodically, name="periodic", daemon=True
            ).start()
        self.stdout.write(f"Database task worker on queue(s) {queue}{' (batch)' if batch else ''}.")
        db_worker_options: dict[str, Any] = {"queue_name": queue, "batch": batch, "reload": False}
        if batch:
            db_worker_options["startup_delay"] = False
        call_command("db_worker", **db_worker_options)

    def _housekeep_periodically(self) -> None:
        self.fetch_fx_rates()  # a server restarted daily would otherwise never fetch
        stop = threading.Event()
        while not stop.wait(PRUNE_INTERVAL_HOURS * 3600):
            close_old_connections()
            self.housekeep()

    def _enqueue_periodically(self) -> None:
        """The apps' periodic jobs (core.periodic), each enqueued when due."""
        last_runs: dict[str, float] = {}
        stop = threading.Event()
        while True:
            now = time.monotonic()
            for job in periodic_due(last_runs=last_runs, now=now):
                close_old_connections()
                try:
                    job.run()
                except Exception as error:  # a failed enqueue (broker down) must not stop the timer
                    self.stderr.write(f"Could not enqueue {job.name}: {error}")
                last_runs[job.name] = now
            if stop.wait(PERIODIC_TICK_SECONDS):
                return

    def housekeep(self) -> None:
        """The daily run: prune, refresh the planner statistics, fetch the ECB rates."""
        self._report(prune_expired())
        refreshed = planner_statistics_refresh()
        self.stdout.write(f"Analyzed {len(refreshed.tables)} tables in {refreshed.seconds:.1f} s.")
        self.fetch_fx_rates()

    def fetch_fx_rates(self) -> None:
        """Store the rates from ECB_RATES_URL when set. A failure is reported, never raised:
        the worker keeps running and tries again at the next run."""
        url: str = settings.ECB_RATES_URL
        if not url:
            return
        try:
            summary = fx_rates_fetch(url=url)
        except (OSError, RateFileInvalid) as error:
            self.stderr.write(f"Could not fetch the ECB rates from {url}: {error}")
            return
        self.stdout.write(
            f"ECB rates up to {summary.last_date}: {summary.created} created, "
            f"{summary.updated} updated, {summary.unchanged} unchanged."
        )

    def _report(self, summary: PruneSummary) -> None:
        self.stdout.write(
            f"Pruned {summary.idempotency_records} idempotency records "
            f"and {summary.task_results} finished task rows."
        )
        for name, count in summary.registered.items():
            self.stdout.write(f"Pruned {count} {name}.")

    def _run_celery_worker(self, *, queue: str, concurrency: int, beat: bool) -> None:
        app = import_string(settings.CELERY_APP)
        argv = ["worker", "--loglevel=INFO", f"--queues={queue}", f"--concurrency={concurrency}"]
        argv.append("--pool=solo" if concurrency == 1 else "--pool=prefork")
        if beat:
            argv.append("--beat")
        self.stdout.write(
            f"Celery worker on queue(s) {queue}, broker {settings.CELERY_BROKER_URL}."
        )
        app.worker_main(argv=argv)
