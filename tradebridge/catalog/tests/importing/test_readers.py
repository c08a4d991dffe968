"""The readers: encodings, hostile bytes, huge cells, CSV quirks, XLSX formulas, JSONL."""

import codecs
import io
import json

import pytest
from openpyxl import Workbook

from tradebridge.catalog.importing.readers import (
    MAX_CELL_CHARS,
    CatalogFile,
    FileFormat,
    FileUnreadable,
    SourceRow,
)


def read(
    data: bytes, file_format: FileFormat = FileFormat.CSV
) -> tuple[CatalogFile, list[SourceRow]]:
    catalog = CatalogFile(io.BytesIO(data), file_format)
    return catalog, list(catalog.rows())


def refused(data: bytes, file_format: FileFormat = FileFormat.CSV) -> FileUnreadable:
    with pytest.raises(FileUnreadable) as caught:
        read(data, file_format)
    return caught.value


CSV = "sku,title,price_tiers\nA-1,Ball,10:4.20\nA-2,Café crème,10:1\n"


@pytest.mark.parametrize(
    "data",
    [
        CSV.encode(),
        codecs.BOM_UTF8 + CSV.encode(),
        codecs.BOM_UTF16_LE + CSV.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CSV.encode("utf-16-be"),
        CSV.replace("\n", "\r\n").encode(),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "crlf"],
)
def test_csv_encodings_that_are_read(data):
    catalog, rows = read(data)

    assert catalog.columns == ("sku", "title", "price_tiers")
    assert catalog.total_rows == 2
    assert rows == [
        SourceRow(2, {"sku": "A-1", "title": "Ball", "price_tiers": "10:4.20"}),
        SourceRow(3, {"sku": "A-2", "title": "Café crème", "price_tiers": "10:1"}),
    ]


@pytest.mark.parametrize(
    "data",
    [
        CSV.encode("latin-1"),
        CSV.encode("utf-16-le"),
        bytes(range(256)) * 40,
        b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)) * 10,
    ],
    ids=["latin-1", "utf-16-without-bom", "binary", "png"],
)
def test_other_encodings_are_one_file_level_error(data):
    assert refused(data).reason == "encoding"


def test_an_invalid_byte_far_into_the_file_fails_before_any_row():
    data = ("sku,title\n" + "".join(f"S{i},T\n" for i in range(50_000))).encode() + b"X,\xe9t\xe9\n"
    catalog_error = refused(data)

    assert catalog_error.reason == "encoding"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"sku,price_tiers\nA,1:1\n", "missing_columns"),
        (b"sku,title,prce_tiers\n", "unknown_columns"),
        (b"sku,title,sku\n", "duplicate_columns"),
        (b"sku,title\n" + b"x" * 1_000_001 + b"\n", "line_too_long"),
    ],
)
def test_file_level_errors(data, reason):
    assert refused(data).reason == reason


def test_only_a_header_has_no_rows():
    catalog, rows = read(b"SKU , Title,title_fr\r\n")

    assert catalog.columns == ("sku", "title", "title_fr")
    assert (catalog.total_rows, rows) == (0, [])


def test_quoted_newlines_and_line_numbers():
    data = b'sku,title,description\nA,"Ball","two\nlines"\n\nB,Net,""\n'

    _, rows = read(data)

    assert rows == [
        SourceRow(2, {"sku": "A", "title": "Ball", "description": "two\nlines"}),
        SourceRow(5, {"sku": "B", "title": "Net", "description": ""}),
    ]


def test_huge_cells_nul_and_surplus_values_are_row_problems():
    data = (
        "sku,title\n"
        f"A,{'x' * (MAX_CELL_CHARS + 1)}\n"
        f"B,{'y' * 200_000}\n"
        "C,a\x00b\n"
        "D,Ball,surplus\n"
        "E,Good\n"
    ).encode()

    _, rows = read(data)

    assert [(row.line, row.column, row.problem[:22]) for row in rows[:4]] == [
        (2, "title", "longer than 10,000 cha"),
        (3, "", "cannot be parsed as CS"),
        (4, "title", "contains a NUL charact"),
        (5, "", "3 values for 2 columns"),
    ]
    assert rows[4] == SourceRow(6, {"sku": "E", "title": "Good"})


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.create_sheet("Ignored").append(["sku", "title"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_first_sheet_values_and_never_formulas():
    data = xlsx(
        [
            ["SKU", "title", "price_tiers", "moq"],
            ["X-1", "Ball", "10:4.2", 10],
            ["X-2", '=HYPERLINK("http://evil.example","x")', "10:1", 4.5],
            [None, None, None, None],
            ["X-3", "Net", None, 2.0],
        ]
    )

    catalog, rows = read(data, FileFormat.XLSX)

    assert catalog.columns == ("sku", "title", "price_tiers", "moq")
    assert rows == [
        SourceRow(2, {"sku": "X-1", "title": "Ball", "price_tiers": "10:4.2", "moq": "10"}),
        # a formula without a saved result is empty: it is never evaluated
        SourceRow(3, {"sku": "X-2", "title": "", "price_tiers": "10:1", "moq": "4.5"}),
        SourceRow(5, {"sku": "X-3", "title": "Net", "price_tiers": "", "moq": "2"}),
    ]


def test_not_an_xlsx_workbook():
    assert refused(b"sku,title\n", FileFormat.XLSX).reason == "format"


def test_jsonl_records():
    lines = [
        json.dumps({"sku": "J-1", "title": "Ball", "moq": 10, "certifications": ["CE", "RoHS"]}),
        "",
        "{not json",
        json.dumps(["a"]),
        json.dumps({"title": "J-2"}),
        json.dumps({"sku": "J-3", "title": "T", "weight_kg": 0.25, "attributes": {"a": 1}}),
    ]

    catalog, rows = read("\n".join(lines).encode(), FileFormat.JSONL)

    assert catalog.total_rows == 5
    assert rows[0] == SourceRow(
        1, {"sku": "J-1", "title": "Ball", "moq": "10", "certifications": "CE;RoHS"}
    )
    assert [(row.line, row.column, row.problem[:12]) for row in rows[1:]] == [
        (3, "", "invalid JSON"),
        (4, "", "a line must "),
        (5, "sku", "required"),
        (6, "attributes", "must be a st"),
    ]


def test_the_exporters_formula_escape_is_dropped_in_spreadsheets_only():
    _, csv_rows = read(b"sku,title\nA,'=1+1\nB,'plain\n")
    _, jsonl_rows = read(b'{"sku": "A", "title": "\'=1+1"}\n', FileFormat.JSONL)

    assert [row.cells["title"] for row in csv_rows] == ["=1+1", "'plain"]
    assert jsonl_rows[0].cells["title"] == "'=1+1"


def test_jsonl_nesting_past_the_limit_is_a_row_problem_not_a_crash():
    hostile = "[" * 100_000
    deep_in_a_cell = json.dumps({"sku": "J-2", "title": [[[[[[[[["x"]]]]]]]]]})
    brackets_in_strings = json.dumps({"sku": "J-3", "title": '[[[[[[[[[[\\"{{{{{{{{{{'})

    catalog, rows = read(
        "\n".join([hostile, deep_in_a_cell, brackets_in_strings]).encode(), FileFormat.JSONL
    )

    assert catalog.total_rows == 3
    assert rows == [
        SourceRow(1, problem="nested deeper than 8 levels"),
        SourceRow(2, problem="nested deeper than 8 levels"),
        SourceRow(3, {"sku": "J-3", "title": '[[[[[[[[[[\\"{{{{{{{{{{'}),
    ]
