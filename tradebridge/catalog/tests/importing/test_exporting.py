"""Export: the import format, streamed; formula injection neutralized (X11)."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tradebridge.catalog.exporting import catalog_export, neutralize_formula
from tradebridge.catalog.tests.factories import (
    ProductFactory,
    ProductVariantFactory,
    SupplierFactory,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_triggers_get_an_apostrophe(value):
    assert neutralize_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Ball", "4.20", "", "'quoted", " =x", "100:4.2"])
def test_other_values_are_unchanged(value):
    assert neutralize_formula(value) == value


def export(supplier, file_format):
    stream = io.BytesIO()
    count = catalog_export(supplier=supplier, file_format=file_format, stream=stream)
    return count, stream.getvalue()


@pytest.mark.django_db
def test_csv_export_of_hostile_names():
    supplier = SupplierFactory()
    for index, title in enumerate(HOSTILE):
        ProductFactory(supplier=supplier, sku=f"H-{index}", title=title, description="=1+2")

    count, data = export(supplier, "csv")

    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert count == len(HOSTILE)
    assert [row["title"] for row in rows] == ["'" + title for title in HOSTILE]
    assert {row["description"] for row in rows} == {"'=1+2"}


@pytest.mark.django_db
def test_csv_export_quotes_every_field_so_a_semicolon_never_starts_a_cell():
    supplier = SupplierFactory()
    ProductFactory(supplier=supplier, sku="S-1", title='Ball;=HYPERLINK("http://evil.example")')

    _, data = export(supplier, "csv")

    header, line = data.decode().splitlines()[:2]
    assert header.startswith('"sku","variant_of","options","title",')
    assert line.startswith('"S-1","","","Ball;=HYPERLINK(""http://evil.example"")",')
    assert next(csv.reader([line]))[3] == 'Ball;=HYPERLINK("http://evil.example")'


@pytest.mark.django_db
def test_xlsx_export_writes_strings_never_formulas():
    supplier = SupplierFactory()
    for index, title in enumerate(HOSTILE):
        ProductFactory(supplier=supplier, sku=f"H-{index}", title=title)

    count, data = export(supplier, "xlsx")

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    titles = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert count == len(HOSTILE)
    assert [cell.data_type for cell in titles] == ["s"] * len(HOSTILE)
    assert [cell.value for cell in titles] == [
        "'" + title.replace("\r", "\n")
        for title in HOSTILE  # XML stores a CR as LF
    ]
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
def test_rows_in_the_import_format():
    supplier = SupplierFactory()
    product = ProductFactory(
        supplier=supplier,
        sku="BALL-5",
        title="Soccer ball",
        tiers=[(100, "4.2000"), (500, "3.9")],
        lead_time_days=15,
        lead_time_steps=[[1000, 30]],
        weight_kg=Decimal("0.4200"),
        attributes=[["Material", "PU"], ["Size", "5"]],
        certifications=["CE", "EN71"],
        sample_available=True,
        sample_price=Decimal("12.5000"),
        translations={"fr": {"title": "Ballon", "description": ""}},
    )
    ProductVariantFactory(product=product, sku="BALL-5-RED", options={"Color": "Red"}, stock=40)
    ProductFactory(sku="OTHER")  # another supplier's product is never exported

    count, data = export(supplier, "jsonl")

    lines = [json.loads(line) for line in data.decode().splitlines()]
    assert count == 2
    assert lines == [
        {
            "sku": "BALL-5",
            "title": "Soccer ball",
            "description": "Machine-stitched training ball.",
            "title_fr": "Ballon",
            "currency": "USD",
            "price_tiers": "100:4.2;500:3.9",
            "moq": "100",
            "order_multiple": "1",
            "unit": "piece",
            "lead_time_days": "1:15;1000:30",
            "hs_code": "950662",
            "origin_country": "CN",
            "weight_kg": "0.42",
            "certifications": "CE;EN71",
            "sample_price": "12.5",
            "attributes": "Material=PU;Size=5",
        },
        {"sku": "BALL-5-RED", "variant_of": "BALL-5", "options": "Color=Red", "stock": "40"},
    ]
