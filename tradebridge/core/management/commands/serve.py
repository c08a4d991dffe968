"""`tradebridge serve`: the web server (granian over WSGI) plus the embedded task worker.

Static files are served by WhiteNoise from `STATIC_ROOT` (run `collectstatic` first; `make demo`
does). With the database task backend a worker process runs alongside the web server so e-mails
and other tasks are processed, and so does `tradebridge search-follow`, which builds the search
index if there is none, keeps it in step and fills the products' meaning vectors in the
background (minutes for the demo); with Celery the workers and the follower run separately
(see the Procfile). Links in e-mails point at the address served on (the children's
`SITE_URL`), unless `SITE_URL` is set.

This command supervises its child processes, each in its own session so that a terminal's Ctrl-C
reaches only this process: on SIGINT or SIGTERM it asks each to stop (SIGTERM), waits for them,
and exits 0. (Granian's workers can hang when SIGINT reaches them and their parent at once.)
If a child dies on its own, the others are stopped and the command exits non-zero.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from types import FrameType
from typing import Any

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.urls import reverse
from django_tasks_db.backend import DatabaseBackend

from tradebridge.core.serve_banner import serve_banner_lines

WSGI_TARGET = "config.wsgi:application"
# Requests mostly wait on the database; granian advises at most 2 x CPUs + 1 Python threads.
_DEFAULT_THREADS = 2 * (os.cpu_count() or 1) + 1
_STARTUP_TIMEOUT_SECONDS = 60
_STOP_TIMEOUT_SECONDS = 15

Child = subprocess.Popen[bytes]


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
        parser.add_argument(
            "--no-search-follower",
            action="store_false",
            dest="search_follower",
            help="do not start `tradebridge search-follow` beside the embedded task worker",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port: int = options["port"]
        # The children read their settings from this environment: e-mails link here.
        os.environ["SITE_URL"] = served_site_url(
            host=host, port=port, configured=os.environ.get("SITE_URL", "")
        )
        stop = threading.Event()
        self._stop_on_signals(stop)
        children: dict[str, Child] = {"web server": _start_web(options)}
        worker = _start_task_worker() if options["task_worker"] else None
        if worker is not None:
            children["task worker"] = worker
            if options["search_follower"] and "search-follow" in get_commands():
                children["search follower"] = _start_search_follower()
        try:
            _wait_until_listening(host, port, children["web server"])
            self._print_banner(
                host=host, port=port, worker=worker, follower=children.get("search follower")
            )
            died = _wait_for_stop_or_death(stop, children)
        finally:
            _stop_all(children)
        if died:
            raise CommandError(f"The {died} stopped unexpectedly; everything is shut down.")
        self.stdout.write("Stopped the web server" + (" and the task worker." if worker else "."))

    def _stop_on_signals(self, stop: threading.Event) -> None:
        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)

    def _print_banner(
        self, *, host: str, port: int, worker: Child | None, follower: Child | None
    ) -> None:
        base = f"http://{_local_address(host)}:{port}"
        lines = [
            "",
            self.style.SUCCESS(f"Tradebridge is serving on {base}"),
            f"  Home      {base}/",
            f"  Sign in   {base}{reverse('account_login')}",
            f"  API docs  {base}/api/v1/docs",
            f"  Admin     {base}{reverse('admin:index')}",
            "  Tasks     "
            + (f"embedded worker (pid {worker.pid})" if worker else "run by separate workers"),
            "  Search    "
            + (
                f"index kept in step by search-follow (pid {follower.pid})"
                if follower
                else "kept in step by a separate `tradebridge search-follow`"
            ),
            *serve_banner_lines(),
            "Press Ctrl-C to stop.",
            "",
        ]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()  # the banner must show even when stdout is a pipe


def served_site_url(*, host: str, port: int, configured: str) -> str:
    """The base of links in e-mails: `configured` (SITE_URL) when set, else where this server
    answers (a wildcard address is reached on 127.0.0.1)."""
    address = _local_address(host)
    return configured or f"http://{f'[{address}]' if ':' in address else address}:{port}"


def _start_web(options: dict[str, Any]) -> Child:
    command = [
        sys.executable, "-m", "granian", "--interface", "wsgi", "--no-ws",
        "--host", options["host"], "--port", str(options["port"]),
        "--workers", str(options["workers"]), "--blocking-threads", str(options["threads"]),
        WSGI_TARGET,
    ]  # fmt: skip
    return subprocess.Popen(command, start_new_session=True)  # noqa: S603


def _start_task_worker() -> Child | None:
    """Start `tradebridge worker` when tasks are queued in the database; else None."""
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return None
    # The child inherits DJANGO_SETTINGS_MODULE and the rest of the environment.
    return subprocess.Popen([sys.executable, "-m", "django", "worker"], start_new_session=True)


def _start_search_follower() -> Child:
    """Start `tradebridge search-follow` (the search app's command, run by its CLI name)."""
    command = [sys.executable, "-m", "django", "search-follow"]
    return subprocess.Popen(command, start_new_session=True)  # noqa: S603


def _wait_until_listening(host: str, port: int, web: Child) -> None:
    deadline = time.monotonic() + _STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if web.poll() is not None:
            raise CommandError(f"The web server exited during start-up (code {web.returncode}).")
        try:
            socket.create_connection((_local_address(host), port), timeout=1).close()
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise CommandError(f"The web server did not listen on {host}:{port} within a minute.")


def _local_address(host: str) -> str:
    """Where to reach a server bound to `host` from this machine."""
    return "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104


def _wait_for_stop_or_death(stop: threading.Event, children: dict[str, Child]) -> str | None:
    """Block until a stop signal (return None) or a child's exit (return its name)."""
    while not stop.wait(0.5):
        for name, child in children.items():
            if child.poll() is not None:
                return name
    return None


def _stop_all(children: dict[str, Child]) -> None:
    running = [child for child in children.values() if child.poll() is None]
    for child in running:
        child.terminate()
    deadline = time.monotonic() + _STOP_TIMEOUT_SECONDS
    for child in running:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
