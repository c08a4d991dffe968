"""The database triggers that make the ledger append-only (postings and transactions are
never updated or deleted), for PostgreSQL and SQLite.

Migration 0002 installs them. They are kept here, not only in the migration, because
`flush` (which empties every table: tests, development) must lift them on SQLite, whose flush
is a DELETE per table (PostgreSQL's TRUNCATE fires no row trigger). Changing this SQL needs a
new migration. On SQLite, a migration that rebuilds `payments_posting` or
`payments_ledgertransaction` (some ALTERs do) drops their triggers: re-create them after it;
the trigger tests fail if one is missing.
"""

APPEND_ONLY_TABLES = ("payments_posting", "payments_ledgertransaction")
MESSAGE = "the payments ledger is append-only"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION payments_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
"""


def _pg_create(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION payments_ledger_append_only();"
    )


def _sqlite_create(table: str, operation: str) -> str:
    return (
        f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {operation} on {table} refused'); END;"
    )


def create_statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [_PG_FUNCTION, *(_pg_create(table) for table in APPEND_ONLY_TABLES)]
    if vendor == "sqlite":
        return [
            _sqlite_create(table, operation)
            for table in APPEND_ONLY_TABLES
            for operation in ("UPDATE", "DELETE")
        ]
    raise NotImplementedError(f"No append-only ledger triggers for {vendor}")


def drop_statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            *(
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"
                for table in APPEND_ONLY_TABLES
            ),
            "DROP FUNCTION IF EXISTS payments_ledger_append_only();",
        ]
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_{operation};"
            for table in APPEND_ONLY_TABLES
            for operation in ("update", "delete")
        ]
    raise NotImplementedError(f"No append-only ledger triggers for {vendor}")


def sqlite_delete_drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_delete;" for table in APPEND_ONLY_TABLES]


def sqlite_delete_create_statements() -> list[str]:
    return [_sqlite_create(table, "DELETE") for table in APPEND_ONLY_TABLES]
