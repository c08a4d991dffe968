"""The OpenAPI document is JSON that every parser reads alike: no object repeats a key.

Python's json keeps the last of two equal keys; the API docs page's YAML parser refuses the
document (a response declared both by ninja, as the integer 200, and in `openapi_extra`, as
the string "200", once printed two "200" keys and left /api/v1/docs blank)."""

import json

import pytest
from django.test import Client


@pytest.mark.django_db
def test_no_object_of_the_document_repeats_a_key() -> None:
    repeated: list[str] = []

    def keep(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    response = Client().get("/api/v1/openapi.json")
    json.loads(response.content, object_pairs_hook=keep)

    assert response.status_code == 200
    assert repeated == []


_PYDANTIC_ONLY = {"ge", "le", "gt", "lt", "multiple_of", "min_length", "max_length"}


@pytest.mark.django_db
def test_every_bound_is_written_as_json_schema_writes_it() -> None:
    """A bound pydantic could not put in JSON Schema comes out under its own name ("ge",
    "le"), which no client reads: the schema then allows what the API refuses (a -961 %
    deposit, seen by schemathesis). Every bound must be `minimum`, `maxLength`..."""
    misnamed: list[str] = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            if node.get("type") in {"integer", "number", "string", "array"}:
                misnamed.extend(f"{path}.{key}" for key in _PYDANTIC_ONLY & node.keys())
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    response = Client().get("/api/v1/openapi.json")
    walk(response.json(), "$")

    assert misnamed == []
