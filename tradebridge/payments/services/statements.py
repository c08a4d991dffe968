"""Importing a bank statement: every credit line recorded as an incoming transfer and matched
by its payment reference (`bank_transfers.transfer_record_line`), one line at a time (a bad
line never undoes the good ones), counted in an `ImportSummary`.

Importing the same statement again (or one that overlaps it) records nothing twice: each
line is idempotent on its bank entry id (`source_ref`).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.permissions import ensure_operator
from tradebridge.core.errors import DomainError
from tradebridge.core.services.audit import audit_record
from tradebridge.payments.enums import TransferSource, TransferStatus
from tradebridge.payments.services.bank_transfers import transfer_record_line
from tradebridge.payments.statements.lines import LineError, StatementFormat
from tradebridge.payments.statements.reader import statement_parse

SOURCE_OF_FORMAT = {
    StatementFormat.CSV: TransferSource.CSV,
    StatementFormat.CAMT053: TransferSource.CAMT053,
}

type Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ImportSummary:
    """What one import did. `new` transfers split into `matched` (applied in full),
    `partially_matched` (an over-payment: the rest held) and `unmatched` (held for review);
    `duplicates` were imported before; `skipped` are debits and unbooked entries; `errors`
    are the lines that could not be read or recorded, with their line numbers."""

    filename: str
    format: StatementFormat
    new: int = 0
    duplicates: int = 0
    matched: int = 0
    partially_matched: int = 0
    unmatched: int = 0
    skipped: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def lines(self) -> int:
        return self.new + self.duplicates + self.skipped + len(self.errors)


def statement_import(
    *,
    operator: User,
    filename: str,
    data: bytes,
    now: datetime | None = None,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Import a statement file (camt.053 XML or CSV, told from its bytes). Operators only.
    Raises PermissionDenied, StatementUnreadable (422, nothing imported)."""
    ensure_operator(operator)
    return _import(
        actor_user_id=operator.pk,
        filename=filename,
        data=data,
        now=now,
        on_progress=on_progress,
    )


def statement_import_from_command(
    *, filename: str, data: bytes, on_progress: Progress | None = None
) -> ImportSummary:
    """`statement_import` for `tradebridge import-statement` (run by whoever runs the
    server: no operator account; the audit log names none)."""
    return _import(
        actor_user_id=None, filename=filename, data=data, now=None, on_progress=on_progress
    )


def _import(
    *,
    actor_user_id: uuid.UUID | None,
    filename: str,
    data: bytes,
    now: datetime | None,
    on_progress: Progress | None,
) -> ImportSummary:
    now = now or timezone.now()
    parsed = statement_parse(data)
    summary = ImportSummary(
        filename=filename,
        format=parsed.format,
        skipped=parsed.skipped,
        errors=list(parsed.errors),
    )
    source = SOURCE_OF_FORMAT[parsed.format]
    for done, line in enumerate(parsed.lines, start=1):
        try:
            recorded = transfer_record_line(line=line, source=source, now=now)
        except DomainError as error:
            summary.errors.append(LineError(line.line, error.message))
        else:
            _count(summary, recorded.transfer.status, created=recorded.created)
        if on_progress is not None:
            on_progress(done, len(parsed.lines))
    summary.errors.sort(key=lambda error: error.line)
    audit_record(
        action="statement.imported",
        object_type="payments.statement",
        object_id=filename[:100] or "-",
        actor_user_id=actor_user_id,
        data=_audit_data(summary),
        occurred_at=now,
    )
    return summary


def _count(summary: ImportSummary, status: str, *, created: bool) -> None:
    if not created:
        summary.duplicates += 1
        return
    summary.new += 1
    if status == TransferStatus.MATCHED:
        summary.matched += 1
    elif status == TransferStatus.PARTIALLY_MATCHED:
        summary.partially_matched += 1
    else:
        summary.unmatched += 1


def _audit_data(summary: ImportSummary) -> dict[str, object]:
    return {
        "format": summary.format.value,
        "new": summary.new,
        "duplicates": summary.duplicates,
        "matched": summary.matched,
        "partially_matched": summary.partially_matched,
        "unmatched": summary.unmatched,
        "skipped": summary.skipped,
        "errors": len(summary.errors),
    }
