"""Gap-free numbers of trade documents, per supplier and kind: `PI-2026-000042`.

The counter is the supplier's `DocumentSequence` row of that kind, locked FOR UPDATE, read and
incremented in the caller's transaction, the one that writes the TradeDocument: two issues
for one supplier queue on the row, and a transaction that fails rolls the increment back with
it, so no number is skipped or used twice. The year in the number is the issue year; the
counter itself runs on across years (one sequence per supplier and kind).
"""

from typing import Final
from uuid import UUID

from django.db import transaction

from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.models import DocumentSequence

PREFIXES: Final = {
    TradeDocumentKind.PROFORMA_INVOICE: "PI",
    TradeDocumentKind.COMMERCIAL_INVOICE: "CI",
    TradeDocumentKind.PACKING_LIST: "PL",
}


def document_number_format(kind: TradeDocumentKind, *, year: int, number: int) -> str:
    """`PI-2026-000042` (six digits at least; more once a supplier passes 999,999)."""
    return f"{PREFIXES[kind]}-{year}-{number:06d}"


def document_number_take(*, supplier_id: UUID, kind: TradeDocumentKind, year: int) -> str:
    """The supplier's next number of `kind`, taken for good when the caller's transaction
    commits (and given back when it rolls back). Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("document_number_take must run inside the issuing transaction")
    sequence = _sequence_locked(supplier_id, kind)
    number = sequence.next_number
    sequence.next_number = number + 1
    sequence.save(update_fields=["next_number"])
    return document_number_format(kind, year=year, number=number)


def _sequence_locked(supplier_id: UUID, kind: TradeDocumentKind) -> DocumentSequence:
    """The sequence row, locked; created at 1 the first time (a concurrent creator loses the
    unique constraint inside a savepoint and then waits on the winner's lock)."""
    sequences = DocumentSequence.objects.select_for_update()
    sequence, _created = sequences.get_or_create(supplier_id=supplier_id, kind=kind)
    return sequence
