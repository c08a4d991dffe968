# ruff: noqa: N999  # the module name is the CLI name: `tradebridge ledger-check`
"""`tradebridge ledger-check`: recompute every balance from the postings and report any
difference (exit status 1), with a summary per currency."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tradebridge.payments.ledger import from_minor
from tradebridge.payments.services.ledger import LedgerReport, ledger_check


class Command(BaseCommand):
    help = (
        "Check the payments ledger: every account balance equals the sum of its postings, "
        "every transaction balances in its currency, all balances sum to zero per currency, "
        "and each escrow hold's deposited / released / refunded amounts match the ledger "
        "(released + refunded never above deposited). Exits with status 1 on any difference."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = ledger_check()
        self._summary(report)
        if not report.ok:
            for difference in report.differences:
                self.stderr.write(self.style.ERROR(f"  {difference}"))
            raise CommandError(f"Ledger check failed: {len(report.differences)} differences.")
        self.stdout.write(self.style.SUCCESS("Ledger check passed: no differences."))

    def _summary(self, report: LedgerReport) -> None:
        self.stdout.write(
            f"Checked {report.accounts_checked} accounts, {report.transactions_checked} "
            f"transactions and {report.holds_checked} escrow holds."
        )
        header = (
            f"{'currency':<8} {'accounts':>9} {'transactions':>13} {'in platform':>18} {'sum':>6}"
        )
        self.stdout.write(header)
        for line in report.currencies:
            held = from_minor(-line.world_balance, line.currency).amount
            self.stdout.write(
                f"{line.currency:<8} {line.accounts:>9} {line.transactions:>13} "
                f"{held:>18} {line.postings_total:>6}"
            )
