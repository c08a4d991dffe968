"""The `tradebridge` console script: a thin front on Django's management commands.

`tradebridge --help` lists the Tradebridge commands first, then Django's own. Every command
first creates the folder of a SQLite database (the default one is `var/tradebridge.sqlite3`,
or under TRADEBRIDGE_VAR_DIR), so a fresh `pip install` can `tradebridge migrate` at once.
"""

import os
import sys
from pathlib import Path

_OWN_APPS = ("tradebridge",)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    args = list(sys.argv if argv is None else argv)
    args[0] = "tradebridge"
    if len(args) == 1 or (len(args) == 2 and args[1] in {"-h", "--help", "help"}):
        _print_help()
        return
    from django.core.management import execute_from_command_line

    _create_sqlite_folders()
    execute_from_command_line(args)


def _create_sqlite_folders() -> None:
    """SQLite creates a missing database file but not its folder ("unable to open database
    file"); a file-backed database's folder is created here (in-memory ones have none)."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        name = str(database.get("NAME") or "")
        in_memory = name == ":memory:" or name.startswith("file:")
        if database.get("ENGINE", "").endswith("sqlite3") and name and not in_memory:
            Path(name).parent.mkdir(parents=True, exist_ok=True)


def _print_help() -> None:
    import django
    from django.core.management import get_commands

    django.setup()
    commands = get_commands()
    own = sorted(name for name, app in commands.items() if app.startswith(_OWN_APPS))
    others = sorted(name for name, app in commands.items() if not app.startswith(_OWN_APPS))
    lines = [
        "usage: tradebridge <command> [options]   (tradebridge help <command> for details)",
        "",
        "Tradebridge commands:",
        *(f"  {name}" for name in own),
        "",
        "Django and library commands:",
        "  " + ", ".join(others),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
