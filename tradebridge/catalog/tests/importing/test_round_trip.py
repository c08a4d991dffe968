"""Export then import: every column survives, hostile cells included (X11 escape undone)."""

import io

import pytest

from tradebridge.catalog.exporting import catalog_export
from tradebridge.catalog.importing.readers import FileFormat
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.catalog.tests.importing.catalog_files import csv_bytes, run_import

pytestmark = pytest.mark.usefixtures("categories")

FULL_HEADER = [
    "sku",
    "variant_of",
    "options",
    "title",
    "description",
    "title_fr",
    "description_de",
    "category",
    "currency",
    "price_tiers",
    "moq",
    "order_multiple",
    "unit",
    "lead_time_days",
    "stock",
    "hs_code",
    "origin_country",
    "weight_kg",
    "length_cm",
    "width_cm",
    "height_cm",
    "units_per_carton",
    "certifications",
    "sample_price",
    "customization",
    "attributes",
]
FULL_ROWS = [
    [
        "BALL-5",
        "",
        "",
        "Soccer ball, size 5",
        "Machine-stitched\nbutyl bladder",
        "Ballon",
        "Fußball",
        "Sporting Goods > Athletics > Soccer > Soccer Balls",
        "EUR",
        "100:4.20;500:3.90;2000:3.5",
        "200",
        "10",
        "piece",
        "1:15;5000:30",
        "1200",
        "9506.62",
        "cn",
        "0.42",
        "22",
        "22",
        "22",
        "50",
        "CE;EN 71",
        "12",
        "logo;packaging",
        "Material=PU;Size=5",
    ],
    [
        "BALL-5-RED",
        "BALL-5",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "40",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "=HYPER-1",
        "",
        "",
        '=HYPERLINK("http://evil.example","x")',
        "@SUM(A1:A9)",
        "+33 1",
        "",
        "",
        "",
        "10:1",
        "",
        "",
        "kg",
        "7",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]
FULL_ROWS[1][2] = "Color=Red;Size=5"


def product_state(supplier):
    return [
        {
            field: getattr(product, field)
            for field in (
                "sku",
                "title",
                "description",
                "translations",
                "category_id",
                "currency",
                "moq",
                "order_multiple",
                "unit",
                "lead_time_days",
                "lead_time_steps",
                "stock",
                "hs_code",
                "origin_country",
                "weight_kg",
                "length_cm",
                "width_cm",
                "height_cm",
                "units_per_carton",
                "certifications",
                "sample_available",
                "sample_price",
                "customization",
                "attributes",
                "status",
            )
        }
        | {
            "tiers": list(product.tiers.values_list("min_quantity", "unit_price")),
            "variants": list(product.variants.values_list("sku", "options", "stock")),
        }
        for product in Product.objects.filter(supplier=supplier).order_by("sku")
    ]


@pytest.mark.parametrize("file_format", list(FileFormat))
def test_export_then_import_reproduces_the_catalog(team, file_format):
    first = run_import(team.supplier, csv_bytes(FULL_ROWS, FULL_HEADER))
    assert (first.created, first.errors) == (2, [])
    stream = io.BytesIO()
    catalog_export(supplier=team.supplier, file_format=file_format, stream=stream)
    twin = SupplierFactory.create(default_currency=team.supplier.default_currency)

    summary = run_import(twin, stream.getvalue(), file_format)

    assert (summary.processed_rows, summary.created, summary.errors) == (3, 2, [])
    assert product_state(twin) == product_state(team.supplier)
    hostile = Product.objects.get(supplier=twin, sku="=HYPER-1")
    assert hostile.title == '=HYPERLINK("http://evil.example","x")'


def test_reimporting_an_export_updates_nothing_but_counts(team):
    run_import(team.supplier, csv_bytes(FULL_ROWS, FULL_HEADER))
    before = product_state(team.supplier)
    stream = io.BytesIO()
    catalog_export(supplier=team.supplier, file_format="csv", stream=stream)

    summary = run_import(team.supplier, stream.getvalue())

    assert (summary.created, summary.updated, summary.error_count) == (0, 2, 0)
    assert product_state(team.supplier) == before
