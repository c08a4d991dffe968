"""The CSV statement parser: header detection, decimal marks, dates, encodings, per-line errors."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tradebridge.core.money import Money
from tradebridge.payments.statements.csv import (
    AmountUnreadable,
    decimal_mark,
    parse_amount,
    parse_csv,
)
from tradebridge.payments.statements.lines import LineError, StatementFormat, StatementUnreadable

SAMPLES = Path(__file__).parent / "samples"


def test_a_german_bank_export_is_read_by_its_header_names() -> None:
    parsed = parse_csv((SAMPLES / "statement_de.csv").read_bytes())

    assert parsed.format is StatementFormat.CSV
    assert parsed.errors == ()
    assert parsed.skipped == 1  # the rent: a debit
    assert [(line.source_ref, line.amount, line.value_date) for line in parsed.lines] == [
        ("20260302-0001", Money(Decimal("3000.00"), "EUR"), datetime.date(2026, 3, 2)),
        ("20260303-0003", Money(Decimal("1500.5"), "EUR"), datetime.date(2026, 3, 3)),
        (parsed.lines[2].source_ref, Money(Decimal("12.00"), "EUR"), datetime.date(2026, 3, 3)),
    ]
    assert parsed.lines[1].reference_text == "Rechnung 118; tb 4hx2 pq7r v"
    assert parsed.lines[1].payer_name == "Alpenblick Handels AG"
    assert [line.line for line in parsed.lines] == [2, 4, 5]


def test_the_value_date_is_preferred_to_the_booking_date() -> None:
    data = "Booking date,Value date,Amount,Currency\n2026-03-02,2026-03-04,10.00,EUR\n"

    (line,) = parse_csv(data.encode()).lines

    assert line.value_date == datetime.date(2026, 3, 4)


def test_a_windows_1252_export_is_decoded() -> None:
    data = (SAMPLES / "statement_de.csv").read_text(encoding="utf-8").encode("cp1252")

    parsed = parse_csv(data)

    assert parsed.lines[0].payer_name == "Nordlicht Sportartikel GmbH"
    assert parsed.errors == ()


def test_a_utf16_export_with_a_bom_is_decoded() -> None:
    data = "date,amount,currency,reference\n2026-03-02,5.00,EUR,Grüße\n".encode("utf-16")

    (line,) = parse_csv(data).lines

    assert line.reference_text == "Grüße"


def test_without_a_header_the_documented_column_order_is_used() -> None:
    data = b"2026-03-02,99.90,EUR,TB-7K3M-9QXD-Q,ACME Ltd,E-1\n2026-03-03,1.00,EUR,,,\n"

    parsed = parse_csv(data)

    assert [(line.source_ref, line.amount, line.payer_name) for line in parsed.lines] == [
        ("E-1", Money(Decimal("99.90"), "EUR"), "ACME Ltd"),
        (parsed.lines[1].source_ref, Money(Decimal("1.00"), "EUR"), ""),
    ]
    assert [line.line for line in parsed.lines] == [1, 2]


def test_lines_without_an_entry_id_get_stable_distinct_refs() -> None:
    data = b"date,amount,currency,reference\n2026-03-02,5.00,EUR,x\n2026-03-02,5.00,EUR,x\n"

    first = [line.source_ref for line in parse_csv(data).lines]
    again = [line.source_ref for line in parse_csv(data).lines]

    assert first == again
    assert first[0] != first[1]
    assert first[0].startswith("sha256:")
    assert first[0].endswith(":1")
    assert first[1].endswith(":2")


def test_bad_lines_are_reported_with_their_numbers_and_the_rest_is_read() -> None:
    data = (
        b"date;amount;currency;reference\n"
        b"2026-03-02;10,00;EUR;ok\n"
        b"yesterday;10,00;EUR;bad date\n"
        b"2026-03-02;ten;EUR;bad amount\n"
        b"2026-03-02;10,00;XXY;bad currency\n"
        b"2026-03-02;10,001;EUR;too many decimals\n"
        b"2026-03-02\n"
        b"\n"
        b"2026-03-03;1.234,56;EUR;ok again\n"
    )

    parsed = parse_csv(data)

    assert [line.line for line in parsed.lines] == [2, 9]
    assert parsed.lines[1].amount == Money(Decimal("1234.56"), "EUR")
    assert parsed.errors == (
        LineError(3, "Unreadable date 'yesterday'."),
        LineError(4, "Unreadable amount 'ten'."),
        LineError(5, "Unknown currency 'XXY'."),
        LineError(6, "10,001 has more decimals than EUR allows (2)."),
        LineError(7, "Expected at least 3 columns, found 1."),
    )


def test_an_ambiguous_amount_is_an_error_unless_the_file_settles_it() -> None:
    alone = b'date,amount,currency\n2026-03-02,"1,250",EUR\n'
    settled = b"date;amount;currency\n2026-03-02;1,250;EUR\n2026-03-02;7,50;EUR\n"

    assert parse_csv(alone).errors == (
        LineError(2, "Ambiguous amount '1,250': write it with two decimals (1250.00 or 1250,00)."),
    )
    settled_lines = parse_csv(settled).lines
    assert [line.amount for line in settled_lines] == [
        Money(Decimal("1.250"), "EUR"),  # the file writes decimal commas: 1.25 EUR
        Money(Decimal("7.50"), "EUR"),
    ]


def test_three_decimals_that_are_zeros_fit_a_two_decimal_currency() -> None:
    (line,) = parse_csv(b"2026-03-02;12.500;EUR\n2026-03-02;3.25;EUR\n").lines[:1]

    assert line.amount == Money(Decimal("12.500"), "EUR")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1250", Decimal(1250)),
        ("1250.00", Decimal("1250.00")),
        ("1250,00", Decimal("1250.00")),
        ("1,250.00", Decimal("1250.00")),
        ("1.250,00", Decimal("1250.00")),
        ("1 250,00", Decimal("1250.00")),
        ("1\u00a0250,00", Decimal("1250.00")),
        ("1'250.00", Decimal("1250.00")),
        ("1.250.000", Decimal(1250000)),
        ("+12.5", Decimal("12.5")),
        ("-12,50", Decimal("-12.50")),
        ("12,50-", Decimal("-12.50")),
    ],
)
def test_amount_spellings(raw: str, expected: Decimal) -> None:
    assert parse_amount(raw) == expected


@pytest.mark.parametrize("raw", ["", "12.50.3,1", "1,2,3.4", "-12-", "12 EUR", "1,25,000.00"])
def test_unreadable_amounts(raw: str) -> None:
    with pytest.raises(AmountUnreadable):
        parse_amount(raw, ".")


def test_decimal_marks() -> None:
    assert [
        decimal_mark(text) for text in ("1,250", "1,25", "1.250,0", "1.2", "12", "1,250,000")
    ] == [
        None,
        ",",
        ",",
        ".",
        None,
        ".",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03-02", datetime.date(2026, 3, 2)),
        ("02.03.2026", datetime.date(2026, 3, 2)),
        ("02/03/2026", datetime.date(2026, 3, 2)),
        ("20260302", datetime.date(2026, 3, 2)),
        ("2026-03-02T10:11:12+01:00", datetime.date(2026, 3, 2)),
    ],
)
def test_date_spellings(raw: str, expected: datetime.date) -> None:
    data = f"date,amount,currency\n{raw},1.00,EUR\n".encode()

    (line,) = parse_csv(data).lines

    assert line.value_date == expected


def test_a_header_without_a_currency_column_is_refused() -> None:
    with pytest.raises(StatementUnreadable) as caught:
        parse_csv(b"date,amount,reference\n2026-03-02,1.00,x\n")

    assert caught.value.reason == "columns"
    assert caught.value.details["missing"] == ["currency"]


def test_a_file_that_is_neither_headed_nor_dated_is_refused() -> None:
    with pytest.raises(StatementUnreadable) as caught:
        parse_csv(b"hello,world\n1,2\n")

    assert caught.value.reason == "columns"


def test_nul_bytes_without_a_bom_are_refused() -> None:
    with pytest.raises(StatementUnreadable) as caught:
        parse_csv("date,amount,currency\n".encode("utf-16-le"))

    assert caught.value.reason == "encoding"
