"""A quantity with its unit: the reader's plural and number grouping, in every language."""

import pytest
from django.utils import translation

from tradebridge.catalog.web.quantities import quantity_text, unit_name

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "quantity", "unit", "expected"),
    [
        ("en", 1, "piece", f"1{NBSP}piece"),
        ("en", 100, "piece", f"100{NBSP}pieces"),
        ("en", 1200, "box", f"1,200{NBSP}boxes"),
        ("en", 3, "kg", f"3{NBSP}kg"),
        ("fr", 1, "piece", f"1{NBSP}pièce"),
        ("fr", 100, "piece", f"100{NBSP}pièces"),
        ("de", 2, "pack", f"2{NBSP}Packungen"),
        ("es", 100, "pair", f"100{NBSP}pares"),
        ("zh-hans", 100, "piece", "100件"),
    ],
)
def test_a_quantity_takes_its_units_plural(
    language: str, quantity: int, unit: str, expected: str
) -> None:
    with translation.override(language):
        assert quantity_text(quantity, unit) == expected


def test_an_unknown_unit_is_shown_as_stored() -> None:
    assert unit_name("bale", 3) == "bale"
