"""Supplier CRUD of its own products: the authorization matrix, with nothing changed on a
denial, and the behaviour of each route."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.api.helpers import (
    MEMBERS,
    READ_ONLY,
    assert_denial,
    client_as,
    matrix,
    product_body,
    snapshot,
)
from tradebridge.catalog.tests.factories import ProductFactory, ProductVariantFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.tests.factories import issue_api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(team) -> Product:
    """A draft of supplier A, with a variant."""
    made = ProductFactory.create(
        supplier=team.supplier, sku="OWN-1", status=ProductStatus.DRAFT, published_at=None
    )
    ProductVariantFactory.create(product=made, sku="OWN-1-RED", options={"Color": "Red"})
    return made


def url(team, actor: str, suffix: str = "") -> str:
    """Supplier A's products URL, whoever calls it (strangers aim at supplier A too)."""
    return f"/api/v1/companies/{team.supplier.id}/products{suffix}"


@pytest.mark.parametrize(("actor", "status"), matrix(200, writers_only=False))
def test_list_matrix(team, product, actor, status):
    ProductFactory.create(supplier=team.other_supplier, sku="THEIRS")

    response = client_as(team, actor).get(url(team, actor))

    if status == 200:
        body = response.json()
        assert response.status_code == 200
        assert body["count"] == 1
        assert [item["sku"] for item in body["results"]] == ["OWN-1"]
        assert body["results"][0]["status"] == "draft"
    else:
        assert_denial(response, status)


@pytest.mark.parametrize(("actor", "status"), matrix(200, writers_only=False))
def test_read_matrix(team, product, actor, status):
    response = client_as(team, actor).get(url(team, actor, f"/{product.id}"))

    if status == 200:
        assert response.status_code == 200
        assert response.json()["sku"] == "OWN-1"
        assert response.json()["variants"][0]["sku"] == "OWN-1-RED"
    else:
        assert_denial(response, status)


@pytest.mark.parametrize(("actor", "status"), matrix(201))
def test_create_matrix(team, categories, actor, status):
    response = client_as(team, actor).post(
        url(team, actor), product_body(), content_type="application/json"
    )

    if status == 201:
        body = response.json()
        assert response.status_code == 201
        assert body["status"] == "draft"
        assert body["supplier"]["slug"] == "xiamen-balls"
        assert Product.objects.get(id=body["id"]).supplier_id == team.supplier.id
    else:
        assert_denial(response, status)
        assert not Product.objects.exists()


@pytest.mark.parametrize(("actor", "status"), matrix(200))
def test_patch_matrix(team, product, actor, status):
    before = snapshot(product)

    response = client_as(team, actor).patch(
        url(team, actor, f"/{product.id}"),
        {"title": "Renamed ball", "tiers": [{"min_quantity": 50, "unit_price": "9.99"}]},
        content_type="application/json",
    )

    if status == 200:
        assert response.status_code == 200
        assert response.json()["title"] == "Renamed ball"
        product.refresh_from_db()
        assert product.title == "Renamed ball"
        assert str(product.min_unit_price) == "9.9900"
    else:
        assert_denial(response, status)
        assert snapshot(product) == before


@pytest.mark.parametrize(("actor", "status"), matrix(204))
def test_delete_matrix(team, product, actor, status):
    before = snapshot(product)

    response = client_as(team, actor).delete(url(team, actor, f"/{product.id}"))

    if status == 204:
        assert response.status_code == 204
        assert not Product.objects.filter(id=product.id).exists()
    else:
        assert_denial(response, status)
        assert snapshot(product) == before


@pytest.mark.parametrize(("actor", "status"), matrix(200))
@pytest.mark.parametrize("verb", ["publish", "unpublish"])
def test_status_matrix(team, product, actor, status, verb):
    if verb == "unpublish":
        Product.objects.filter(id=product.id).update(status=ProductStatus.PENDING_REVIEW)
    before = snapshot(product)

    response = client_as(team, actor).post(url(team, actor, f"/{product.id}/{verb}"))

    if status == 200:
        expected = "pending_review" if verb == "publish" else "draft"
        assert response.status_code == 200
        assert response.json()["status"] == expected
        assert Product.objects.get(id=product.id).status == expected
    else:
        assert_denial(response, status)
        assert snapshot(product) == before


@pytest.mark.parametrize("actor", MEMBERS)
def test_another_suppliers_product_is_not_found_through_your_own_company(team, actor):
    """Routes under your own company id never reach another supplier's product."""
    theirs = ProductFactory.create(supplier=team.other_supplier, status=ProductStatus.DRAFT)
    before = snapshot(theirs)
    client = client_as(team, actor)
    base = url(team, actor, f"/{theirs.id}")

    responses = [
        client.get(base),
        client.patch(base, {"title": "Mine now"}, content_type="application/json"),
        client.delete(base),
        client.post(f"{base}/publish"),
        client.post(f"{base}/unpublish"),
    ]

    for response in responses:
        # DELETE and the status POSTs check the role first (a read-only member gets 403 for
        # any id, so learns nothing); GET and PATCH (which reads to merge) look it up first.
        role_first = response.request["REQUEST_METHOD"] in ("DELETE", "POST")
        assert_denial(response, 403 if actor in READ_ONLY and role_first else 404)
    assert snapshot(theirs) == before


def test_a_business_verified_supplier_publishes_at_once(team, product):
    team.supplier.verification_level = VerificationLevel.BUSINESS_VERIFIED
    team.supplier.save(update_fields=["verification_level"])

    response = client_as(team, "sales").post(url(team, "sales", f"/{product.id}/publish"))

    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert response.json()["published_at"] is not None


def test_publishing_a_suspended_product_is_a_409(team, product):
    Product.objects.filter(id=product.id).update(
        status=ProductStatus.SUSPENDED, status_reason="Counterfeit logo"
    )

    response = client_as(team, "owner").post(url(team, "owner", f"/{product.id}/publish"))

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert Product.objects.get(id=product.id).status == ProductStatus.SUSPENDED


def test_the_supplier_sees_why_its_product_was_suspended(team, product):
    Product.objects.filter(id=product.id).update(
        status=ProductStatus.SUSPENDED, status_reason="Counterfeit logo"
    )

    body = client_as(team, "viewer").get(url(team, "viewer", f"/{product.id}")).json()

    assert (body["status"], body["status_reason"]) == ("suspended", "Counterfeit logo")


def test_a_buyer_company_cannot_create_products_for_itself(team, categories):
    response = client_as(team, "buyer_owner").post(
        f"/api/v1/companies/{team.buyer.id}/products",
        product_body(),
        content_type="application/json",
    )

    assert_denial(response, 403)
    assert not Product.objects.exists()


def test_a_bearer_token_acts_for_its_own_company_only(team, product):
    token = issue_api_token(team.other_owner).token
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()

    assert_denial(client.get(url(team, "x", f"/{product.id}"), headers=headers), 404)
    own = client.get(f"/api/v1/companies/{team.other_supplier.id}/products", headers=headers)
    assert own.status_code == 200
    assert own.json()["count"] == 0


def test_create_round_trips_every_field(team, categories):
    response = client_as(team, "owner").post(
        url(team, "owner"), product_body(), content_type="application/json"
    )

    body = response.json()
    assert response.status_code == 201
    assert body["tiers"] == [
        {"min_quantity": 100, "unit_price": {"amount": "4.20", "currency": "USD"}},
        {"min_quantity": 500, "unit_price": {"amount": "3.90", "currency": "USD"}},
        {"min_quantity": 2000, "unit_price": {"amount": "3.50", "currency": "USD"}},
    ]
    assert (body["moq"], body["order_multiple"]) == (100, 1)
    assert body["min_unit_price"] == {"amount": "3.50", "currency": "USD"}
    assert body["max_unit_price"] == {"amount": "4.20", "currency": "USD"}
    assert body["category"]["path"] == "Sporting Goods > Athletics > Soccer > Soccer Balls"
    assert body["hs_code"] == "950662"
    assert body["sample_price"] == {"amount": "12.00", "currency": "USD"}
    assert (body["weight_kg"], body["length_cm"]) == ("0.42", "22")
    assert body["lead_time_steps"] == [{"min_quantity": 5000, "days": 30}]
    assert body["attributes"] == [
        {"name": "Material", "value": "PU"},
        {"name": "Size", "value": "5"},
    ]
    assert [v["sku"] for v in body["variants"]] == ["BALL-5-RED", "BALL-5-BLUE"]
    assert body["translations"]["fr"]["title"] == "Ballon de football en cuir PU, taille 5"
    assert body["ready_to_ship"] is True


def test_patch_changes_only_the_fields_sent(team, categories):
    client = client_as(team, "owner")
    created = client.post(url(team, "owner"), product_body(), content_type="application/json")
    product_id = created.json()["id"]

    response = client.patch(
        url(team, "owner", f"/{product_id}"),
        {"stock": None, "category_id": None, "description": "Hand-stitched."},
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 200
    assert (body["stock"], body["category"], body["description"]) == (None, None, "Hand-stitched.")
    assert body["ready_to_ship"] is False
    unchanged = {
        k: v
        for k, v in created.json().items()
        if k not in {"stock", "category", "description", "ready_to_ship", "updated_at", "variants"}
    }
    assert {k: body[k] for k in unchanged} == unchanged
    assert [v["sku"] for v in body["variants"]] == ["BALL-5-RED", "BALL-5-BLUE"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {
                "tiers": [
                    {"min_quantity": 100, "unit_price": "3"},
                    {"min_quantity": 50, "unit_price": "2"},
                ]
            },
            "tiers",
        ),
        (
            {
                "tiers": [
                    {"min_quantity": 100, "unit_price": "3"},
                    {"min_quantity": 500, "unit_price": "4"},
                ]
            },
            "tiers",
        ),
        ({"hs_code": "0000.00"}, "hs_code"),
        ({"currency": "ABC"}, "currency"),
        ({"origin_country": "XX"}, "origin_country"),
        ({"category_id": 999999999}, "category"),
    ],
)
def test_a_rule_broken_by_a_patch_is_a_422_naming_the_field_and_nothing_changes(
    team, product, changes, field
):
    before = snapshot(product)

    response = client_as(team, "owner").patch(
        url(team, "owner", f"/{product.id}"), changes, content_type="application/json"
    )

    assert response.status_code == 422, response.content
    assert response.json()["details"]["field"] == field
    assert snapshot(product) == before


def test_a_duplicate_sku_is_a_409(team, product, categories):
    response = client_as(team, "owner").post(
        url(team, "owner"), product_body(sku="OWN-1", variants=[]), content_type="application/json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_sku"
    assert Product.objects.count() == 1


def test_another_suppliers_sku_is_free_to_use(team, categories):
    ProductFactory.create(supplier=team.other_supplier, sku="BALL-5")

    response = client_as(team, "owner").post(
        url(team, "owner"), product_body(), content_type="application/json"
    )

    assert response.status_code == 201


def test_create_replays_with_the_same_idempotency_key(team, categories):
    client = client_as(team, "owner")
    headers = {"Idempotency-Key": "create-ball-5"}

    first = client.post(
        url(team, "owner"), product_body(), content_type="application/json", headers=headers
    )
    second = client.post(
        url(team, "owner"), product_body(), content_type="application/json", headers=headers
    )

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Product.objects.count() == 1


def test_own_list_filters_by_status(team, product):
    ProductFactory.create(supplier=team.supplier, sku="LIVE")

    body = client_as(team, "viewer").get(url(team, "viewer"), {"status": "published"}).json()

    assert [item["sku"] for item in body["results"]] == ["LIVE"]


def test_the_own_list_query_count_does_not_grow_with_products(team):
    client = client_as(team, "viewer")
    url_ = url(team, "viewer")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url_, {"page_size": 100}).status_code == 200
        return len(queries)

    ProductFactory.create_batch(2, supplier=team.supplier)
    few = count_queries()
    ProductFactory.create_batch(15, supplier=team.supplier, status=ProductStatus.DRAFT)
    many = count_queries()

    assert few == many
