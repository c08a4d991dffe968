# ruff: noqa: N999  # the module name is the CLI name: `tradebridge import-fx FILE`
"""`tradebridge import-fx FILE`: load ECB reference rates (plain CSV, .zip or .gz)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tradebridge.core.fx_ecb import RateFileInvalid, parse_ecb_history, read_rate_file
from tradebridge.core.management.progress import ProgressBar
from tradebridge.core.services.fx import fx_rates_import


class Command(BaseCommand):
    help = (
        "Import euro reference exchange rates from an ECB eurofxref-hist file "
        "(CSV, zipped or gzipped). Re-importing the same file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="eurofxref-hist.csv, .zip or .csv.gz")
        parser.add_argument("--source", default="ECB", help="rate source label (default ECB)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            rates = parse_ecb_history(read_rate_file(path))
        except RateFileInvalid as error:
            raise CommandError(f"Cannot import {path}: {error.message}") from None
        self.stdout.write(f"Read {len(rates):,} rates from {path}.")
        summary = fx_rates_import(
            rates=rates,
            source=options["source"],
            on_progress=ProgressBar(self.stdout, "Writing"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['source']} rates {summary.first_date} to {summary.last_date}, "
                f"{len(summary.currencies)} currencies: {summary.created:,} created, "
                f"{summary.updated:,} updated, {summary.unchanged:,} unchanged."
            )
        )
