"""The `tradebridge` console script: a thin front on Django's management commands.

`tradebridge --help` lists the Tradebridge commands first, then Django's own.
"""

import os
import sys

_OWN_APPS = ("tradebridge",)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    args = list(sys.argv if argv is None else argv)
    args[0] = "tradebridge"
    if len(args) == 1 or (len(args) == 2 and args[1] in {"-h", "--help", "help"}):
        _print_help()
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


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
