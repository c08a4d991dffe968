"""`tradebridge serve`: the web server (granian over WSGI) plus the embedded task worker.

Static files are served by WhiteNoise from `STATIC_ROOT` (run `collectstatic` first; `make demo`
does). With the database task backend a worker process runs alongside the web workers so e-mails
and other tasks are processed; with Celery the workers run separately (see the Procfile).
Ctrl-C (SIGINT) or SIGTERM stops the web workers and the task worker, then exits 0.
"""

import os
import subprocess
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.urls import reverse
from django_tasks_db.backend import DatabaseBackend
from granian.constants import Interfaces
from granian.server import Server

from tradebridge.core.management.commands.demo import DEMO_LOGINS, DEMO_PASSWORD

WSGI_TARGET = "config.wsgi:application"
_WORKER_STOP_TIMEOUT_SECONDS = 10
# Requests mostly wait on the database; granian advises at most 2 x CPUs + 1 Python threads.
_DEFAULT_THREADS = 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = "Serve Tradebridge with granian (WSGI) and run the background task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)"
        )
        parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "1")),
            help="web worker processes (default $WEB_CONCURRENCY or 1)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=_DEFAULT_THREADS,
            help=f"request threads per web worker (default {_DEFAULT_THREADS}: 2 x CPUs + 1)",
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_false",
            dest="task_worker",
            help="do not start the embedded task worker (run `tradebridge worker` yourself)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port: int = options["port"]
        server = Server(
            WSGI_TARGET,
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=options["workers"],
            blocking_threads=options["threads"],
            log_access=False,
        )
        worker = self._start_task_worker() if options["task_worker"] else None
        self._print_banner(host=host, port=port, worker=worker)
        try:
            server.serve()
        finally:
            self._stop_task_worker(worker)

    def _start_task_worker(self) -> subprocess.Popen[bytes] | None:
        """Start `tradebridge worker` as a child process when tasks are queued in the database."""
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            return None
        command = "worker" if "worker" in get_commands() else "db_worker"
        # The child inherits DJANGO_SETTINGS_MODULE and the rest of the environment.
        return subprocess.Popen([sys.executable, "-m", "django", command])  # noqa: S603

    def _stop_task_worker(self, worker: subprocess.Popen[bytes] | None) -> None:
        if worker is None or worker.poll() is not None:
            return
        worker.terminate()
        try:
            worker.wait(timeout=_WORKER_STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        self.stdout.write("Task worker stopped.")

    def _print_banner(
        self, *, host: str, port: int, worker: subprocess.Popen[bytes] | None
    ) -> None:
        shown_host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host  # noqa: S104
        base = f"http://{shown_host}:{port}"
        lines = [
            "",
            self.style.SUCCESS(f"Tradebridge is serving on {base}"),
            f"  Home      {base}/",
            f"  Sign in   {base}{reverse('account_login')}",
            f"  API docs  {base}/api/v1/docs",
            f"  Admin     {base}{reverse('admin:index')}",
            "  Tasks     "
            + (f"embedded worker (pid {worker.pid})" if worker else "run by separate workers"),
            *self._demo_login_lines(),
            "Press Ctrl-C to stop.",
            "",
        ]
        self.stdout.write("\n".join(lines))

    def _demo_login_lines(self) -> list[str]:
        """The demo logins that exist in this database (none before `tradebridge demo`)."""
        emails = [login.email for login in DEMO_LOGINS]
        try:
            present = set(
                get_user_model().objects.filter(email__in=emails).values_list("email", flat=True)
            )
        except DatabaseError:
            return ["  (database not migrated: run `tradebridge migrate` and `tradebridge demo`)"]
        if not present:
            return []
        rows = [
            f"    {login.email:<34} {login.description}"
            for login in DEMO_LOGINS
            if login.email in present
        ]
        return [f"  Demo logins (password {DEMO_PASSWORD}):", *rows]
