"""Categories, storefronts and product pages: who sees what, in which language and currency."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import (
    CategoryFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tradebridge.catalog.web.display import product_url
from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.django_db


def _choose_currency(client: Client, currency: str) -> None:
    response = client.post("/preferences/currency/", {"currency": currency, "next": "/"})
    assert response.status_code == 302


def _assert_obeys_csp(response) -> None:
    policy = response["Content-Security-Policy"]
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert csp_violations(response.text) == []


@pytest.fixture
def sports(db):
    """Sporting Goods > Team Sports > Soccer Balls (test ids, not Google's)."""
    top = CategoryFactory.create(name="Sporting Goods", name_de="Sportartikel")
    middle = CategoryFactory.create(parent=top, name="Team Sports")
    leaf = CategoryFactory.create(parent=middle, name="Soccer Balls", name_es="Balones de fútbol")
    return top, middle, leaf


def test_the_category_tree_counts_public_products_in_each_branch(market, sports, rates):
    _top, middle, leaf = sports
    ProductFactory.create(supplier=market.supplier, category=leaf)
    ProductFactory.create(supplier=market.supplier, category=middle)
    ProductFactory.create(supplier=market.supplier, category=leaf, status=ProductStatus.DRAFT)

    index = Client().get("/categories/")

    assert index.status_code == 200
    assert "Sporting Goods" in index.text
    assert "2 products" in index.text
    assert "Animals &amp; Pet Supplies" in index.text  # Google's top level, empty or not
    _assert_obeys_csp(index)
    # A category's own page is a product search: search/tests/web.


def test_the_storefront_shows_profile_badge_metric_and_public_products_only(market, rates):
    ProductFactory.create(supplier=market.supplier, title="Match ball pro", tiers=[(50, "6.00")])
    ProductFactory.create(
        supplier=market.supplier, title="Secret prototype", status=ProductStatus.DRAFT
    )
    ProductFactory.create(supplier=market.supplier, title="Banned ball", status="suspended")

    response = Client().get("/suppliers/xiamen-sports/")

    assert response.status_code == 200
    text = response.text
    assert "Xiamen Sports" in text
    assert "Balls and training gear since 2009." in text
    assert "Xiamen, Fujian, China" in text
    assert "https://xiamen-sports.example.com" in text
    assert "Unverified" in text  # the verification badge
    assert "Not enough data yet" in text  # the response rate, until RFQs exist
    assert "Match ball pro" in text
    assert "Secret prototype" not in text
    assert "Banned ball" not in text
    assert "$6.00" in text  # a single tier: one price, in the default display currency USD
    _assert_obeys_csp(response)


def test_an_inactive_supplier_has_no_storefront_and_its_products_are_gone(market, rates):
    product = ProductFactory.create(supplier=market.supplier)
    market.supplier.is_active = False
    market.supplier.save(update_fields=["is_active"])

    assert Client().get("/suppliers/xiamen-sports/").status_code == 404
    assert Client().get(product_url(product)).status_code == 404
    assert Client().get("/suppliers/no-such-supplier/").status_code == 404


def test_cards_show_the_price_range_in_the_visitors_currency(market, rates):
    ProductFactory.create(
        supplier=market.supplier, currency="USD", tiers=[(100, "4.28"), (1000, "2.14")]
    )
    client = Client()
    _choose_currency(client, "EUR")

    response = client.get("/suppliers/xiamen-sports/")

    # 2.14 USD / 1.07 = 2.00 EUR; 4.28 USD / 1.07 = 4.00 EUR
    assert "€2.00 \u2013 €4.00" in response.text
    assert "MOQ: 100 \u00d7 piece" in response.text


def test_the_product_page_shows_tiers_in_both_currencies_with_the_rate_date(market, rates):
    product = ProductFactory.create(
        supplier=market.supplier,
        currency="USD",
        tiers=[(100, "4.28"), (500, "3.21"), (2000, "2.14")],
        order_multiple=10,
        lead_time_days=15,
        lead_time_steps=[[2000, 30]],
        stock=None,
        sample_available=True,
        sample_price="25.00",
        customization=["logo", "packaging"],
        certifications=["CE", "EN 71"],
        attributes=[["Material", "PU"], ["Size", "5"]],
        hs_code="950662",
        weight_kg="0.4200",
        units_per_carton=50,
    )
    ProductVariantFactory.create(product=product, sku="BALL-RED", options={"Color": "Red"})
    client = Client()
    _choose_currency(client, "EUR")

    response = client.get(product_url(product))

    assert response.status_code == 200
    text = response.text
    assert "100 \u2013 499" in text
    assert "500 \u2013 1999" in text
    assert "≥ 2000" in text
    assert "$4.28" in text  # each tier in USD
    assert "€4.00" in text  # and in EUR
    assert "Source: ECB" in text
    assert "Made to order" in text
    assert "Order in multiples of" in text
    assert "from 2000: 30 days" in text
    assert "$25.00" in text  # the sample
    assert "logo" in text
    assert "EN 71" in text
    assert "Material" in text
    assert "950662" in text
    assert "Balls; inflatable" in text  # the HS description
    assert "BALL-RED" in text
    assert "Color: Red" in text
    assert "Preview" not in text
    _assert_obeys_csp(response)


def test_the_product_page_is_in_the_visitors_language_when_translated(market, rates):
    product = ProductFactory.create(
        supplier=market.supplier,
        title="Training ball",
        translations={"fr": {"title": "Ballon d'entraînement", "description": "Cousu main."}},
    )

    french = Client(headers={"accept-language": "fr"}).get(product_url(product))
    german = Client(headers={"accept-language": "de"}).get(product_url(product))

    assert "Ballon d&#x27;entraînement" in french.text
    assert "Cousu main." in french.text
    assert "Training ball" in german.text  # no German translation: the original


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW, "suspended"])
@pytest.mark.parametrize("actor", ["anonymous", "buyer", "other_supplier"])
def test_unpublished_products_do_not_exist_for_others(market, rates, status, actor):
    product = ProductFactory.create(supplier=market.supplier, status=status)
    client = market.client(actor)

    quote = client.get(product_url(product) + "price/?quantity=10", headers={"HX-Request": "true"})

    assert client.get(product_url(product)).status_code == 404
    assert quote.status_code == 404
    assert quote.text.lstrip().startswith('<div id="quote"')
    assert "This product is no longer available." in quote.text
    assert product.title not in quote.text


@pytest.mark.parametrize("actor", ["owner", "viewer"])
def test_the_supplier_previews_its_own_unpublished_product(market, rates, actor):
    product = ProductFactory.create(
        supplier=market.supplier, status="suspended", status_reason="Counterfeit logo"
    )

    response = market.client(actor).get(product_url(product))

    assert response.status_code == 200
    assert "Preview" in response.text
    assert "Counterfeit logo" in response.text
    _assert_obeys_csp(response)


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_storefront_does_not_query_per_product(market, sports, rates):
    leaf = sports[2]
    path = "/suppliers/xiamen-sports/"
    client = Client()
    ProductFactory.create(supplier=market.supplier, category=leaf)
    client.get(path)
    few = _queries(client, path)

    for _ in range(6):
        ProductFactory.create(supplier=market.supplier, category=leaf)
    many = _queries(client, path)

    assert many == few


def test_the_product_page_does_not_query_per_tier_or_variant(market, rates):
    small = ProductFactory.create(supplier=market.supplier, tiers=[(10, "5.00")])
    ProductVariantFactory.create(product=small)
    large = ProductFactory.create(
        supplier=market.supplier,
        tiers=[(10, "5.00"), (50, "4.80"), (100, "4.50"), (500, "4.00"), (1000, "3.50")],
    )
    for _ in range(6):
        ProductVariantFactory.create(product=large)
    client = Client()
    client.get(product_url(small))

    assert _queries(client, product_url(large)) == _queries(client, product_url(small))
