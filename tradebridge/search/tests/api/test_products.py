"""GET /api/v1/products: the search API over a real index, results loaded from the database."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.images import image_ingest
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.catalog.tests.test_images import image_bytes
from tradebridge.companies.models import Company
from tradebridge.search.api.schemas import ProductSearchIn
from tradebridge.search.models import SearchLog
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.tests.shelf import SOCCER, SOCCER_BALLS, SPORTING_GOODS
from tradebridge.search.types import ProductQuery, ProductSort

pytestmark = pytest.mark.django_db

URL = "/api/v1/products"


def skus(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["sku"] for item in response.json()["results"]]


def test_every_parameter_reaches_the_engine_query():
    params = ProductSearchIn.model_validate(
        {
            "q": " soccer ball ",
            "category": SOCCER,
            "min_price": "2.5",
            "max_price": "10",
            "currency": "gbp",
            "max_moq": 500,
            "supplier_country": "cn",
            "supplier_province": "Fujian",
            "verified": "business_verified",
            "certification": "CE",
            "ready_to_ship": True,
            "sample_available": False,
            "max_lead_time": 20,
            "sort": "-price",
            "page": 2,
            "page_size": 50,
        }
    )

    assert params.to_query(currency="GBP", language="de") == ProductQuery(
        text="soccer ball",
        category=SOCCER,
        currency="GBP",
        min_price=Decimal("2.5"),
        max_price=Decimal(10),
        max_moq=500,
        supplier_country="CN",
        supplier_province="Fujian",
        verified="business_verified",
        certification="CE",
        ready_to_ship=True,
        max_lead_time_days=20,
        sample_available=False,
        sort=ProductSort.PRICE_DESC,
        page=2,
        page_size=50,
        language="de",
    )
    assert ProductSearchIn.model_validate({}).to_query(
        currency="USD", language="en"
    ) == ProductQuery(currency="USD", page_size=20)


def test_a_search_answers_summaries_prices_in_the_currency_facets_and_counts(shelf, client):
    response = client.get(URL, {"q": "soccer ball", "currency": "GBP", "sort": "price"})

    body = response.json()
    assert skus(response) == ["BALL", "MATCH"]
    assert (body["count"], body["count_is_estimate"], body["currency"]) == (2, False, "GBP")
    ball = body["results"][0]
    assert ball["supplier"]["slug"] == "xiamen-sports"
    assert ball["supplier"]["url"] == "http://testserver/suppliers/xiamen-sports/"
    assert ball["url"] == f"http://testserver/products/{ball['id']}/{slugify(ball['title'])}/"
    assert client.get(ball["url"]).status_code == 200
    assert ball["supplier"]["verification_level"] == "business_verified"
    assert ball["moq"] == 100
    assert ball["min_unit_price"] == {"amount": "3.90", "currency": "USD"}
    # 3.90 USD / 1.07 * 0.8425 = 3.0708... GBP; 4.20 USD -> 3.3070... GBP
    assert ball["price_range"]["min"] == {"amount": "3.07", "currency": "GBP"}
    assert ball["price_range"]["max"] == {"amount": "3.31", "currency": "GBP"}
    assert ball["price_range"]["rate_date"] is not None
    assert body["results"][1]["price_range"]["min"] == {"amount": "7.58", "currency": "GBP"}
    categories = {f["value"]: f["count"] for f in body["facets"]["category"]}
    assert categories[str(SPORTING_GOODS)] == 2
    provinces = {f["value"]: f["count"] for f in body["facets"]["supplier_province"]}
    assert provinces == {"Fujian": 1, "Zhejiang": 1}
    assert set(body["facets"]) >= {"category", "price", "moq", "verified", "ready_to_ship"}
    assert (body["corrected_query"], body["suggestions"], body["relaxed_filters"]) == (
        None,
        [],
        [],
    )


def test_prices_in_the_products_own_currency_are_not_converted(shelf, client):
    body = client.get(URL, {"q": "cone", "currency": "USD"}).json()

    assert body["results"][0]["price_range"] == {
        "min": {"amount": "2.00", "currency": "USD"},
        "max": {"amount": "2.00", "currency": "USD"},
        "rate_date": None,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": SOCCER_BALLS}, ["BALL", "MATCH"]),
        ({"category": SOCCER}, ["BALL", "CONES", "MATCH"]),
        ({"supplier_province": "Zhejiang"}, ["HOLDER", "MATCH"]),
        ({"supplier_country": "cn", "verified": "business_verified"}, ["BALL", "CONES"]),
        ({"certification": "EN 71"}, ["MATCH"]),
        ({"ready_to_ship": "true"}, ["BALL"]),
        ({"sample_available": "true"}, ["BALL"]),
        ({"max_moq": 100}, ["BALL", "CONES"]),
        ({"max_lead_time": 15}, ["BALL", "CONES"]),
        # Unit prices in EUR: ball 3.64-3.93, cones 1.87, match 9.00, holder 1.29-1.55.
        ({"currency": "EUR", "min_price": "3", "max_price": "10"}, ["BALL", "MATCH"]),
        ({"currency": "EUR", "max_price": "1.60"}, ["HOLDER"]),
    ],
)
def test_filters_narrow_the_results(shelf, client, params, expected):
    response = client.get(URL, {"sort": "price", **params})

    assert sorted(skus(response)) == expected
    assert response.json()["count"] == len(expected)


def test_a_search_without_results_says_which_filter_to_drop(shelf, client):
    body = client.get(URL, {"q": "match ball", "ready_to_ship": "true"}).json()

    assert (body["count"], body["results"]) == (0, [])
    assert body["relaxed_filters"] == ["ready_to_ship"]


def test_a_misspelt_query_is_corrected(shelf, client):
    body = client.get(URL, {"q": "hanging hert holdr"}).json()

    assert [item["sku"] for item in body["results"]] == ["HOLDER"]
    assert body["corrected_query"] == "hanging heart holder"
    assert body["suggestions"] == ["hanging heart holder"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 101}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page": 0}, "page"),
        ({"page": 1001}, "page"),
        ({"min_price": "-1"}, "min_price"),
        ({"max_price": "1e3"}, "max_price"),
        ({"currency": "EURO"}, "currency"),
        ({"verified": "very"}, "verified"),
        ({"sort": "cheapest"}, "sort"),
        ({"ready_to_ship": "perhaps"}, "ready_to_ship"),
        ({"q": "x" * 201}, "q"),
        ({"supplier_country": "CHN"}, "supplier_country"),
    ],
)
def test_bad_parameters_are_a_422_naming_them(shelf, client, params, field):
    response = client.get(URL, params)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert field in {error["loc"][-1] for error in body["details"]["errors"]}
    assert SearchLog.objects.count() == 0


def test_a_currency_without_reference_rates_is_refused(shelf, client):
    response = client.get(URL, {"currency": "XAU"})

    # The document lists the currencies (an enum): the schema's validation refuses others.
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["details"]["errors"][0]["loc"] == ["query", "currency"]


def test_a_lower_case_currency_is_accepted(shelf, client):
    response = client.get(URL, {"currency": "gbp"})

    assert response.status_code == 200
    assert response.json()["currency"] == "GBP"


def test_an_unknown_category_filter_is_not_found(shelf, client):
    for url in (URL, "/api/v1/suppliers"):
        response = client.get(url, {"category": 2_000_000_000})

        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_filters_that_cannot_be_combined_are_refused_by_the_engine(shelf, client):
    response = client.get(URL, {"min_price": "10", "max_price": "2"})

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_search"
    assert "max_price" in response.json()["details"]


@pytest.mark.parametrize("status", [ProductStatus.SUSPENDED, ProductStatus.DRAFT])
def test_a_product_hidden_after_indexing_never_leaks(shelf, client, status):
    Product.objects.filter(id=shelf.ball.id).update(status=status)  # the index still has it

    assert skus(client.get(URL, {"q": "soccer ball"})) == ["MATCH"]


def test_products_of_a_supplier_suspended_after_indexing_never_leak(shelf, client):
    Company.objects.filter(id=shelf.ningbo.id).update(is_active=False)

    assert skus(client.get(URL, {"q": "soccer", "sort": "price"})) == ["CONES", "BALL"]


def test_results_keep_the_engines_order_and_page(shelf, client):
    first = client.get(URL, {"sort": "price", "page_size": 2}).json()
    second = client.get(URL, {"sort": "price", "page_size": 2, "page": 2}).json()

    assert [r["sku"] for r in first["results"]] == ["HOLDER", "CONES"]
    assert [r["sku"] for r in second["results"]] == ["BALL", "MATCH"]
    assert (second["count"], second["page"], second["page_size"]) == (4, 2, 2)


def test_the_thumbnail_is_the_first_image(shelf, client):
    first = image_ingest(product=shelf.cones, data=image_bytes(), filename="front.jpg")
    image_ingest(product=shelf.cones, data=image_bytes(), filename="back.jpg")

    results = client.get(URL, {"q": "cone"}).json()["results"]

    assert results[0]["thumbnail_url"] == f"http://testserver{first.thumbnail.url}"


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"page_size": 100})
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_results(shelf, client):
    _queries(client)  # per-process caches (category tree and names) filled
    few = _queries(client)
    for number in range(12):
        product = ProductFactory.create(supplier=shelf.xiamen, title=f"Extra ball {number}")
        image_ingest(product=product, data=image_bytes(size=(8, 8)), filename="x.jpg")
    search_reindex()

    assert _queries(client) == few


def test_every_search_is_logged_with_the_searching_company(shelf):
    client = shelf.client_as_buyer()

    client.get(URL, {"q": "Soccer  Ball", "currency": "EUR", "ready_to_ship": "true"})
    client.get(URL, {"q": "kite"})
    Client().get(URL, {"q": "ball"})

    logs = list(SearchLog.objects.order_by("created_at"))
    assert [(log.normalized, log.result_count, log.zero_results) for log in logs] == [
        ("soccer ball", 1, False),
        ("kite", 0, True),
        ("ball", 2, False),
    ]
    first = logs[0]
    assert (first.source, first.kind, first.currency, first.sort) == (
        "api",
        "products",
        "EUR",
        "relevance",
    )
    assert first.filters == {"ready_to_ship": True}
    assert first.result_ids == [str(shelf.ball.id)]
    assert (first.company_id, first.market) == (shelf.buyer.company_id, "DE")
    assert (logs[2].company_id, logs[2].market) == (None, "")


def test_the_operations_are_public_and_documented(client):
    schema = client.get("/api/v1/openapi.json").json()

    for path in ("/api/v1/products", "/api/v1/suppliers", "/api/v1/search/suggest"):
        operation = schema["paths"][path]["get"]
        assert "security" not in operation
        assert len(operation["description"]) > 40
        assert operation["tags"] == ["search"]
    names = {p["name"] for p in schema["paths"]["/api/v1/products"]["get"]["parameters"]}
    assert names >= {"q", "category", "min_price", "max_price", "currency", "max_moq"}
    assert names >= {"supplier_country", "supplier_province", "verified", "certification"}
    assert names >= {"ready_to_ship", "sample_available", "max_lead_time", "sort", "page"}
