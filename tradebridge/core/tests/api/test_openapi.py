"""The OpenAPI document describes every error an operation can answer, with one Error schema."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ERROR = {"$ref": "#/components/schemas/Error"}


@pytest.fixture(scope="module")
def document(django_db_blocker) -> dict[str, Any]:
    with django_db_blocker.unblock():
        body: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return body


def statuses(document, method: str, path: str) -> list[str]:
    return sorted(document["paths"][f"/api/v1{path}"][method]["responses"])


def test_the_error_schema_is_the_shape_every_error_has(document):
    error = document["components"]["schemas"]["Error"]

    assert error["required"] == ["code", "message", "details"]
    assert set(error["properties"]) == {"code", "message", "details"}


def test_an_authenticated_idempotent_write_documents_every_error_it_can_answer(document):
    operation = document["paths"]["/api/v1/companies/{company_id}/products"]["post"]

    assert sorted(operation["responses"]) == [
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
        "413",
        "422",
    ]
    assert operation["responses"]["409"]["content"]["application/json"]["schema"] == ERROR
    header = next(p for p in operation["parameters"] if p["in"] == "header")
    assert header["name"] == "Idempotency-Key"
    assert header["schema"] == {"type": "string", "minLength": 1, "maxLength": 255}


def test_a_public_read_has_no_authentication_errors(document):
    assert statuses(document, "get", "/products/{product_id}") == ["200", "404", "422"]


def test_an_authenticated_read_without_parameters_can_only_be_refused(document):
    assert statuses(document, "get", "/me") == ["200", "401"]


def test_a_delete_documents_no_body_errors(document):
    path = "/companies/{company_id}/products/{product_id}"

    assert statuses(document, "delete", path) == ["204", "401", "403", "404", "422"]


def test_every_error_response_refers_to_the_error_schema(document):
    for methods in document["paths"].values():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert response["content"]["application/json"]["schema"] == ERROR


def _free_strings(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [found for item in node for found in _free_strings(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if node.get("type") == "string" and not {"enum", "format"} & node.keys() else []
    return own + [found for value in node.values() for found in _free_strings(value)]


def test_every_text_of_an_input_body_says_it_cannot_hold_nul(document):
    """The server refuses NUL in any input text (PostgreSQL cannot store it): the document
    says so, or a client (schemathesis) sends it as valid and meets a 422."""
    inputs = {
        name: schema
        for name, schema in document["components"]["schemas"].items()
        if name.endswith("In")
    }
    texts = [text for schema in inputs.values() for text in _free_strings(schema)]

    assert len(texts) > 20
    assert [text for text in texts if "pattern" not in text] == []
    assert inputs["VariantIn"]["properties"]["options"]["propertyNames"]["pattern"] == (
        "^[^\\x00]*$"
    )
