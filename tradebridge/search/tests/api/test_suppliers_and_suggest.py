"""GET /api/v1/suppliers and /api/v1/search/suggest."""

import pytest
from django.test import Client

from tradebridge.companies.models import Company
from tradebridge.search.models import SearchLog
from tradebridge.search.tests.shelf import SOCCER_BALLS

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_suppliers_by_name_and_by_what_they_sell(shelf, client):
    by_name = client.get("/api/v1/suppliers", {"q": "ningbo"})
    by_product = client.get("/api/v1/suppliers", {"q": "cone"})

    assert slugs(by_name) == ["ningbo-home"]
    assert by_name.json()["results"][0] == {
        "id": str(shelf.ningbo.id),
        "slug": "ningbo-home",
        "display_name": "Ningbo Home",
        "country": "CN",
        "province": "Zhejiang",
        "city": "Ningbo",
        "verification_level": "unverified",
        "product_count": 2,
        "url": "http://testserver/suppliers/ningbo-home/",
    }
    assert slugs(by_product) == ["xiamen-sports"]


def test_suppliers_filter_by_category_province_and_verification_with_facets(shelf, client):
    everyone = client.get("/api/v1/suppliers").json()
    provinces = {f["value"]: f["count"] for f in everyone["facets"]["province"]}

    assert provinces == {"Fujian": 1, "Zhejiang": 1}
    assert sorted(slugs(client.get("/api/v1/suppliers", {"category": SOCCER_BALLS}))) == [
        "ningbo-home",
        "xiamen-sports",
    ]
    assert slugs(client.get("/api/v1/suppliers", {"province": "Fujian"})) == ["xiamen-sports"]
    verified = client.get("/api/v1/suppliers", {"verified": "business_verified"})
    assert slugs(verified) == ["xiamen-sports"]
    assert SearchLog.objects.filter(kind="suppliers", source="api").count() == 4


def test_a_supplier_suspended_after_indexing_never_shows(shelf, client):
    Company.objects.filter(id=shelf.ningbo.id).update(is_active=False)

    assert slugs(client.get("/api/v1/suppliers", {"q": "ningbo"})) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"min_response_rate": 101}, "min_response_rate"),
        ({"country": "Germany"}, "country"),
        ({"page_size": 500}, "page_size"),
    ],
)
def test_bad_supplier_parameters_are_a_422(shelf, client, params, field):
    response = client.get("/api/v1/suppliers", params)

    assert response.status_code == 422
    assert field in {e["loc"][-1] for e in response.json()["details"]["errors"]}


def test_suggestions_complete_words_and_name_categories_and_products(shelf, client):
    response = client.get("/api/v1/search/suggest", {"q": "socc"})

    assert response.status_code == 200
    entries = response.json()
    kinds = {entry["kind"] for entry in entries}
    assert {"query", "product"} <= kinds
    assert "soccer" in [entry["text"] for entry in entries if entry["kind"] == "query"]
    products = {entry["product_id"] for entry in entries if entry["kind"] == "product"}
    assert str(shelf.draft.id) not in products
    assert products <= {str(shelf.ball.id), str(shelf.match_ball.id), str(shelf.cones.id)}
    assert SearchLog.objects.count() == 0  # keystrokes are not searches


def test_a_suggestion_needs_text(shelf):
    cases: list[dict[str, str | int]] = [{}, {"q": "  "}, {"q": "x" * 101}, {"q": "b", "limit": 21}]
    for params in cases:
        response = Client().get("/api/v1/search/suggest", params)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid_input"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/search/suggest", {"q": "ball\u0000"}),
        ("/api/v1/products", {"q": "soccer\u0000ball"}),
        ("/api/v1/products", {"certification": "CE\u0000"}),
        ("/api/v1/suppliers", {"q": "\u0000"}),
    ],
)
def test_a_nul_character_in_search_text_is_a_422(shelf, path, params):
    """PostgreSQL's text cannot hold NUL: the suggest lookup answered 500 there, and the search
    log lost the search. The schema's pattern says so and the server refuses it everywhere."""
    response = Client().get(path, params)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
