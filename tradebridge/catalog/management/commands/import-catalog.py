# ruff: noqa: N999  # the module name is the CLI name: `tradebridge import-catalog FILE`
"""`tradebridge import-catalog FILE --supplier SLUG`: import a catalog file (CSV, XLSX, JSONL).

Exit status: 0 when the file was read (rows with errors are listed, the good rows landed),
1 when the file or the images zip cannot be read at all (nothing was imported), 2 with
`--fail-on-errors` when any row had an error.
"""

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tradebridge.catalog.importing.archive import ArchiveUnreadable, ImageArchive
from tradebridge.catalog.importing.jobs import UnsupportedCatalogFile, catalog_format_for
from tradebridge.catalog.importing.readers import CatalogFile, FileFormat, FileUnreadable
from tradebridge.catalog.importing.runner import ImportSummary, catalog_import
from tradebridge.companies.models import Company
from tradebridge.core.management.progress import ProgressBar

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = (
        "Import a supplier's catalog from a CSV, XLSX or JSONL file (docs/catalog-file-format.md)."
        " Rows are created or updated by SKU; bad rows are listed and the good ones still land."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="catalog file: .csv, .xlsx or .jsonl")
        parser.add_argument("--supplier", required=True, help="the supplier company's slug")
        parser.add_argument(
            "--format",
            choices=[f.value for f in FileFormat],
            default=None,
            help="file format (default: from the extension)",
        )
        parser.add_argument(
            "--images",
            type=Path,
            default=None,
            help="zip holding the image files the `images` column names",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report without changing anything"
        )
        parser.add_argument(
            "--fail-on-errors",
            action="store_true",
            help="exit with status 2 when any row has an error",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        supplier = Company.objects.filter(slug=options["supplier"]).first()
        if supplier is None:
            raise CommandError(f"No company with the slug {options['supplier']!r}.")
        try:
            file_format = FileFormat(options["format"] or catalog_format_for(path.name))
        except UnsupportedCatalogFile as error:
            raise CommandError(f"{path}: {error.message} (or pass --format)") from None
        summary = self._import(path, file_format, supplier, options)
        self._report(summary, dry_run=options["dry_run"])
        if summary.error_count and options["fail_on_errors"]:
            raise CommandError(f"{summary.error_count:,} rows had errors.", returncode=2)

    def _import(
        self, path: Path, file_format: FileFormat, supplier: Company, options: dict[str, Any]
    ) -> ImportSummary:
        bar = ProgressBar(self.stderr, "Importing")
        try:
            with ExitStack() as stack:
                catalog = CatalogFile(stack.enter_context(path.open("rb")), file_format)
                images = None
                if options["images"] is not None:
                    images_path = Path(options["images"])
                    images = ImageArchive(stack.enter_context(images_path.open("rb")))
                    stack.callback(images.close)
                return catalog_import(
                    supplier=supplier,
                    catalog=catalog,
                    images=images,
                    dry_run=options["dry_run"],
                    on_progress=lambda summary: bar(summary.processed_rows, catalog.total_rows),
                )
        except (FileUnreadable, ArchiveUnreadable) as error:
            raise CommandError(f"Cannot import {path}: {error.message}") from None
        except OSError as error:
            raise CommandError(f"Cannot open {error.filename}: {error.strerror}") from None

    def _report(self, summary: ImportSummary, *, dry_run: bool) -> None:
        for error in summary.errors[:SHOWN_ERRORS]:
            column = f", {error.column}" if error.column else ""
            self.stderr.write(f"line {error.line}{column}: {error.reason}")
        if summary.error_count > SHOWN_ERRORS:
            self.stderr.write(f"... and {summary.error_count - SHOWN_ERRORS:,} more errors")
        prefix = "Dry run, nothing written: " if dry_run else ""
        line = (
            f"{prefix}{summary.processed_rows:,} rows, {summary.created:,} created, "
            f"{summary.updated:,} updated, {summary.error_count:,} errors "
            f"in {summary.seconds:.1f} s ({summary.rows_per_second:,.0f} rows/s)."
        )
        style = self.style.WARNING if summary.error_count else self.style.SUCCESS
        self.stdout.write(style(line))
