"""Row parsing: every column's syntax, and errors that name line, column and reason."""

from decimal import Decimal

import pytest

from tradebridge.catalog.importing.rows import (
    ProductRow,
    RowContext,
    RowError,
    VariantRow,
    parse_row,
)
from tradebridge.catalog.pricing import Tier

CATEGORIES = {"499915": 499915, "sporting goods > athletics > soccer > soccer balls": 1111}
CONTEXT = RowContext(
    default_currency="CNY",
    category_id=lambda value: CATEGORIES.get(value.strip().lower()),
    is_currency=lambda code: code in {"EUR", "USD", "CNY"},
    is_country=lambda code: code in {"CN", "DE"},
    is_hs_code=lambda code: code[:6] == "950662",
)


def parse(**cells: str):
    return parse_row(7, {"sku": "B-1", "title": "Ball", "price_tiers": "100:4.20"} | cells, CONTEXT)


def test_a_full_row():
    row = parse(
        description="A ball",
        title_fr="Ballon",
        description_zh="足球",
        category="Sporting Goods > Athletics > Soccer > Soccer Balls",
        currency="usd",
        price_tiers="100:4.20; 500:3.90;2000:3.5",
        moq="200",
        unit="PCS",
        lead_time_days="1:15;1000:30",
        stock="0",
        hs_code="9506.62.00",
        origin_country="cn",
        weight_kg="0.42",
        length_cm="22",
        units_per_carton="50",
        certifications="CE;RoHS;CE",
        sample_price="0",
        customization="logo;packaging",
        attributes="Material=PU; Size=5",
        images="ball.jpg;ball-2.png",
    )

    assert row == ProductRow(
        line=7,
        sku="B-1",
        title="Ball",
        description="A ball",
        translations={
            "fr": {"title": "Ballon", "description": ""},
            "zh": {"title": "", "description": "足球"},
        },
        category_id=1111,
        currency="USD",
        tiers=(
            Tier(100, Decimal("4.20")),
            Tier(500, Decimal("3.90")),
            Tier(2000, Decimal("3.5")),
        ),
        moq=200,
        unit="piece",
        lead_time_days=15,
        lead_time_steps=((1, 15), (1000, 30)),
        stock=0,
        hs_code="95066200",
        origin_country="CN",
        weight_kg=Decimal("0.42"),
        length_cm=Decimal(22),
        units_per_carton=50,
        certifications=("CE", "RoHS"),
        sample_available=True,
        sample_price=Decimal(0),
        customization=("logo", "packaging"),
        attributes=(("Material", "PU"), ("Size", "5")),
        images=("ball.jpg", "ball-2.png"),
    )


def test_defaults():
    row = parse(category="499915", lead_time_days="20")

    assert isinstance(row, ProductRow)
    assert (row.currency, row.moq, row.unit, row.category_id) == ("CNY", 100, "piece", 499915)
    assert (row.lead_time_days, row.lead_time_steps, row.stock) == (20, (), None)
    assert (row.sample_available, row.sample_price) == (False, None)


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"sku": ""}, "sku", "required"),
        ({"title": ""}, "title", "required"),
        ({"price_tiers": ""}, "price_tiers", "required"),
        ({"price_tiers": "100:4,20"}, "price_tiers", "4,20 is not a number"),
        ({"price_tiers": "100"}, "price_tiers", "'100' is not quantity:value"),
        ({"price_tiers": "100:4;50:3"}, "price_tiers", "Tier quantities must be strictly"),
        ({"price_tiers": "100:4;500:5"}, "price_tiers", "A larger quantity cannot cost"),
        ({"price_tiers": "100:0"}, "price_tiers", "a unit price must be more than 0"),
        ({"price_tiers": "100:-1"}, "price_tiers", "-1 is not a positive number"),
        ({"price_tiers": "100:NaN"}, "price_tiers", "NaN is not a positive number"),
        ({"price_tiers": "1e400:1"}, "price_tiers", "1e400 is not a whole number"),
        ({"moq": "50"}, "moq", "below the first price tier (100)"),
        ({"moq": "0"}, "moq", "must be at least 1"),
        ({"moq": "ten"}, "moq", "ten is not a whole number"),
        ({"category": "Sporting Goods > Nope"}, "category", "unknown category"),
        ({"category": "123"}, "category", "unknown category"),
        ({"currency": "XXX"}, "currency", "XXX is not an ISO 4217"),
        ({"origin_country": "ZZ"}, "origin_country", "ZZ is not an ISO 3166"),
        ({"hs_code": "12ab"}, "hs_code", "an HS code has 6 to 10 digits"),
        ({"hs_code": "999999"}, "hs_code", "999999 is not in the HS 2022"),
        ({"unit": "barrel"}, "unit", "unknown unit 'barrel'"),
        ({"lead_time_days": "100:30;1000:10"}, "lead_time_days", "A larger quantity cannot"),
        ({"stock": "-1"}, "stock", "-1 is not a whole number"),
        ({"weight_kg": "0.12345"}, "weight_kg", "at most 4 decimal places"),
        ({"attributes": "Material"}, "attributes", "'Material' is not Name=Value"),
        ({"images": "https://evil.example/x.jpg"}, "images", "image URLs are not supported"),
        ({"images": "file:///etc/passwd"}, "images", "image URLs are not supported"),
        ({"title_fr": "x" * 301}, "title_fr", "longer than 300 characters"),
        ({"sku": "A\tB"}, "sku", "contains control characters"),
    ],
)
def test_row_errors_name_their_column(cells, column, reason):
    errors = parse(**cells)

    assert isinstance(errors, list)
    assert [(error.line, error.column) for error in errors] == [(7, column)]
    assert errors[0].reason.startswith(reason), errors[0].reason


def test_every_error_of_a_row_is_reported():
    errors = parse(title="", moq="x", currency="ABC")

    assert errors == [
        RowError(7, "title", "required"),
        RowError(7, "currency", "ABC is not an ISO 4217 currency code"),
        RowError(7, "moq", "x is not a whole number"),
    ]


def test_a_variant_row():
    row = parse_row(
        9,
        {
            "sku": "B-1-M",
            "title": "",
            "variant_of": "B-1",
            "options": "Size=M;Color=Red",
            "stock": "40",
        },
        CONTEXT,
    )

    assert row == VariantRow(9, "B-1-M", "B-1", {"Size": "M", "Color": "Red"}, 40)


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"options": ""}, "options"),
        ({"options": "Size=M;Size=L"}, "options"),
        ({"variant_of": "B-1-M"}, "variant_of"),
    ],
)
def test_bad_variant_rows(cells, column):
    errors = parse_row(
        9, {"sku": "B-1-M", "variant_of": "B-1", "options": "Size=M"} | cells, CONTEXT
    )

    assert isinstance(errors, list)
    assert [error.column for error in errors] == [column]
