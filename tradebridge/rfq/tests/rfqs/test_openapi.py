"""Every RFQ operation is in the OpenAPI document, described, with the errors it can answer."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

RFQ = "/api/v1/rfqs/{rfq_id}"
OPERATIONS = {
    ("post", "/api/v1/rfqs"): {"401", "403", "422", "429"},
    ("get", "/api/v1/rfqs"): {"401", "422"},
    ("get", RFQ): {"401", "404"},
    ("patch", RFQ): {"401", "403", "404", "409", "422"},
    ("post", f"{RFQ}/open"): {"401", "403", "404", "409", "422"},
    ("post", f"{RFQ}/close"): {"401", "403", "404", "409"},
    ("post", f"{RFQ}/cancel"): {"401", "403", "404", "409"},
    ("post", f"{RFQ}/attachments"): {"401", "403", "404", "409", "413", "422"},
    ("get", f"{RFQ}/attachments"): {"401", "404"},
    ("get", "/api/v1/rfq-files/{token}"): {"401", "404"},
}


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        document: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return document


@pytest.mark.parametrize(("key", "statuses"), OPERATIONS.items())
def test_each_operation_is_documented_with_its_errors(
    schema: dict[str, Any], key: tuple[str, str], statuses: set[str]
) -> None:
    method, path = key
    operation = schema["paths"][path][method]

    assert len(operation["description"]) > 40
    assert "rfq" in operation["tags"]
    assert statuses <= set(operation["responses"])
    for status in statuses:
        content = operation["responses"][status]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/Error"}


def test_creating_posts_take_an_idempotency_key(schema: dict[str, Any]) -> None:
    for path in ("/api/v1/rfqs", f"{RFQ}/attachments"):
        names = [parameter["name"] for parameter in schema["paths"][path]["post"]["parameters"]]
        assert "Idempotency-Key" in names


def test_the_read_answers_either_view(schema: dict[str, Any]) -> None:
    answer = schema["paths"][RFQ]["get"]["responses"]["200"]["content"]["application/json"]

    refs = {option["$ref"].rsplit("/", 1)[1] for option in answer["schema"]["anyOf"]}
    assert refs == {"RFQOut", "SupplierRFQOut"}
    supplier_view = schema["components"]["schemas"]["SupplierRFQOut"]["properties"]
    assert "invitations" not in supplier_view


def test_inputs_forbid_unknown_fields(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]

    for name in ("RFQCreateIn", "RFQPatchIn", "RFQOpenIn"):
        assert components[name]["additionalProperties"] is False
