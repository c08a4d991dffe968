"""Reading the ECB's euro reference rates: pure, no database.

The history (`eurofxref-hist`) is a CSV with a `Date` column then one column per currency
(units per 1 EUR), `N/A` where a currency was not quoted, and a trailing empty column. It may
come plain, zipped (the ECB's own download) or gzipped. The daily feed (`eurofxref-daily.xml`,
also `eurofxref-hist-90d.xml`) is XML: `<Cube time="...">` days holding
`<Cube currency="USD" rate="1.0845"/>`. Any defect raises RateFileInvalid naming the line or
day, so a bad file is refused whole.
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
from xml.etree import ElementTree

from tradebridge.core.errors import ValidationFailed
from tradebridge.core.money import is_currency

MAX_DECIMAL_PLACES = 8  # FxRate.rate keeps 8; more would be silently rounded
MAX_INTEGER_DIGITS = 12
_MISSING = {"", "N/A"}
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_ECB_XML_NAMESPACE = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"


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
    except FileNotFoundError:
        raise RateFileInvalid(f"{path}: no such file") from None
    except OSError as error:
        raise RateFileInvalid(f"{path}: unreadable ({error})") from None
    return decode_rate_bytes(raw, name=str(path))


def decode_rate_bytes(raw: bytes, *, name: str) -> str:
    """The text of a rate file's bytes, unpacking a .zip (its one .csv member) or .gz."""
    try:
        if raw.startswith(_GZIP_MAGIC):
            raw = gzip.decompress(raw)
        elif raw.startswith(_ZIP_MAGIC):
            raw = _single_csv_member(raw)
        return raw.decode("utf-8-sig")
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        raise RateFileInvalid(f"{name}: damaged archive ({error})") from None
    except UnicodeDecodeError:
        raise RateFileInvalid(f"{name}: not a UTF-8 text CSV file") from None


def parse_ecb_rates(text: str) -> list[ParsedRate]:
    """The rates of either ECB format: the daily XML feed or the CSV history."""
    if text.lstrip().startswith("<"):
        return parse_ecb_xml(text)
    return parse_ecb_history(text)


def parse_ecb_xml(text: str) -> list[ParsedRate]:
    """Every rate of an ECB XML feed, in file order. Raises RateFileInvalid on any defect."""
    try:
        # The URL is the operator's own setting (ECB_RATES_URL); ElementTree never fetches
        # external entities and expat caps entity expansion.
        root = ElementTree.fromstring(text)  # noqa: S314
    except ElementTree.ParseError as error:
        raise RateFileInvalid(f"not well-formed XML ({error})") from None
    rates: list[ParsedRate] = []
    seen_dates: set[date] = set()
    for day_cube in root.iter(f"{{{_ECB_XML_NAMESPACE}}}Cube"):
        if "time" not in day_cube.attrib:
            continue
        day = _parse_date(day_cube.attrib["time"], where="a <Cube time>")
        if day in seen_dates:
            raise RateFileInvalid(f"day {day} appears twice")
        seen_dates.add(day)
        for cube in day_cube:
            currency, cell = cube.attrib.get("currency", ""), cube.attrib.get("rate", "")
            if not is_currency(currency):
                raise RateFileInvalid(f"day {day}: {currency!r} is not an ISO 4217 currency code")
            rates.append(ParsedRate(day, currency, _parse_rate(cell, currency, f"day {day}")))
    if not rates:
        raise RateFileInvalid("the file holds no rates")
    return rates


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
        day = _parse_date(row[0], where=f"line {line_number}")
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


def _parse_date(cell: str, *, where: str) -> date:
    try:
        return date.fromisoformat(cell.strip())
    except ValueError:
        raise RateFileInvalid(f"{where}: {cell!r} is not a date (YYYY-MM-DD)") from None


def _rates_of_row(
    row: list[str], *, day: date, currencies: list[str], line_number: int
) -> Iterator[ParsedRate]:
    cells = [cell.strip() for cell in row[1:]]
    if any(cells[len(currencies) :]):
        raise RateFileInvalid(f"line {line_number}: more values than currency columns")
    for currency, cell in zip(currencies, cells, strict=False):
        if cell not in _MISSING:
            yield ParsedRate(day, currency, _parse_rate(cell, currency, f"line {line_number}"))


def _parse_rate(cell: str, currency: str, where: str) -> Decimal:
    try:
        rate = Decimal(cell)
    except InvalidOperation:
        rate = Decimal("NaN")
    exponent = rate.as_tuple().exponent
    if not rate.is_finite() or rate <= 0 or not isinstance(exponent, int):
        raise RateFileInvalid(f"{where}, {currency}: {cell!r} is not a positive rate")
    if -exponent > MAX_DECIMAL_PLACES or rate.adjusted() >= MAX_INTEGER_DIGITS:
        raise RateFileInvalid(f"{where}, {currency}: {cell!r} has more precision than is stored")
    return rate
