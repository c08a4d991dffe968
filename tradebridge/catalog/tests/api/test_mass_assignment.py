"""Attack case X9: fields a supplier must not set through the API are refused, not ignored,
and a refused request changes nothing."""

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.api.helpers import client_as, product_body, snapshot
from tradebridge.catalog.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

FORBIDDEN_FIELDS = [
    ("status", "published"),
    ("status_reason", ""),
    ("published_at", "2020-01-01T00:00:00Z"),
    ("supplier", "OTHER"),
    ("supplier_id", "OTHER"),
    ("min_unit_price", "0.01"),
    ("max_unit_price", "0.01"),
    ("id", "00000000-0000-0000-0000-000000000001"),
    ("created_at", "2020-01-01T00:00:00Z"),
]


@pytest.fixture
def draft(team) -> Product:
    return ProductFactory.create(
        supplier=team.supplier, sku="DRAFT-1", status=ProductStatus.DRAFT, published_at=None
    )


def _value(team, value: str) -> str:
    return str(team.other_supplier.id) if value == "OTHER" else value


@pytest.mark.parametrize(("field", "value"), FORBIDDEN_FIELDS)
def test_patch_with_a_forbidden_field_is_a_422_and_changes_nothing(team, draft, field, value):
    before = snapshot(draft)

    response = client_as(team, "owner").patch(
        f"/api/v1/companies/{team.supplier.id}/products/{draft.id}",
        {"title": "Sneaky", field: _value(team, value)},
        content_type="application/json",
    )

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert any(error["type"] == "extra_forbidden" for error in body["details"]["errors"])
    assert snapshot(draft) == before


@pytest.mark.parametrize(("field", "value"), FORBIDDEN_FIELDS)
def test_create_with_a_forbidden_field_is_a_422_and_creates_nothing(team, categories, field, value):
    response = client_as(team, "owner").post(
        f"/api/v1/companies/{team.supplier.id}/products",
        product_body(**{field: _value(team, value)}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    "nested",
    [
        {"tiers": [{"min_quantity": 10, "unit_price": "1.00", "product_id": "x"}]},
        {"variants": [{"sku": "V", "options": {"Size": "M"}, "product": "x"}]},
        {"translations": {"fr": {"title": "T", "status": "published"}}},
        {"attributes": [{"name": "a", "value": "b", "extra": "c"}]},
    ],
)
def test_unknown_fields_inside_nested_objects_are_refused_too(team, draft, nested):
    before = snapshot(draft)

    response = client_as(team, "owner").patch(
        f"/api/v1/companies/{team.supplier.id}/products/{draft.id}",
        nested,
        content_type="application/json",
    )

    assert response.status_code == 422
    assert snapshot(draft) == before


@pytest.mark.parametrize(
    "price",
    [4.2, "4.2e1", "NaN", "-1.00", "1.00001", "1,00", " ", "Infinity", 10**30],
)
def test_amounts_are_decimal_strings_only(team, draft, price):
    """A JSON number would be parsed as a float first: refused, as is anything but a plain
    non-negative decimal with up to four places."""
    before = snapshot(draft)

    response = client_as(team, "owner").patch(
        f"/api/v1/companies/{team.supplier.id}/products/{draft.id}",
        {"tiers": [{"min_quantity": 10, "unit_price": price}]},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert snapshot(draft) == before


def test_moving_a_product_to_another_supplier_through_the_url_is_impossible(team, draft):
    """The company in the path is the caller's own; another company's id is a 404."""
    before = snapshot(draft)

    response = client_as(team, "owner").patch(
        f"/api/v1/companies/{team.other_supplier.id}/products/{draft.id}",
        {"title": "Moved"},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert snapshot(draft) == before
