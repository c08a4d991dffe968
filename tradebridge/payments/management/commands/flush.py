"""Django's `flush`, able to empty the append-only ledger on SQLite.

SQLite's flush is a DELETE per table, which the ledger's triggers refuse (PostgreSQL's
TRUNCATE fires no row trigger). Emptying the whole database (tests, development) is the one
deletion allowed: the DELETE triggers are lifted for the flush and put back, in one go.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from tradebridge.payments import db_triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        lifted = _present_delete_triggers(connection)
        with connection.cursor() as cursor:
            for statement in db_triggers.sqlite_delete_drop_statements():
                cursor.execute(statement)
        try:
            super().handle(**options)
        finally:
            if lifted:
                with connection.cursor() as cursor:
                    for statement in db_triggers.sqlite_delete_create_statements():
                        cursor.execute(statement)


def _present_delete_triggers(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            ["payments_%_no_delete"],
        )
        (count,) = cursor.fetchone()
    return bool(count)
