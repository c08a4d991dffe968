# ruff: noqa: N999  # the module name is the CLI name: `tradebridge load-categories`
"""`tradebridge load-categories [FILE]`: load the Google Product Taxonomy into the category tree."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tradebridge.catalog.services import categories_load
from tradebridge.catalog.taxonomy import TAXONOMY_FILE, TaxonomyInvalid, read_taxonomy
from tradebridge.core.management.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Load the Google Product Taxonomy (the shipped en-US file by default) into the "
        "category tree. Idempotent: new categories are created, changed ones updated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            type=Path,
            default=TAXONOMY_FILE,
            help="a taxonomy-with-ids file (default: the one shipped with Tradebridge)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            nodes = read_taxonomy(path)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        except (TaxonomyInvalid, UnicodeDecodeError) as error:
            detail = getattr(error, "details", {}) or {"reason": str(error)}
            raise CommandError(f"Cannot load {path}: {detail}") from None
        summary = categories_load(nodes=nodes, on_progress=ProgressBar(self.stdout, "Categories"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(nodes):,} categories in {path.name}: {summary.created:,} created, "
                f"{summary.updated:,} updated, {summary.unchanged:,} unchanged; "
                f"{summary.not_in_file:,} not in the file (kept)."
            )
        )
