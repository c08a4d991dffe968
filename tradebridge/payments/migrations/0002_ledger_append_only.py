"""Postings and ledger transactions are append-only, enforced by the database: triggers on
PostgreSQL and SQLite refuse every UPDATE and DELETE (see `payments.db_triggers`)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from tradebridge.payments import db_triggers


def _install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in db_triggers.create_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def _uninstall(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in db_triggers.drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunPython(_install, _uninstall, elidable=False)]
