"""`one_of`: the enum a parameter publishes is exactly what it accepts."""

from typing import Annotated

import pytest
from ninja import Schema
from pydantic import ValidationError

from tradebridge.core.api.params import one_of


class CurrencyIn(Schema):
    currency: Annotated[str, one_of(["EUR", "USD"], any_case=True, description="ISO 4217.")]


def test_the_published_enum_lists_every_accepted_value():
    schema = CurrencyIn.model_json_schema()["properties"]["currency"]

    assert schema == {
        "type": "string",
        "enum": ["EUR", "USD", "eur", "usd"],
        "description": "ISO 4217.",
        "title": "Currency",
    }


@pytest.mark.parametrize("value", ["EUR", "USD", "eur", "usd"])
def test_each_listed_value_is_accepted_as_sent(value):
    assert CurrencyIn(currency=value).currency == value


@pytest.mark.parametrize("value", ["Eur", " EUR", "GBP", ""])
def test_a_value_outside_the_enum_is_refused(value):
    with pytest.raises(ValidationError) as refused:
        CurrencyIn(currency=value)

    assert refused.value.errors()[0]["type"] == "one_of"
