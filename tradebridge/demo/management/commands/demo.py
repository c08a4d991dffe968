"""`tradebridge demo`: load the demo marketplace, idempotently.

Three suppliers in real Chinese manufacturing hubs, three buyers in Germany, France and the
United States, members in every role with verified e-mail addresses, a platform operator, and a
pending invitation (`tradebridge.demo.marketplace`). Running it again creates nothing and reports
what is already present.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from tradebridge.demo.marketplace import DEMO_LOGINS, DEMO_PASSWORD, load_people_and_companies

FX_RATES_FILE = (
    Path(settings.BASE_DIR) / "tradebridge" / "core" / "data" / "fx" / "eurofxref-hist.csv.gz"
)


class Command(BaseCommand):
    help = "Load the demo marketplace (idempotent: a second run changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skip-fx-rates",
            action="store_false",
            dest="fx_rates",
            help="do not import the bundled ECB rates (`tradebridge import-fx FILE` can, later)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_people_and_companies()
        if options["fx_rates"]:
            self._import_fx_rates()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo marketplace loaded: {', '.join(created)}."))
        else:
            self.stdout.write("Demo marketplace already present; nothing changed.")
        self._print_logins()

    def _import_fx_rates(self) -> None:
        """Import the bundled ECB history; `import-fx` is idempotent and reports what changed."""
        call_command("import-fx", str(FX_RATES_FILE), stdout=self.stdout, stderr=self.stderr)

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<40} {login.description}")
