"""Public reads: products, suppliers and categories. Only published products of active
suppliers ever show; lists keep a constant number of queries. (Listing and searching
products is the search API's: `search/tests/api`.)"""

import pytest
from django.test import Client

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.tests.api.helpers import client_as
from tradebridge.catalog.tests.conftest import SOCCER_BALLS, SPORTING_GOODS
from tradebridge.catalog.tests.factories import ProductFactory, ProductVariantFactory
from tradebridge.companies.enums import VerificationLevel

pytestmark = pytest.mark.django_db

HIDDEN = [ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW, ProductStatus.SUSPENDED]


@pytest.fixture
def shelf(team, categories) -> dict[str, Product]:
    """Supplier A: one published ball and one product in each hidden status; supplier B:
    one published ball."""
    products = {
        "published": ProductFactory.create(
            supplier=team.supplier, sku="PUB", title="Match ball size 5", category_id=SOCCER_BALLS
        ),
        "theirs": ProductFactory.create(
            supplier=team.other_supplier, sku="THEIRS", title="Training cone set"
        ),
    }
    for status in HIDDEN:
        products[status] = ProductFactory.create(
            supplier=team.supplier,
            sku=f"HIDDEN-{status}",
            title=f"Secret ball {status}",
            status=status,
            category_id=SOCCER_BALLS,
        )
    return products


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_hidden_product_is_not_found_even_for_its_own_supplier(team, shelf, hidden):
    for actor in ("anonymous", "owner", "buyer_owner"):
        response = client_as(team, actor).get(f"/api/v1/products/{shelf[hidden].id}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_a_suspended_supplier_disappears_with_all_its_products(team, shelf, client):
    team.supplier.is_active = False
    team.supplier.save(update_fields=["is_active"])

    assert client.get(f"/api/v1/products/{shelf['published'].id}").status_code == 404
    assert client.get(f"/api/v1/products/{shelf['theirs'].id}").status_code == 200
    assert client.get("/api/v1/suppliers/xiamen-balls").status_code == 404


def test_the_public_product_has_every_buyer_facing_field_and_no_internal_one(team, shelf, client):
    product = shelf["published"]
    ProductVariantFactory.create(product=product, sku="PUB-RED", options={"Color": "Red"})

    body = client.get(f"/api/v1/products/{product.id}").json()

    assert body["sku"] == "PUB"
    assert body["supplier"] == {
        "id": str(team.supplier.id),
        "slug": "xiamen-balls",
        "display_name": "Xiamen Balls Co., Ltd.",
        "country": "CN",
        "city": "Xiamen",
        "verification_level": "unverified",
        "url": "http://testserver/suppliers/xiamen-balls/",
    }
    assert body["url"] == f"http://testserver/products/{product.id}/match-ball-size-5/"
    assert body["category"]["id"] == SOCCER_BALLS
    assert body["tiers"][0] == {
        "min_quantity": 10,
        "unit_price": {"amount": "5.00", "currency": "USD"},
    }
    assert body["variants"][0]["sku"] == "PUB-RED"
    assert not {"status", "status_reason", "created_at"} & set(body)


def test_a_supplier_profile(team, shelf, client):
    team.supplier.verification_level = VerificationLevel.AUDITED
    team.supplier.save(update_fields=["verification_level"])

    response = client.get("/api/v1/suppliers/xiamen-balls")

    body = response.json()
    assert response.status_code == 200
    assert (body["display_name"], body["country"], body["city"]) == (
        "Xiamen Balls Co., Ltd.",
        "CN",
        "Xiamen",
    )
    assert body["verification_level"] == "audited"
    assert body["url"] == "http://testserver/suppliers/xiamen-balls/"
    assert body["product_count"] == 1  # hidden products are not counted
    athletics = Category.objects.get(path="Sporting Goods > Athletics")
    assert body["main_categories"] == [
        {"id": athletics.id, "name": "Athletics", "path": athletics.path, "product_count": 1}
    ]
    assert "registration_number" not in body
    assert "vat_number" not in body


@pytest.mark.parametrize("slug", ["no-such-supplier", "berlin-buyer"])
def test_unknown_and_buyer_only_companies_have_no_supplier_profile(team, client, slug):
    response = client.get(f"/api/v1/suppliers/{slug}")

    assert response.status_code == 404


def test_categories_count_published_products_in_each_subtree(team, shelf, client):
    top = client.get("/api/v1/categories").json()
    sporting = client.get("/api/v1/categories", {"parent": SPORTING_GOODS}).json()

    assert [(c["id"], c["product_count"]) for c in top["results"]] == [(SPORTING_GOODS, 1)]
    assert top["results"][0]["has_children"] is True
    assert top["results"][0]["parent_id"] is None
    assert sporting["results"][0]["path"] == "Sporting Goods > Athletics"
    assert sporting["results"][0]["product_count"] == 1


def test_categories_can_include_empty_ones(team, categories, client):
    body = client.get("/api/v1/categories", {"include_empty": "true", "page_size": 100}).json()

    assert body["count"] >= 20  # the taxonomy's top level
    assert all(category["depth"] == 0 for category in body["results"])


def test_an_unknown_parent_category_is_404(team, categories, client):
    assert client.get("/api/v1/categories", {"parent": 987654321}).status_code == 404


def test_a_leaf_category_has_no_children(team, shelf, client):
    body = client.get(
        "/api/v1/categories", {"parent": SOCCER_BALLS, "include_empty": "true"}
    ).json()

    assert body["count"] == 0


def test_the_product_and_storefront_urls_open_the_pages_they_name(team, shelf, client):
    body = client.get(f"/api/v1/products/{shelf['published'].id}").json()

    product_page = client.get(body["url"])
    storefront = client.get(body["supplier"]["url"])

    assert product_page.status_code == 200
    assert "Match ball size 5" in product_page.text
    assert storefront.status_code == 200
    assert "Xiamen Balls Co., Ltd." in storefront.text


def test_the_urls_use_the_requests_host(team, shelf, settings):
    settings.ALLOWED_HOSTS = ["trade.example.com"]
    client = Client(headers={"host": "trade.example.com"})

    body = client.get(f"/api/v1/products/{shelf['published'].id}", secure=True).json()

    assert body["url"].startswith("https://trade.example.com/products/")
    assert body["supplier"]["url"] == "https://trade.example.com/suppliers/xiamen-balls/"
