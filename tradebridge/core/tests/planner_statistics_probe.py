"""What the database says about its planner statistics, for tests on SQLite and PostgreSQL:
SQLite's `sqlite_stat1` rows (cleared first, inside the test's transaction), PostgreSQL's
`pg_stat_user_tables.last_analyze` (not transactional: compared with a moment taken first)."""

from datetime import datetime

from django.db import connection
from django.db.backends.utils import CursorWrapper


def statistics_cleared() -> datetime | None:
    """Start from no statistics: SQLite's are deleted, PostgreSQL's moment is returned."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT clock_timestamp()")
            moment: datetime = cursor.fetchone()[0]
            return moment
        if _has_stat1(cursor):
            cursor.execute("DELETE FROM sqlite_stat1")
    return None


def tables_analyzed_since(moment: datetime | None) -> set[str]:
    """The tables analyzed since `statistics_cleared()` returned `moment`."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze >= %s", [moment]
            )
        elif _has_stat1(cursor):
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        else:
            return set()
        return {row[0] for row in cursor.fetchall()}


def _has_stat1(cursor: CursorWrapper) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
    return cursor.fetchone() is not None
