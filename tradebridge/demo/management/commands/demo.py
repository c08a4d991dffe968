"""`tradebridge demo`: load the demo marketplace, idempotently.

Suppliers in real Chinese manufacturing hubs and a UK wholesaler, buyers in Germany, France and
the United States, members in every role, a platform operator and a pending invitation
(`tradebridge.demo.marketplace`); the Google Product Taxonomy (`load-categories`); and the
suppliers' catalogs (`tradebridge.demo.catalogs`): the UK wholesaler's real range from the UCI
Online Retail data and generated ranges of the Chinese factories, loaded through the catalog
services, each product with a picture (its category's icon on its colour) stored through the
catalog's image pipeline; the trading history (`tradebridge.demo.history`: RFQs open and
awarded, quotes, counter-offers, a deal, conversations, the suppliers' response stats, and
orders in every status with their bank transfers, card payments, disputes, payouts and a
webhook endpoint's deliveries), through the rfq, messaging, orders and payments services;
then the search index (`search-reindex --no-vectors`: keyword
search at once, see `_build_search_index`). Running it again creates nothing and reports what
is already present.
"""

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from tradebridge.core.selectors import fx_rate_newest_date
from tradebridge.demo.banner import HISTORY_TOUR, ORDERS_TOUR
from tradebridge.demo.catalogs.loader import load_catalogs
from tradebridge.demo.history.loader import load_history
from tradebridge.demo.marketplace import (
    DEMO_COMPANIES,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    load_people_and_companies,
)
from tradebridge.search.services.indexing import search_index_is_behind

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
        parser.add_argument(
            "--skip-catalogs",
            action="store_false",
            dest="catalogs",
            help="load companies and people only, no categories or products",
        )
        parser.add_argument(
            "--skip-history",
            action="store_false",
            dest="history",
            help="no RFQs, quotes or conversations (they need the catalogs and the FX rates)",
        )
        parser.add_argument(
            "--skip-search-index",
            action="store_false",
            dest="search_index",
            help="do not build the search index (`tradebridge search-reindex` can, later)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._history_loaded = False
        created = load_people_and_companies()
        if options["fx_rates"]:
            self._import_fx_rates()
        if options["catalogs"]:
            created += self._load_catalogs()
        if options["catalogs"] and options["history"]:
            created += self._load_history()
        if options["search_index"]:
            created += self._build_search_index()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo marketplace loaded: {', '.join(created)}."))
        else:
            self.stdout.write("Demo marketplace already present; nothing changed.")
        self._print_logins()

    def _import_fx_rates(self) -> None:
        """Import the bundled ECB history; `import-fx` is idempotent and reports what changed."""
        call_command("import-fx", str(FX_RATES_FILE), stdout=self.stdout, stderr=self.stderr)

    def _load_catalogs(self) -> list[str]:
        """Load the categories, then each supplier's missing products; name what was created."""
        call_command("load-categories", stdout=self.stdout, stderr=self.stderr)
        started = time.perf_counter()
        owners = {
            company.people[0].email.split("@")[1]: company.people[0].email
            for company in DEMO_COMPANIES
        }
        summary = load_catalogs(owners=owners)
        seconds = time.perf_counter() - started
        for supplier, count in summary.created.items():
            if count:
                self.stdout.write(f"  {supplier}: {count:,} products created and published")
        self.stdout.write(
            f"Demo catalogs: {summary.total_created:,} products created, "
            f"{summary.present:,} already present ({seconds:.1f} s); "
            f"{summary.pictured:,} products pictured ({summary.pictures:,} distinct pictures)."
        )
        created = [f"{summary.total_created:,} products"] if summary.total_created else []
        return created + ([f"{summary.pictured:,} pictures"] if summary.pictured else [])

    def _load_history(self) -> list[str]:
        """The RFQs, quotes and conversations of the demo people, at moments of the past weeks
        (open RFQs still open), then the suppliers' response stats; name what was created."""
        if fx_rate_newest_date() is None:
            self.stdout.write("Demo history left out: quotes need FX rates (drop --skip-fx-rates).")
            return []
        started = time.perf_counter()
        summary = load_history()
        self._history_loaded = True
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Demo history: {summary.rfqs} RFQs, {summary.quotes} quotes, {summary.deals} deals, "
            f"{summary.threads} conversations ({summary.messages} messages) created "
            f"({seconds:.1f} s); response stats of {summary.suppliers_with_stats} suppliers."
        )
        orders = summary.orders
        if orders.total:
            by_status = ", ".join(f"{count} {status}" for status, count in orders.orders.items())
            self.stdout.write(
                f"Demo orders: {orders.total} ({by_status}); {orders.disputes} disputes, "
                f"{orders.transfers} bank transfers, {orders.card_payments} card payments, "
                f"{orders.payouts} payouts paid, {orders.webhook_deliveries} webhook deliveries "
                "tried; the ledger balances (`tradebridge ledger-check`)."
            )
        return summary.created()

    def _build_search_index(self) -> list[str]:
        """Build this node's search index when there is none (or it must be rebuilt); later
        changes reach it through the change feed, applied by the task worker that `tradebridge
        serve` runs. Keywords only: the meaning vectors of the demo catalog take minutes on two
        cores (`tradebridge search-reindex --resume-vectors` adds them)."""
        if not search_index_is_behind():
            self.stdout.write("Search index present; the task worker keeps it up to date.")
            return []
        call_command("search-reindex", "--no-vectors", stdout=self.stdout, stderr=self.stderr)
        return ["the search index (keywords)"]

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<40} {login.description}")
        if self._history_loaded:
            tour = (*HISTORY_TOUR, *ORDERS_TOUR)
            self.stdout.write("\n" + "\n".join(line[2:] for line in tour))
