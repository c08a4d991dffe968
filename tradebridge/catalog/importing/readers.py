"""Stream the records of a catalog file (CSV, XLSX, JSONL) as `SourceRow`s, in bounded memory.

A reader never loads the whole file: CSV and JSONL are decoded line by line (after a first
streaming pass that proves the encoding and counts the records, so an undecodable file fails
as a whole before a single row lands), XLSX is read with openpyxl in read-only mode. What
cannot be read at all raises `FileUnreadable`; a record that cannot be parsed comes out as a
`SourceRow` carrying its `problem`, so the importer reports it and carries on.
"""

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import IO, Any, Final

from tradebridge.catalog.file_format import KNOWN_COLUMNS, REQUIRED_COLUMNS
from tradebridge.core.errors import ValidationFailed

MAX_CELL_CHARS: Final = 10_000
MAX_LINE_CHARS: Final = 1_000_000
MAX_COLUMNS: Final = 200
MAX_XLSX_ENTRIES: Final = 1_000
MAX_XLSX_INFLATED_BYTES: Final = 1 << 30
# A record is an object of cells, a cell at most a list: anything deeper is a bad row, and
# refusing it before json.loads keeps a line of 100,000 "[" from exhausting the recursion limit.
MAX_JSON_DEPTH: Final = 8
_CHUNK: Final = 1 << 20
_FORMULA_TRIGGERS: Final = frozenset({"=", "+", "-", "@", "\t", "\r", "\x00"})

TRANSLATED_COLUMN = re.compile(r"^(title|description)_([a-z]{2,3}(?:_[a-z]{2,4})?)$")


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"


class FileUnreadable(ValidationFailed):
    """The file as a whole cannot be imported; `details["reason"]` is a stable code:
    `encoding`, `format`, `empty`, `missing_columns`, `unknown_columns`, `duplicate_columns`,
    `too_many_columns`, `line_too_long`."""

    code = "file_unreadable"
    default_message = "The file cannot be read."

    def __init__(self, reason: str, message: str, **details: Any) -> None:
        super().__init__(message, reason=reason, **details)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One record: its line (1-based, as a spreadsheet shows it; the header is line 1),
    its cells by column name (strings, empty when blank), or the `problem` that kept it from
    being parsed (then `column` names the cell at fault, if any)."""

    line: int
    cells: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    column: str = ""


class CatalogFile:
    """An opened catalog file: `columns`, `total_rows` (when known up front) and `rows()`.

    `source` must be a seekable binary stream; the caller closes it.
    """

    def __init__(self, source: IO[bytes], file_format: FileFormat) -> None:
        self.format = file_format
        self._source = source
        self.total_rows = 0
        self.columns: tuple[str, ...] = ()
        self._encoding = ""
        self._open()

    def _open(self) -> None:
        if self.format is FileFormat.XLSX:
            self._open_xlsx()
            return
        self._encoding = _detect_encoding(self._source)
        if self.format is FileFormat.CSV:
            self.total_rows, header = _scan_csv(self._text())
            self.columns = check_columns(header)
        else:
            self.total_rows = _scan_jsonl(self._text())

    def _text(self) -> Iterator[str]:
        self._source.seek(0)
        stream = io.TextIOWrapper(
            self._source, encoding=self._encoding, errors="strict", newline=""
        )
        try:
            yield from _bounded_lines(stream)
        except UnicodeDecodeError as error:
            raise _encoding_error(f"invalid bytes ({error.reason})") from None
        finally:
            stream.detach()

    def rows(self) -> Iterator[SourceRow]:
        """Every record after the header, in file order."""
        if self.format is FileFormat.CSV:
            return _csv_rows(self._text(), self.columns)
        if self.format is FileFormat.JSONL:
            return _jsonl_rows(self._text())
        return self._xlsx_rows()

    # XLSX -------------------------------------------------------------------------------------

    def _open_xlsx(self) -> None:
        values = self._xlsx_values()
        try:
            header = next(values, None)
        finally:
            values.close()
        if header is None:
            raise FileUnreadable("empty", "The file is empty: it has no header row.")
        self.columns = check_columns([_xlsx_text(value) for value in header])
        self.total_rows = max(self._xlsx_max_row - 1, 0)

    def _xlsx_values(self) -> Generator[tuple[Any, ...]]:
        from openpyxl import load_workbook  # import cost only for XLSX

        _check_xlsx_archive(self._source)
        self._source.seek(0)
        try:
            book = load_workbook(self._source, read_only=True, data_only=True, keep_links=False)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise FileUnreadable(
                "format", "The file is not a readable XLSX workbook.", error=str(error)[:200]
            ) from None
        try:
            sheet = book.worksheets[0]
            # None at run time when the file declares no dimension (the stubs say int)
            self._xlsx_max_row = int(getattr(sheet, "max_row", None) or 0)
            yield from sheet.iter_rows(values_only=True)
        finally:
            book.close()

    def _xlsx_rows(self) -> Iterator[SourceRow]:
        values = self._xlsx_values()
        next(values, None)
        for line, row in enumerate(values, start=2):
            if all(value is None or value == "" for value in row):
                continue
            yield _record(line, self.columns, [_xlsx_text(value) for value in row])


def _check_xlsx_archive(source: IO[bytes]) -> None:
    """Refuse a workbook that is not a zip, or one that would inflate past the caps."""
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileUnreadable("format", "The file is not a readable XLSX workbook.") from None
    inflated = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_XLSX_ENTRIES or inflated > MAX_XLSX_INFLATED_BYTES:
        raise FileUnreadable(
            "format",
            f"The workbook is too large uncompressed ({inflated:,} bytes, {len(entries)} parts).",
        )


# Encoding -------------------------------------------------------------------------------------


def _detect_encoding(source: IO[bytes]) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, from the first bytes. Invalid bytes
    further on are caught by the first, counting pass (`_text`), before any row is imported."""
    source.seek(0)
    head = source.read(_CHUNK)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.count(0) * 10 > len(head):
        raise _encoding_error("it is full of NUL bytes (UTF-16 without a byte-order mark?)")
    return "utf-8-sig"


def _encoding_error(why: str) -> FileUnreadable:
    return FileUnreadable(
        "encoding",
        f"The file is not UTF-8 or UTF-16 with a byte-order mark: {why}. "
        'Save it as UTF-8 ("CSV UTF-8" in spreadsheet programs) and upload it again.',
    )


def _bounded_lines(stream: io.TextIOWrapper) -> Iterator[str]:
    """The stream's lines, refusing one longer than MAX_LINE_CHARS (never held in memory)."""
    number = 0
    while line := stream.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise FileUnreadable(
                "line_too_long",
                f"Line {number} is longer than {MAX_LINE_CHARS:,} characters.",
                line=number,
            )
        yield line


# Columns --------------------------------------------------------------------------------------


def check_columns(
    header: list[str], required: tuple[str, ...] = REQUIRED_COLUMNS
) -> tuple[str, ...]:
    """Normalise the header (trimmed, lower case) and refuse a file the importer cannot map."""
    columns = tuple(name.strip().lower() for name in header)
    while columns and not columns[-1]:
        columns = columns[:-1]
    if not columns:
        raise FileUnreadable("empty", "The file is empty: it has no header row.")
    if len(columns) > MAX_COLUMNS:
        raise FileUnreadable("too_many_columns", f"More than {MAX_COLUMNS} columns.")
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        raise FileUnreadable(
            "duplicate_columns", f"Repeated columns: {', '.join(duplicates)}.", columns=duplicates
        )
    unknown = [
        name for name in columns if name not in KNOWN_COLUMNS and not TRANSLATED_COLUMN.match(name)
    ]
    if unknown:
        raise FileUnreadable(
            "unknown_columns",
            f"Unknown columns: {', '.join(name or '(blank)' for name in unknown)}.",
            columns=unknown,
        )
    missing = [name for name in required if name not in columns]
    if missing:
        raise FileUnreadable(
            "missing_columns", f"Missing required columns: {', '.join(missing)}.", columns=missing
        )
    return columns


def unescape_cell(value: str) -> str:
    """Drop the `'` the exporter puts before a cell a spreadsheet would take for a formula."""
    if value.startswith("'") and value[1:2] in _FORMULA_TRIGGERS:
        return value[1:]
    return value


def _record(
    line: int, columns: tuple[str, ...], values: list[str], *, spreadsheet: bool = True
) -> SourceRow:
    """Pair values with columns; refuse surplus values, over-long cells and NUL characters.
    Spreadsheet cells (CSV, XLSX) lose the exporter's formula escape (`unescape_cell`)."""
    if len(values) > len(columns) and any(value.strip() for value in values[len(columns) :]):
        return SourceRow(line, problem=f"{len(values)} values for {len(columns)} columns")
    cells: dict[str, str] = {}
    for name, value in zip(columns, values, strict=False):
        if len(value) > MAX_CELL_CHARS:
            return SourceRow(
                line, column=name, problem=f"longer than {MAX_CELL_CHARS:,} characters"
            )
        if "\x00" in value:
            return SourceRow(line, column=name, problem="contains a NUL character")
        cells[name] = (unescape_cell(value) if spreadsheet else value).strip()
    return SourceRow(line, cells)


# CSV ------------------------------------------------------------------------------------------


def _scan_csv(lines: Iterator[str]) -> tuple[int, list[str]]:
    reader = csv.reader(lines)
    header: list[str] | None = None
    records = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error:
            values = ["?"]
        if header is None:
            header = values
        elif any(value.strip() for value in values):
            records += 1
    if header is None:
        raise FileUnreadable("empty", "The file is empty: it has no header row.")
    return records, header


def _csv_rows(lines: Iterator[str], columns: tuple[str, ...]) -> Iterator[SourceRow]:
    reader = csv.reader(lines)
    next(reader, None)
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield SourceRow(start, problem=f"cannot be parsed as CSV: {error}")
        else:
            if any(value.strip() for value in values):
                yield _record(start, columns, values)
        start = reader.line_num + 1


# JSONL ----------------------------------------------------------------------------------------


def _scan_jsonl(lines: Iterator[str]) -> int:
    records = sum(1 for line in lines if line.strip())
    if not records:
        raise FileUnreadable("empty", "The file is empty: it has no records.")
    return records


def _jsonl_rows(lines: Iterator[str]) -> Iterator[SourceRow]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield _jsonl_record(number, line)


def _jsonl_record(number: int, line: str) -> SourceRow:
    if _json_depth_exceeds(line, MAX_JSON_DEPTH):
        return SourceRow(number, problem=f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        value = json.loads(line, parse_float=Decimal, parse_constant=_refuse_constant)
    except ValueError as error:
        return SourceRow(number, problem=f"invalid JSON: {error}")
    if not isinstance(value, dict):
        return SourceRow(number, problem="a line must hold one JSON object")
    names = [str(name).strip().lower() for name in value]
    try:
        columns = check_columns(names, required=("sku",))  # a variant row has no title
    except FileUnreadable as error:
        if error.reason == "missing_columns":
            return SourceRow(number, column="sku", problem="required")
        return SourceRow(number, problem=error.message)
    texts: list[str] = []
    for name, cell in zip(columns, value.values(), strict=True):
        text = _json_text(cell)
        if text is None:
            return SourceRow(number, column=name, problem="must be a string, a number or a list")
        texts.append(text)
    return _record(number, columns, texts, spreadsheet=False)


# an escape pair (so an escaped quote never toggles), a quote, or a bracket
_JSON_TOKEN: Final = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def _json_depth_exceeds(line: str, limit: int) -> bool:
    """Whether the brackets outside strings nest deeper than `limit`; one linear pass that
    stops at the first bracket past it."""
    # fast path (C speed): a line with at most `limit` opening brackets cannot nest deeper, and
    # the token scan costs three times json.loads on an ordinary record
    if line.count("[") + line.count("{") <= limit:
        return False
    depth = 0
    in_string = False
    for match in _JSON_TOKEN.finditer(line):
        part = match.group()
        if part == '"':
            in_string = not in_string
        elif in_string or part.startswith("\\"):
            continue
        elif part in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def _json_text(value: object) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | Decimal):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str | int | Decimal) for item in value):
        return ";".join(str(item) for item in value)
    return None


# XLSX cells -----------------------------------------------------------------------------------


def _xlsx_text(value: object) -> str:
    """A cell as text. Numbers keep their digits (no float noise: 4.2 stays "4.2")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text.removesuffix(".0")
    return str(value)
