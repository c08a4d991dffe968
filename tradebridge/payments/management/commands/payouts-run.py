# ruff: noqa: N999  # the module name is the CLI name: `tradebridge payouts-run`
"""`tradebridge payouts-run [--currency EUR]`: make this run's supplier payout batches (one
per currency) from the suppliers' payable balances, and print each batch's payout report
(CSV) to pay them from. Running it again when nothing more is owed makes nothing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tradebridge.core.money import Money
from tradebridge.payments.bank_selectors import payout_report_rows
from tradebridge.payments.payout_report import payout_report_csv
from tradebridge.payments.services.payouts import payouts_run_from_command


class Command(BaseCommand):
    help = (
        "Batch supplier payouts: one batch per currency, one payout per supplier with money "
        "owed; prints each batch's payout report as CSV. Mark a batch paid in the back office."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--currency", default=None, help="only this currency (ISO code)")

    def handle(self, *args: Any, **options: Any) -> None:
        currency = options["currency"].upper() if options["currency"] else None
        batches = payouts_run_from_command(currency=currency)
        if not batches:
            self.stderr.write(self.style.SUCCESS("Nothing is owed to suppliers: no payouts."))
            return
        for batch in batches:
            total = Money(batch.total, batch.currency).rounded()
            self.stderr.write(f"Batch {batch.pk}: {batch.count:,} payouts, {total}")
            self.stdout.write(payout_report_csv(payout_report_rows(batch)), ending="")
        self.stderr.write(self.style.SUCCESS(f"{len(batches)} payout batches made."))
