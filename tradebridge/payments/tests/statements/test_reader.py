"""Sniffing a statement's format from its bytes."""

import codecs
from pathlib import Path

import pytest

from tradebridge.payments.statements.lines import (
    MAX_STATEMENT_BYTES,
    StatementFormat,
    StatementUnreadable,
)
from tradebridge.payments.statements.reader import statement_format, statement_parse

SAMPLES = Path(__file__).parent / "samples"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("camt053_v02_day.xml", StatementFormat.CAMT053),
        ("camt053_v08_usd.xml", StatementFormat.CAMT053),
        ("statement_de.csv", StatementFormat.CSV),
        ("statement_en.csv", StatementFormat.CSV),
    ],
)
def test_the_format_comes_from_the_bytes(name: str, expected: StatementFormat) -> None:
    parsed = statement_parse((SAMPLES / name).read_bytes())

    assert parsed.format is expected


def test_xml_behind_a_bom_and_blanks_is_still_xml() -> None:
    assert (
        statement_format(codecs.BOM_UTF8 + b"\n  <?xml version='1.0'?>") is StatementFormat.CAMT053
    )
    assert statement_format("<Document/>".encode("utf-16")) is StatementFormat.CAMT053


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b" \n\n", "empty"), (b"x" * (MAX_STATEMENT_BYTES + 1), "too_large")],
)
def test_empty_or_huge_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(StatementUnreadable) as caught:
        statement_parse(data)

    assert caught.value.reason == reason
