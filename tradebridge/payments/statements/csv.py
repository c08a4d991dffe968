"""Read a bank statement exported as CSV (docs/payments.md, "CSV statements").

Columns, in this order when the file has no header: `date`, `amount`, `currency`,
`reference`, `payer`, `entry_id`. With a header the order is free, extra columns (balance,
account...) are ignored and the usual bank names are understood (`Value date`, `Betrag`,
`Verwendungszweck`, `Montant`...). Only `date`, `amount` and `currency` are required.

- Delimiter: `;`, tab or `|` when the first line has one, else `,`.
- Encoding: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.
- Amounts: `1250.00`, `1,250.00`, `1.250,00`, `1 250,00`, `1'250.00`; a lone separator
  followed by exactly three digits (`1,250`) is ambiguous unless another amount of the file
  shows which mark is the decimal one. Negative amounts are debits: skipped, not errors.
- Dates: `2026-03-02`, `02.03.2026`, `02/03/2026` (day first), `20260302`.
- A line without `entry_id` gets a stable `source_ref` from a hash of its content and its
  occurrence number in the file, so importing the same file again adds nothing.
"""

import codecs
import csv
import datetime
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from django.utils.translation import gettext as _

from tradebridge.core.money import InvalidCurrency, Money, minor_units
from tradebridge.payments.statements.lines import (
    LineError,
    ParsedStatement,
    StatementFormat,
    StatementLine,
    StatementUnreadable,
    clip,
    content_ref,
)

FIELDS: Final = ("date", "amount", "currency", "reference", "payer", "entry_id")
REQUIRED: Final = ("date", "amount", "currency")
# Header names understood for each field, best first (a file with both a booking and a
# value date is read by its value date).
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "date": (
        "value date",
        "valuta",
        "wertstellung",
        "date de valeur",
        "fecha valor",
        "date",
        "booking date",
        "buchungstag",
        "datum",
        "date d'operation",
        "fecha",
    ),
    "amount": ("amount", "credit amount", "betrag", "montant", "importe", "umsatz"),
    "currency": ("currency", "ccy", "currency code", "wahrung", "devise", "moneda"),
    "reference": (
        "reference",
        "remittance",
        "remittance information",
        "remittance text",
        "payment reference",
        "verwendungszweck",
        "libelle",
        "concepto",
        "description",
        "purpose",
        "details",
        "memo",
        "text",
    ),
    "payer": (
        "payer",
        "payer name",
        "debtor",
        "debtor name",
        "name",
        "counterparty",
        "auftraggeber",
        "zahlungspflichtiger",
        "donneur d'ordre",
        "ordenante",
    ),
    "entry_id": (
        "entry id",
        "bank entry id",
        "bank reference",
        "transaction id",
        "id",
        "bank ref",
        "end to end id",
        "referenz",
        "reference bancaire",
    ),
}
_DELIMITERS: Final = (";", "\t", "|")
_SPACES: Final = re.compile(r"[\s\u00a0\u202f']")
_SIGNED: Final = re.compile(r"^([+-]?)(.*?)(-?)$")
_DATE_FORMATS: Final = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d", "%Y/%m/%d")


class AmountUnreadable(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: tuple[str, ...]


def parse_csv(data: bytes) -> ParsedStatement:
    """Every credit line of the CSV statement `data`; bad lines come back as `errors` with
    their line numbers. Raises StatementUnreadable when the file as a whole cannot be read."""
    text = decode(data)
    rows = list(_rows(text))
    if not rows:
        raise StatementUnreadable("empty", _("The statement file is empty."))
    positions, rows = _columns(rows)
    mark = file_decimal_mark(
        row.cells[positions["amount"]] for row in rows if _has(row, positions["amount"])
    )
    lines: list[StatementLine] = []
    errors: list[LineError] = []
    skipped = 0
    seen: Counter[str] = Counter()
    for row in rows:
        try:
            line = _line(row, positions, mark, seen)
        except ValueError as error:
            errors.append(LineError(row.line, str(error)))
            continue
        if line is None:
            skipped += 1
        else:
            lines.append(line)
    return ParsedStatement(StatementFormat.CSV, tuple(lines), tuple(errors), skipped)


def decode(data: bytes) -> str:
    """The text of `data`: UTF-16 with a BOM, UTF-8 (BOM or not), else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _encoding_error() from None
    if data.count(0):
        raise _encoding_error()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _encoding_error() -> StatementUnreadable:
    return StatementUnreadable(
        "encoding", _("The statement is not text in UTF-8, UTF-16 or Windows-1252.")
    )


def _rows(text: str) -> Iterator[_Row]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = next((d for d in _DELIMITERS if d in first), ",")
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield _Row(start, tuple(cell.strip() for cell in cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise StatementUnreadable(
            "format", _("Line %(line)d is not valid CSV.") % {"line": start}, error=str(error)
        ) from None


def _columns(rows: list[_Row]) -> tuple[dict[str, int], list[_Row]]:
    """Where each field is, and the data rows (the header taken off when there is one)."""
    header = rows[0]
    positions = header_positions(header.cells)
    if "date" in positions and "amount" in positions:
        missing = [field for field in REQUIRED if field not in positions]
        if missing:
            raise StatementUnreadable(
                "columns",
                _("The header has no %(columns)s column.") % {"columns": ", ".join(missing)},
                missing=missing,
            )
        return positions, rows[1:]
    if header.cells and parse_date(header.cells[0]) is not None:
        return {field: index for index, field in enumerate(FIELDS)}, rows
    raise StatementUnreadable(
        "columns",
        _(
            "The first line is neither a header naming the date, amount and currency columns "
            "nor a statement line starting with a date."
        ),
    )


def header_positions(cells: Sequence[str]) -> dict[str, int]:
    """Each field's column in a header row (its best-ranked synonym wins)."""
    names = [_header_name(cell) for cell in cells]
    positions: dict[str, int] = {}
    for field, synonyms in SYNONYMS.items():
        found = next((names.index(name) for name in synonyms if name in names), None)
        if found is not None:
            positions[field] = found
    return positions


def _header_name(cell: str) -> str:
    """`Währung` -> `wahrung`, `Entry_ID` -> `entry id`, a typographic apostrophe -> `'`."""
    decomposed = unicodedata.normalize("NFKD", cell.lower().replace("\u2019", "'"))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.replace("_", " ").replace("-", " ").split())


def _has(row: _Row, position: int) -> bool:
    return position < len(row.cells)


def _line(
    row: _Row, positions: dict[str, int], mark: str | None, seen: Counter[str]
) -> StatementLine | None:
    cells = {field: _cell(row, position) for field, position in positions.items()}
    width = max(positions[field] for field in REQUIRED) + 1
    if len(row.cells) < width:
        raise ValueError(
            _("Expected at least %(expected)d columns, found %(found)d.")
            % {"expected": width, "found": len(row.cells)}
        )
    value_date = parse_date(cells["date"])
    if value_date is None:
        raise ValueError(_("Unreadable date %(value)r.") % {"value": cells["date"]})
    amount = _money(cells["amount"], cells["currency"], mark)
    if amount.amount <= 0:
        return None
    reference, payer = clip(cells.get("reference", "")), clip(cells.get("payer", ""))
    source_ref = clip(cells.get("entry_id", ""))[:100] or content_ref(
        (value_date.isoformat(), str(amount), reference, payer), seen
    )
    return StatementLine(source_ref, amount, value_date, reference, payer, row.line)


def _cell(row: _Row, position: int) -> str:
    return row.cells[position] if _has(row, position) else ""


def _money(raw: str, currency: str, mark: str | None) -> Money:
    code = currency.strip().upper()
    try:
        amount = parse_amount(raw, mark)
        money = Money(amount, code)
        places = minor_units(code)
    except InvalidCurrency:
        raise ValueError(_("Unknown currency %(value)r.") % {"value": currency}) from None
    except AmountUnreadable as error:
        raise ValueError(str(error)) from None
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(
            _("%(amount)s has more decimals than %(currency)s allows (%(places)d).")
            % {"amount": raw, "currency": code, "places": places}
        )
    return money


def parse_amount(raw: str, mark: str | None = None) -> Decimal:
    """`raw` as a Decimal. `mark` is the file's decimal mark, used only when `raw` alone is
    ambiguous (`1,250`). Raises AmountUnreadable with a message fit for the operator."""
    sign_before, body, sign_after = _SIGNED.match(_SPACES.sub("", raw)).groups()  # type: ignore[union-attr]  # the pattern matches any text
    decimal = decimal_mark(body) or mark
    if decimal is None and _is_ambiguous(body):
        raise AmountUnreadable(
            _("Ambiguous amount %(value)r: write it with two decimals (1250.00 or 1250,00).")
            % {"value": raw}
        )
    grouping = "," if decimal == "." else "."
    pattern = (
        rf"^\d{{1,3}}(\{grouping}\d{{3}})*(\{decimal or '.'}\d+)?$|^\d+(\{decimal or '.'}\d+)?$"
    )
    if not body or not re.match(pattern, body) or (sign_before and sign_after):
        raise AmountUnreadable(_("Unreadable amount %(value)r.") % {"value": raw})
    plain = body.replace(grouping, "").replace(decimal or ".", ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise AmountUnreadable(_("Unreadable amount %(value)r.") % {"value": raw}) from None
    return -value if "-" in (sign_before, sign_after) else value


def decimal_mark(body: str) -> str | None:
    """The decimal mark `body` shows by itself, or None (no separator, or `1,250`)."""
    dot, comma = body.rfind("."), body.rfind(",")
    if dot >= 0 and comma >= 0:
        return "." if dot > comma else ","
    separator = "." if dot >= 0 else "," if comma >= 0 else None
    if separator is None:
        return None
    if body.count(separator) > 1:
        return "," if separator == "." else "."
    return None if _is_ambiguous(body) else separator


def _is_ambiguous(body: str) -> bool:
    """One separator, followed by exactly three digits: `1,250` or `1.250`."""
    return bool(re.fullmatch(r"\d{1,3}[.,]\d{3}", body))


def file_decimal_mark(amounts: Iterator[str]) -> str | None:
    """The decimal mark the file's unambiguous amounts agree on, or None."""
    marks = {decimal_mark(_SPACES.sub("", raw).strip("+-")) for raw in amounts} - {None}
    return marks.pop() if len(marks) == 1 else None


def parse_date(raw: str) -> datetime.date | None:
    text = raw.strip()[:10] if "T" in raw else raw.strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007  # a date, no time
        except ValueError:
            continue
    return None
