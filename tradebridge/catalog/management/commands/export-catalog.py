# ruff: noqa: N999  # the module name is the CLI name: `tradebridge export-catalog`
"""`tradebridge export-catalog --supplier SLUG --format csv|xlsx|jsonl [-o FILE]`."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tradebridge.catalog.exporting import catalog_export
from tradebridge.catalog.importing.readers import FileFormat
from tradebridge.companies.models import Company


class Command(BaseCommand):
    help = (
        "Export a supplier's catalog in the import format (CSV, XLSX or JSONL); spreadsheet "
        "cells that could run as formulas are escaped with a leading apostrophe."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--supplier", required=True, help="the supplier company's slug")
        parser.add_argument("--format", choices=[f.value for f in FileFormat], default="csv")
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            default=None,
            help="file to write (default: standard output; XLSX needs a file)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        supplier = Company.objects.filter(slug=options["supplier"]).first()
        if supplier is None:
            raise CommandError(f"No company with the slug {options['supplier']!r}.")
        output = None if options["output"] is None else Path(options["output"])
        if output is None:
            if options["format"] == FileFormat.XLSX:
                raise CommandError("Write XLSX to a file: pass --output FILE.")
            rows = catalog_export(
                supplier=supplier, file_format=options["format"], stream=sys.stdout.buffer
            )
        else:
            with output.open("wb") as stream:
                rows = catalog_export(
                    supplier=supplier, file_format=options["format"], stream=stream
                )
        self.stderr.write(f"Exported {rows:,} rows (products and variants).")
