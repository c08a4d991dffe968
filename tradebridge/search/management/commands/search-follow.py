# ruff: noqa: N999  # the module name is the CLI name: `tradebridge search-follow`
"""`tradebridge search-follow`: keep this node's index replica in step with the catalog.

For the scale-out deployment, where each web node has its own index on local disk (no shared
disk): run one per node beside the web server. It rebuilds first when the index is missing,
of an older schema, or further behind than the change feed keeps rows; then it applies the
feed every `--interval` seconds. Two followers on one directory take turns (a file lock).
The products' meaning vectors are embedded by a background thread (hours for a large catalog
on a few cores) while the feed keeps being applied; a restart resumes where it stopped.
"""

import logging
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection

from tradebridge.core.management.progress import ProgressBar
from tradebridge.core.services.planner_statistics import planner_statistics_refresh
from tradebridge.search.services.indexing import (
    search_index_is_behind,
    search_reindex,
    search_sync,
    search_vectors_fill,
)

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Follow the catalog's change feed into this node's search index (runs until stopped)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between polls (default 1)"
        )
        parser.add_argument(
            "--once", action="store_true", help="bootstrap if needed, apply the feed once, exit"
        )
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            help="bootstrap without meaning vectors (keyword search only)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval = float(options["interval"])
        if interval <= 0:
            raise CommandError("--interval must be positive.")
        vectors = not options["no_vectors"]
        self._bootstrap()
        filler: threading.Thread | None = None
        while True:
            summary = search_sync()
            if summary.applied:
                self.stdout.write(
                    f"Applied {summary.applied:,} changes (feed #{summary.watermark})."
                )
            if options["once"]:
                if vectors:
                    search_vectors_fill()
                return
            if vectors and (filler is None or not filler.is_alive()):
                filler = threading.Thread(target=_fill, name="search-vectors", daemon=True)
                filler.start()  # returns at once when every product has its vector
            close_old_connections()
            time.sleep(interval)
            if search_index_is_behind():
                self._bootstrap()

    def _bootstrap(self) -> None:
        if not search_index_is_behind():
            return
        self.stdout.write("The index is missing or too far behind the feed: rebuilding.")
        planner_statistics_refresh()  # as search-reindex: the rebuild reads in id order
        # Keywords first; the vectors follow in the background (`_fill`).
        summary = search_reindex(on_progress=ProgressBar(self.stderr, "Indexing"))
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {summary.products:,} products; following the feed.")
        )


def _fill() -> None:
    try:
        search_vectors_fill()
    except Exception:
        logger.exception("The meaning vectors could not be filled; retrying on the next poll.")
    finally:
        connection.close()
