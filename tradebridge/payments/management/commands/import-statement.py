# ruff: noqa: N999  # the module name is the CLI name: `tradebridge import-statement FILE`
"""`tradebridge import-statement FILE`: import a bank statement (ISO 20022 camt.053 XML or
CSV, docs/payments.md): each credit is recorded and matched by its payment reference.

Exit status: 0 when the file was read (bad lines are listed, the good ones landed), 1 when
the file cannot be read at all (nothing was imported), 2 with `--fail-on-errors` when any
line had an error.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tradebridge.core.management.progress import ProgressBar
from tradebridge.payments.services.statements import (
    ImportSummary,
    statement_import_from_command,
)
from tradebridge.payments.statements.lines import StatementUnreadable

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = (
        "Import a bank statement (camt.053 XML or CSV): record each credit, match it to its "
        "instalment by the payment reference, hold the rest for review. Importing a file "
        "again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="statement file: camt.053 .xml or .csv")
        parser.add_argument(
            "--fail-on-errors",
            action="store_true",
            help="exit with status 2 when any line has an error",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}") from None
        bar = ProgressBar(self.stderr, "Importing")
        try:
            summary = statement_import_from_command(filename=path.name, data=data, on_progress=bar)
        except StatementUnreadable as error:
            raise CommandError(f"Cannot import {path}: {error.message}") from None
        self._report(summary)
        if summary.errors and options["fail_on_errors"]:
            raise CommandError(f"{len(summary.errors):,} lines had errors.", returncode=2)

    def _report(self, summary: ImportSummary) -> None:
        for error in summary.errors[:SHOWN_ERRORS]:
            self.stderr.write(f"line {error.line}: {error.message}")
        if len(summary.errors) > SHOWN_ERRORS:
            self.stderr.write(f"... and {len(summary.errors) - SHOWN_ERRORS:,} more errors")
        line = (
            f"{summary.filename} ({summary.format.value}): {summary.new:,} new transfers "
            f"({summary.matched:,} matched, {summary.partially_matched:,} partially matched, "
            f"{summary.unmatched:,} held for review), {summary.duplicates:,} already imported, "
            f"{summary.skipped:,} skipped (debits, not booked), {len(summary.errors):,} errors."
        )
        style = self.style.WARNING if summary.errors or summary.unmatched else self.style.SUCCESS
        self.stdout.write(style(line))
