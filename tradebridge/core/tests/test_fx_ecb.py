import gzip
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from tradebridge.core.fx_ecb import (
    ParsedRate,
    RateFileInvalid,
    parse_ecb_history,
    parse_ecb_rates,
    parse_ecb_xml,
    read_rate_file,
)

SAMPLE = (
    "Date,USD,JPY,CYP,\n"
    "2026-10-30,1.1172,175.68,N/A,\n"
    "2026-10-29,1.113,175.92,N/A,\n"
    "\n"
    "1999-01-04,1.1789,133.73,0.58231,\n"
)


def test_parses_every_quoted_rate_and_skips_n_a():
    rates = parse_ecb_history(SAMPLE)

    assert rates == [
        ParsedRate(date(2026, 10, 30), "USD", Decimal("1.1172")),
        ParsedRate(date(2026, 10, 30), "JPY", Decimal("175.68")),
        ParsedRate(date(2026, 10, 29), "USD", Decimal("1.113")),
        ParsedRate(date(2026, 10, 29), "JPY", Decimal("175.92")),
        ParsedRate(date(1999, 1, 4), "USD", Decimal("1.1789")),
        ParsedRate(date(1999, 1, 4), "JPY", Decimal("133.73")),
        ParsedRate(date(1999, 1, 4), "CYP", Decimal("0.58231")),
    ]


def test_the_shipped_history_parses_completely():
    from pathlib import Path

    import tradebridge.core

    path = Path(tradebridge.core.__file__).parent / "data" / "fx" / "eurofxref-hist.csv.gz"

    rates = parse_ecb_history(read_rate_file(path))

    assert len(rates) == 221_702
    assert len({rate.on for rate in rates}) == 7_126
    assert ParsedRate(date(2026, 10, 30), "CNY", Decimal("7.4326")) in rates


@pytest.mark.parametrize(
    ("_case", "text", "message"),
    [
        ("empty file", "", "line 1: the first column must be 'Date'"),
        ("no Date column", "Day,USD\n2026-01-02,1.1\n", "line 1: the first column must be 'Date'"),
        (
            "unknown currency",
            "Date,USD,XYZ\n",
            "line 1: column 'XYZ' is not an ISO 4217 currency code",
        ),
        ("no currencies", "Date,\n2026-01-02,\n", "line 1: no currency columns"),
        ("duplicate column", "Date,USD,USD\n", "line 1: a currency column appears twice"),
        (
            "bad date",
            "Date,USD\n30/10/2026,1.1\n",
            "line 2: '30/10/2026' is not a date (YYYY-MM-DD)",
        ),
        ("bad rate", "Date,USD\n2026-10-30,abc\n", "line 2, USD: 'abc' is not a positive rate"),
        ("zero rate", "Date,USD\n2026-10-30,0\n", "line 2, USD: '0' is not a positive rate"),
        (
            "negative rate",
            "Date,USD\n2026-10-30,-1.2\n",
            "line 2, USD: '-1.2' is not a positive rate",
        ),
        (
            "infinite rate",
            "Date,USD\n2026-10-30,Infinity\n",
            "line 2, USD: 'Infinity' is not a positive rate",
        ),
        (
            "too precise",
            "Date,USD\n2026-10-30,1.123456789\n",
            "line 2, USD: '1.123456789' has more precision than is stored",
        ),
        (
            "too many values",
            "Date,USD,\n2026-10-30,1.1,2.2\n",
            "line 2: more values than currency columns",
        ),
        (
            "repeated date",
            "Date,USD\n2026-10-30,1.1\n2026-10-30,1.2\n",
            "line 3: date 2026-10-30 appears twice",
        ),
        ("only N/A", "Date,USD\n2026-10-30,N/A\n", "the file holds no rates"),
    ],
)
def test_a_defective_file_is_refused_naming_the_line(_case, text, message):
    with pytest.raises(RateFileInvalid) as error:
        parse_ecb_history(text)

    assert error.value.message == message


def test_reads_plain_gzip_and_zip_alike(tmp_path):
    plain = tmp_path / "rates.csv"
    plain.write_text(SAMPLE)
    gzipped = tmp_path / "rates.csv.gz"
    gzipped.write_bytes(gzip.compress(SAMPLE.encode()))
    zipped = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("eurofxref-hist.csv", SAMPLE)

    assert read_rate_file(plain) == read_rate_file(gzipped) == read_rate_file(zipped) == SAMPLE


def test_a_byte_order_mark_is_ignored(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode())

    assert read_rate_file(path) == SAMPLE


def _zip_with(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, SAMPLE)
    return buffer.getvalue()


UNREADABLE = [
    ("truncated gzip", gzip.compress(SAMPLE.encode(), mtime=0)[:20], ": damaged archive ("),
    (
        "zip without csv",
        _zip_with("readme.txt"),
        "the zip must hold exactly one .csv file, not 0",
    ),
    (
        "zip with two csv",
        _zip_with("a.csv", "b.csv"),
        "the zip must hold exactly one .csv file, not 2",
    ),
    ("binary garbage", b"\x00\xff\xfe\x81" * 10, ": not a UTF-8 text CSV file"),
    ("damaged zip", b"PK\x03\x04" + b"\x00" * 40, ": damaged archive ("),
]


@pytest.mark.parametrize(
    ("_case", "content", "fragment"), UNREADABLE, ids=[case[0] for case in UNREADABLE]
)
def test_an_unreadable_file_is_refused(tmp_path, _case, content, fragment):
    path = tmp_path / "rates.bin"
    path.write_bytes(content)

    with pytest.raises(RateFileInvalid) as error:
        read_rate_file(path)

    assert fragment in error.value.message


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(RateFileInvalid) as error:
        read_rate_file(tmp_path / "absent.csv")

    assert error.value.message == f"{tmp_path / 'absent.csv'}: no such file"


DAILY_XML = """<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
  xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <Cube>
    <Cube time='2026-11-03'>
      <Cube currency='USD' rate='1.0845'/>
      <Cube currency='JPY' rate='163.2'/>
    </Cube>
    <Cube time='2026-11-02'>
      <Cube currency='USD' rate='1.0851'/>
    </Cube>
  </Cube>
</gesmes:Envelope>
"""


def test_the_ecb_xml_feed_parses_every_day_of_it():
    assert parse_ecb_rates(DAILY_XML) == [
        ParsedRate(date(2026, 11, 3), "USD", Decimal("1.0845")),
        ParsedRate(date(2026, 11, 3), "JPY", Decimal("163.2")),
        ParsedRate(date(2026, 11, 2), "USD", Decimal("1.0851")),
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "currency='JPY'",
            "currency='YEN'",
            "day 2026-11-03: 'YEN' is not an ISO 4217 currency code",
        ),
        ("rate='163.2'", "rate='-1'", "day 2026-11-03, JPY: '-1' is not a positive rate"),
        ("time='2026-11-02'", "time='2026-11-03'", "day 2026-11-03 appears twice"),
        ("time='2026-11-02'", "time='2 Nov'", "a <Cube time>: '2 Nov' is not a date (YYYY-MM-DD)"),
    ],
)
def test_a_defective_xml_feed_is_refused_whole(old, new, message):
    with pytest.raises(RateFileInvalid) as error:
        parse_ecb_xml(DAILY_XML.replace(old, new))

    assert error.value.message == message


def test_an_xml_feed_without_rates_is_refused():
    with pytest.raises(RateFileInvalid) as error:
        parse_ecb_xml("<Envelope><Cube/></Envelope>")

    assert error.value.message == "the file holds no rates"
