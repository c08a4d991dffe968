"""What a bank statement parser returns: the credit lines it read, the lines it could not read
(with their line numbers) and how many it skipped on purpose (debits, pending entries).

Pure values, no ORM: the parsers (`csv.py`, `camt053.py`) build them, the statement import
service (`payments.services.statements`) records them as incoming transfers.
"""

import datetime
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from tradebridge.core.errors import ValidationFailed
from tradebridge.core.money import Money

# A statement is a day's or a month's account activity: a few MB at most.
MAX_STATEMENT_BYTES: Final = 20 * 1024 * 1024
MAX_TEXT_CHARS: Final = 500


class StatementFormat(StrEnum):
    CSV = "csv"
    CAMT053 = "camt053"


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One credit to the platform's account.

    `source_ref` identifies the entry at the bank (its entry id, or a hash of the line's
    content when the bank gives none): importing the same statement again finds the same
    refs, so nothing is recorded twice. `line` is where it was in the file (1-based).
    """

    source_ref: str
    amount: Money
    value_date: datetime.date
    reference_text: str
    payer_name: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class LineError:
    """A line (or camt.053 entry) that could not be read: where, and why in plain words."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class ParsedStatement:
    format: StatementFormat
    lines: tuple[StatementLine, ...]
    errors: tuple[LineError, ...]
    skipped: int  # debits, reversals and entries not yet booked: not ours to record


class StatementUnreadable(ValidationFailed):
    """The file as a whole cannot be read (`details["reason"]`: `empty`, `too_large`,
    `encoding`, `format`, `columns`, `xml`, `dtd`); nothing of it is imported."""

    code = "statement_unreadable"
    default_message = "The bank statement cannot be read."

    def __init__(self, reason: str, message: str, **details: Any) -> None:
        super().__init__(message, reason=reason, **details)
        self.reason = reason


def clip(text: str) -> str:
    """Bank text squeezed to one line of at most MAX_TEXT_CHARS characters."""
    return " ".join(text.split())[:MAX_TEXT_CHARS]


def content_ref(parts: Sequence[str], seen: Counter[str]) -> str:
    """A `source_ref` for a line the bank gave no id: a hash of its content and how many
    times that content came before in the file (two identical transfers on one day stay two;
    the same file read again gives the same refs)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    seen[digest] += 1
    return f"sha256:{digest}:{seen[digest]}"
