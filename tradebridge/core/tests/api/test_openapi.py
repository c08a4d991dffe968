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
