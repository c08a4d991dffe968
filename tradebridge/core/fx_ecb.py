"""Reading the ECB's euro reference-rate history (`eurofxref-hist`): pure, no database.

The file is a CSV with a `Date` column then one column per currency (units per 1 EUR),
`N/A` where a currency was not quoted, and a trailing empty column. It may come plain,
zipped (the ECB's own download) or gzipped. Any defect raises RateFileInvalid naming
the line, so a bad file is refused whole.
"""

import csv
import gzip
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tradebridge.core.errors import ValidationFailed
from tradebridge.core.money import is_currency

MAX_DECIMAL_PLACES = 8  # FxRate.rate keeps 8; more would be silently rounded
MAX_INTEGER_DIGITS = 12
_MISSING = {"", "N/A"}
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"


class RateFileInvalid(ValidationFailed):
    code = "fx_file_invalid"
    default_message = "The exchange-rate file cannot be read."


@dataclass(frozen=True, slots=True)
class ParsedRate:
    on: date
    currency: str
    rate: Decimal


def read_rate_file(path: Path) -> str:
    """The CSV text of `path`, unpacking a .zip (its one .csv member) or .gz by content."""
    try:
        raw = path.read_bytes()
        if raw.startswith(_GZIP_MAGIC):
            raw = gzip.decompress(raw)
        elif raw.startswith(_ZIP_MAGIC):
            raw = _single_csv_member(raw)
        return raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise RateFileInvalid(f"{path}: no such file") from None
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise RateFileInvalid(f"{path}: damaged archive ({error})") from None
    except UnicodeDecodeError:
        raise RateFileInvalid(f"{path}: not a UTF-8 text CSV file") from None


def parse_ecb_history(text: str) -> list[ParsedRate]:
    """Every quoted rate in the file, in file order. Raises RateFileInvalid on any defect."""
    lines = csv.reader(io.StringIO(text))
    header = next(lines, None)
    currencies = _currencies_from_header(header)
    rates: list[ParsedRate] = []
    seen_dates: set[date] = set()
    for line_number, row in enumerate(lines, start=2):
        if not any(cell.strip() for cell in row):
            continue
        day = _parse_date(row[0], line_number=line_number)
        if day in seen_dates:
            raise RateFileInvalid(f"line {line_number}: date {day} appears twice")
        seen_dates.add(day)
        rates.extend(_rates_of_row(row, day=day, currencies=currencies, line_number=line_number))
    if not rates:
        raise RateFileInvalid("the file holds no rates")
    return rates


def _single_csv_member(raw: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = [name for name in archive.namelist() if name.lower().endswith(".csv")]
        if len(members) != 1:
            raise RateFileInvalid(f"the zip must hold exactly one .csv file, not {len(members)}")
        return archive.read(members[0])


def _currencies_from_header(header: list[str] | None) -> list[str]:
    if not header or header[0].strip() != "Date":
        raise RateFileInvalid("line 1: the first column must be 'Date'")
    names = [name.strip() for name in header[1:]]
    while names and not names[-1]:  # the ECB file ends every line with a comma
        names.pop()
    for name in names:
        if not is_currency(name):
            raise RateFileInvalid(f"line 1: column {name!r} is not an ISO 4217 currency code")
    if len(set(names)) != len(names):
        raise RateFileInvalid("line 1: a currency column appears twice")
    if not names:
        raise RateFileInvalid("line 1: no currency columns")
    return names


def _parse_date(cell: str, *, line_number: int) -> date:
    try:
        return date.fromisoformat(cell.strip())
    except ValueError:
        raise RateFileInvalid(f"line {line_number}: {cell!r} is not a date (YYYY-MM-DD)") from None


def _rates_of_row(
    row: list[str], *, day: date, currencies: list[str], line_number: int
) -> Iterator[ParsedRate]:
    cells = [cell.strip() for cell in row[1:]]
    if any(cells[len(currencies) :]):
        raise RateFileInvalid(f"line {line_number}: more values than currency columns")
    for currency, cell in zip(currencies, cells, strict=False):
        if cell not in _MISSING:
            yield ParsedRate(day, currency, _parse_rate(cell, currency, line_number))


def _parse_rate(cell: str, currency: str, line_number: int) -> Decimal:
    try:
        rate = Decimal(cell)
    except InvalidOperation:
        rate = Decimal("NaN")
    exponent = rate.as_tuple().exponent
    if not rate.is_finite() or rate <= 0 or not isinstance(exponent, int):
        raise RateFileInvalid(f"line {line_number}, {currency}: {cell!r} is not a positive rate")
    if -exponent > MAX_DECIMAL_PLACES or rate.adjusted() >= MAX_INTEGER_DIGITS:
        raise RateFileInvalid(
            f"line {line_number}, {currency}: {cell!r} has more precision than is stored"
        )
    return rate
