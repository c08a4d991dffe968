"""A large import refreshes the catalog tables' planner statistics; a small one or a dry run
does not (real database: SQLite's sqlite_stat1, PostgreSQL's last_analyze)."""

import pytest

from tradebridge.catalog.tests.importing.catalog_files import csv_bytes, run_import
from tradebridge.core.services.planner_statistics import STALE_FLOOR
from tradebridge.core.tests.planner_statistics_probe import (
    statistics_cleared,
    tables_analyzed_since,
)

pytestmark = pytest.mark.usefixtures("categories")


def _rows(count: int) -> bytes:
    return csv_bytes(
        [[f"BALL-{n}", f"Soccer ball {n}", "1112", "100:4.20", "", "15", ""] for n in range(count)]
    )


def test_an_import_of_many_rows_into_a_small_catalog_analyzes_the_catalog_tables(team):
    moment = statistics_cleared()

    summary = run_import(team.supplier, _rows(STALE_FLOOR))

    assert (summary.created, summary.error_count) == (STALE_FLOOR, 0)
    analyzed = tables_analyzed_since(moment)
    assert {"catalog_product", "catalog_pricetier", "catalog_productchange"} <= analyzed
    assert "companies_company" not in analyzed


@pytest.mark.parametrize(("rows", "dry_run"), [(STALE_FLOOR - 1, False), (STALE_FLOOR, True)])
def test_a_small_import_or_a_dry_run_leaves_the_statistics(team, rows, dry_run):
    moment = statistics_cleared()

    summary = run_import(team.supplier, _rows(rows), dry_run=dry_run)

    assert (summary.created, summary.error_count) == (rows, 0)
    assert tables_analyzed_since(moment) == set()
