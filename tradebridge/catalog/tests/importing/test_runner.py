"""The importer: good rows land, bad rows are reported, re-import updates, dry run is exact."""

from decimal import Decimal

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.importing.readers import FileFormat
from tradebridge.catalog.models import PriceTier, Product, ProductImage, ProductVariant
from tradebridge.catalog.tests.importing.catalog_files import (
    GOOD,
    HEADER,
    csv_bytes,
    jsonl_bytes,
    run_import,
    xlsx_bytes,
)

pytestmark = pytest.mark.usefixtures("categories")


def snapshot(supplier):
    products = Product.objects.filter(supplier=supplier).order_by("sku")
    return [
        (
            product.sku,
            product.title,
            product.category_id,
            product.moq,
            product.lead_time_days,
            product.lead_time_steps,
            product.stock,
            product.status,
            [
                (tier.min_quantity, tier.unit_price)
                for tier in product.tiers.order_by("min_quantity")
            ],
            sorted((v.sku, tuple(v.options.items()), v.stock) for v in product.variants.all()),
        )
        for product in products
    ]


@pytest.mark.parametrize(
    "data",
    [
        (csv_bytes(GOOD), FileFormat.CSV),
        (xlsx_bytes(GOOD), FileFormat.XLSX),
        (jsonl_bytes(GOOD), FileFormat.JSONL),
    ],
    ids=["csv", "xlsx", "jsonl"],
)
def test_every_format_imports_the_same_products(team, data):
    summary = run_import(team.supplier, data[0], data[1])

    assert (summary.processed_rows, summary.created, summary.updated) == (2, 2, 0)
    assert summary.errors == []
    assert snapshot(team.supplier) == [
        (
            "BALL-5",
            "Soccer ball",
            1112,
            100,
            15,
            [],
            1200,
            ProductStatus.DRAFT,
            [(100, Decimal("4.2000")), (500, Decimal("3.9000"))],
            [],
        ),
        (
            "NET-1",
            "Goal net",
            1111,
            20,
            10,
            [[1, 10], [500, 20]],
            None,
            ProductStatus.DRAFT,
            [(10, Decimal("30.0000"))],
            [],
        ),
    ]


def test_bad_rows_are_reported_and_good_rows_land(team):
    rows = [
        GOOD[0],
        ["BAD-TIERS", "Ball", "1112", "100:4;500:5", "", "", ""],
        ["BAD-CAT", "Ball", "Sporting Goods > Nowhere", "10:1", "", "", ""],
        ["BALL-5", "Again", "1112", "10:1", "", "", ""],
        GOOD[1],
        ["NO-TITLE", "", "", "10:1", "", "", ""],
    ]

    summary = run_import(team.supplier, csv_bytes(rows))

    assert (summary.processed_rows, summary.created, summary.error_count) == (6, 2, 4)
    assert [(error.line, error.column) for error in summary.errors] == [
        (3, "price_tiers"),
        (4, "category"),
        (5, "sku"),
        (7, "title"),
    ]
    assert summary.errors[2].reason == "duplicate sku in file (first at line 2)"
    assert sorted(Product.objects.values_list("sku", flat=True)) == ["BALL-5", "NET-1"]


def test_reimport_updates_in_place_by_sku(team):
    run_import(team.supplier, csv_bytes(GOOD))
    ids = dict(Product.objects.values_list("sku", "id"))
    changed = [["BALL-5", "Match ball", "1112", "50:5.00", "", "20", "0"], GOOD[1]]

    summary = run_import(team.supplier, csv_bytes(changed))

    assert (summary.created, summary.updated, summary.error_count) == (0, 2, 0)
    assert dict(Product.objects.values_list("sku", "id")) == ids
    ball = Product.objects.get(sku="BALL-5")
    assert (ball.title, ball.moq, ball.lead_time_days, ball.stock) == ("Match ball", 50, 20, 0)
    assert list(ball.tiers.values_list("min_quantity", "unit_price")) == [(50, Decimal("5.0000"))]
    assert PriceTier.objects.count() == 2


def test_a_dry_run_reports_exactly_and_changes_nothing(team, changed):
    run_import(team.supplier, csv_bytes([GOOD[0]]))
    before = snapshot(team.supplier)
    changed.clear()
    rows = [
        ["BALL-5", "Renamed", "1112", "10:1", "", "", ""],
        GOOD[1],
        ["X", "", "", "", "", "", ""],
    ]

    summary = run_import(team.supplier, csv_bytes(rows), dry_run=True)

    assert (summary.created, summary.updated, summary.error_count) == (1, 1, 2)
    assert snapshot(team.supplier) == before
    assert changed == []


def test_variant_rows_follow_their_product(team):
    header = [*HEADER, "variant_of", "options"]
    rows = [
        [*GOOD[0], "", ""],
        ["BALL-5-RED", "", "", "", "", "", "40", "BALL-5", "Color=Red"],
        ["BALL-5-BLUE", "", "", "", "", "", "", "BALL-5", "Color=Blue"],
        [*GOOD[1], "", ""],
        ["BALL-5-GREEN", "", "", "", "", "", "", "BALL-5", "Color=Green"],
        ["NET-1-L", "", "", "", "", "", "", "NET-1", ""],
        ["BAD", "Ball", "", "100:0", "", "", "", "", ""],
        ["BAD-V", "", "", "", "", "", "", "BAD", "Size=L"],
        ["NET-1-XL", "", "", "", "", "", "", "NET-1", "Size=XL"],
    ]

    summary = run_import(team.supplier, csv_bytes(rows, header))

    assert [(error.line, error.column, error.reason) for error in summary.errors] == [
        (6, "variant_of", "a variant row must directly follow its product's row"),
        (7, "options", "required for a variant row"),
        (8, "price_tiers", "a unit price must be more than 0"),
        (9, "variant_of", "the row of product BAD has errors"),
        (10, "variant_of", "a variant row must directly follow its product's row"),
    ]
    assert sorted(ProductVariant.objects.values_list("sku", "stock")) == [
        ("BALL-5-BLUE", None),
        ("BALL-5-RED", 40),
    ]


def test_a_variant_sku_taken_by_another_product_is_a_row_error(team):
    run_import(team.supplier, csv_bytes(GOOD))
    header = [*HEADER, "variant_of", "options"]
    rows = [[*GOOD[0], "", ""], ["NET-1", "", "", "", "", "", "", "BALL-5", "Size=5"]]

    summary = run_import(team.supplier, csv_bytes(rows, header))

    assert summary.error_count == 1
    assert summary.errors[0].line == 2
    assert not ProductVariant.objects.exists()


def test_without_a_zip_the_images_column_is_left_alone(team):
    header = [*HEADER, "images"]

    summary = run_import(team.supplier, csv_bytes([[*GOOD[0], "ball.jpg"]], header))

    assert (summary.created, summary.error_count) == (1, 0)
    assert not ProductImage.objects.exists()


def test_progress_is_reported_per_batch(team):
    rows = [[f"SKU-{n}", "Ball", "", "10:1", "", "", ""] for n in range(25)]
    seen = []

    run_import(
        team.supplier,
        csv_bytes(rows),
        batch_rows=10,
        on_progress=lambda summary: seen.append((summary.processed_rows, summary.finished)),
    )

    assert seen == [(10, False), (20, False), (25, False), (25, True)]
    assert Product.objects.count() == 25


def test_the_catalog_s_own_checks_become_row_errors_one_per_column(team):
    header = [*HEADER, "length_cm", "certifications"]
    rows = [[*GOOD[0], "22.123", "CE;ce"], GOOD[1]]

    summary = run_import(team.supplier, csv_bytes(rows, header))

    assert [(error.line, error.column) for error in summary.errors] == [
        (2, "length_cm"),
        (2, "certifications"),
    ]
    assert summary.errors[1].reason == "An item is listed twice."
    assert list(Product.objects.values_list("sku", flat=True)) == ["NET-1"]


def test_a_hostile_jsonl_line_is_a_row_error_and_the_rest_of_the_file_imports(team):
    data = jsonl_bytes(GOOD[:1]) + b"[" * 100_000 + b"\n" + jsonl_bytes(GOOD[1:])

    summary = run_import(team.supplier, data, FileFormat.JSONL)

    assert (summary.processed_rows, summary.created, summary.error_count) == (3, 2, 1)
    assert [error.as_json() for error in summary.errors] == [
        {"line": 2, "column": "", "reason": "nested deeper than 8 levels"}
    ]
    assert [row[0] for row in snapshot(team.supplier)] == ["BALL-5", "NET-1"]
