# ruff: noqa: N999  # the module name is the CLI name: `tradebridge search-reindex`
"""`tradebridge search-reindex`: rebuild this node's search index from the catalog.

First refreshes the database's planner statistics (`ANALYZE`: without fresh ones, after a
large import or publish, each id-ordered batch can sort every published product). Builds a new
index beside the live one from every visible product and active supplier (read in id-ordered
batches: memory stays bounded), then switches to it atomically; searches keep
being served from the old one meanwhile. Then embeds the products' meaning vectors while the
new index already serves keyword searches (`--resume-vectors` resumes an interrupted fill
without rebuilding). Exit status 1 when the build fails (the old index stays live).
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tradebridge.core.management.progress import ProgressBar
from tradebridge.core.services.planner_statistics import planner_statistics_refresh
from tradebridge.search.services.indexing import (
    BUILD_BATCH,
    search_reindex,
    search_vectors_fill,
)


class Command(BaseCommand):
    help = "Rebuild the search index from the catalog and switch to it atomically."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BUILD_BATCH,
            help=f"products read per database query (default {BUILD_BATCH:,})",
        )
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            help="skip the meaning vectors (keyword search only; much faster to build)",
        )
        parser.add_argument(
            "--resume-vectors",
            action="store_true",
            help="only give the live index's products their missing meaning vectors",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        if options["resume_vectors"]:
            self._resume_vectors()
            return
        refreshed = planner_statistics_refresh()
        self.stdout.write(
            f"Planner statistics refreshed ({len(refreshed.tables)} tables) "
            f"in {refreshed.seconds:.1f} s."
        )
        bar = ProgressBar(self.stderr, "Indexing")
        started = time.monotonic()
        try:
            summary = search_reindex(
                batch_size=options["batch_size"],
                on_progress=bar,
                vectors=not options["no_vectors"],
                on_vector_progress=ProgressBar(self.stderr, "Embedding"),
            )
        except OSError as error:
            raise CommandError(f"Cannot write the index: {error}") from None
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {summary.products:,} products and {summary.suppliers:,} suppliers "
                f"in {seconds:.1f} s ({summary.products / max(seconds, 1e-9):,.0f} products/s); "
                f"following the change feed from #{summary.watermark}."
            )
        )

    def _resume_vectors(self) -> None:
        started = time.monotonic()
        summary = search_vectors_fill(on_progress=ProgressBar(self.stderr, "Embedding"))
        if not summary.generation:
            raise CommandError("No search index yet: run search-reindex first.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Gave {summary.products:,} products their meaning vectors in "
                f"{time.monotonic() - started:.1f} s ({summary.done:,} in all)."
            )
        )
