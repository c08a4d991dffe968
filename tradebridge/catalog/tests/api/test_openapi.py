"""Every catalog operation is in the OpenAPI document, described, with its parameters."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

OPERATIONS = [
    ("get", "/api/v1/companies/{company_id}/products"),
    ("post", "/api/v1/companies/{company_id}/products"),
    ("get", "/api/v1/companies/{company_id}/products/{product_id}"),
    ("patch", "/api/v1/companies/{company_id}/products/{product_id}"),
    ("delete", "/api/v1/companies/{company_id}/products/{product_id}"),
    ("post", "/api/v1/companies/{company_id}/products/{product_id}/publish"),
    ("post", "/api/v1/companies/{company_id}/products/{product_id}/unpublish"),
    ("post", "/api/v1/companies/{company_id}/products/{product_id}/images"),
    ("delete", "/api/v1/companies/{company_id}/products/{product_id}/images/{image_id}"),
    ("get", "/api/v1/products/{product_id}"),
    ("get", "/api/v1/products/{product_id}/price"),
    ("get", "/api/v1/suppliers/{slug}"),
    ("get", "/api/v1/categories"),
]
PUBLIC = {path for method, path in OPERATIONS if not path.startswith("/api/v1/companies")}


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict[str, Any]:
    with django_db_blocker.unblock():
        document: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return document


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_each_operation_is_documented(schema, method, path):
    operation = schema["paths"][path][method]

    assert operation["description"] or operation["summary"]
    assert len(operation.get("description", "")) > 20
    assert any(tag.startswith("catalog") for tag in operation["tags"])
    assert ("security" not in operation) == (path in PUBLIC)


def test_the_price_operation_documents_quantity_and_currency(schema):
    parameters = schema["paths"]["/api/v1/products/{product_id}/price"]["get"]["parameters"]

    names = {parameter["name"]: parameter for parameter in parameters}
    assert names["quantity"]["required"] is True
    assert names["currency"]["required"] is False
    assert names["currency"]["description"]


def test_inputs_forbid_unknown_fields(schema):
    components = schema["components"]["schemas"]

    for name in ("ProductCreateIn", "ProductPatchIn", "TierIn", "VariantIn"):
        assert components[name]["additionalProperties"] is False


def test_the_image_upload_is_multipart(schema):
    body = schema["paths"]["/api/v1/companies/{company_id}/products/{product_id}/images"]["post"][
        "requestBody"
    ]

    assert "multipart/form-data" in body["content"]
