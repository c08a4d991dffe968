"""Where a buyer starts an RFQ from: the product's buy box and the search results."""

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import CategoryFactory, ProductFactory
from tradebridge.catalog.web.display import product_url

pytestmark = pytest.mark.django_db


def test_the_buy_box_offers_to_request_a_quote(market):
    product = ProductFactory.create(
        supplier=market.supplier_a.company, status=ProductStatus.PUBLISHED
    )
    html = market.client("buyer").get(product_url(product)).content.decode()
    assert f'href="/rfqs/new/?product={product.pk}"' in html


def test_not_to_the_supplier_itself_nor_to_another_supplier(market):
    product = ProductFactory.create(
        supplier=market.supplier_a.company, status=ProductStatus.PUBLISHED
    )
    for actor in ("supplier_a", "supplier_b"):
        assert 'id="request-quote"' not in market.client(actor).get(product_url(product)).text


def test_anonymous_visitors_are_offered_it_and_sent_to_sign_in(market):
    product = ProductFactory.create(
        supplier=market.supplier_a.company, status=ProductStatus.PUBLISHED
    )
    client = market.client("anonymous")
    assert 'id="request-quote"' in client.get(product_url(product)).text
    response = client.get(f"/rfqs/new/?product={product.pk}")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_search_results_offer_to_post_an_rfq_with_the_words_and_category(market, search_index):
    category = CategoryFactory.create(name="Agility Cones")
    html = market.client("buyer").get(f"/search/?q=orange+cones&category={category.pk}").text
    assert 'id="post-rfq"' in html
    assert f'href="/rfqs/new/?q=orange%20cones&amp;category={category.pk}"' in html


def test_a_product_that_is_gone_is_not_prefilled(market):
    product = ProductFactory.create(supplier=market.supplier_a.company, status=ProductStatus.DRAFT)
    html = market.client("buyer").get(f"/rfqs/new/?product={product.pk}").text
    assert 'id="rfq-product"' not in html
    assert "xiamen-balls" not in html
