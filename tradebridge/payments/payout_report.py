"""The payout report as CSV: what the operator's bank needs to pay a batch (one row per
supplier payout), and which orders each payout covers. Pure: rows in, text out."""

import csv
import io
from collections.abc import Sequence
from typing import Final

from tradebridge.catalog.exporting import neutralize_formula
from tradebridge.payments.bank_selectors import PayoutReportRow

COLUMNS: Final = (
    "supplier",
    "legal_name",
    "amount",
    "currency",
    "reference",
    "status",
    "orders",
)


def payout_report_csv(rows: Sequence[PayoutReportRow]) -> str:
    """The report's text: a header, then one line per payout (orders joined with spaces)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        wire = row.amount.as_dict()
        writer.writerow(
            [
                _cell(row.supplier_name),
                _cell(row.legal_name),
                wire["amount"],
                wire["currency"],
                row.reference,
                row.status,
                " ".join(row.orders),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (X11)."""
    return neutralize_formula(text)
