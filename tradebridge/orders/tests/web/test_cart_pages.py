"""The cart page and its HTMX fragments: lines grouped by supplier, quantity changes and
removals that answer with the whole cart and the header's count, problems shown per line with
their fix, price changes since a line was added; scoping and roles."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.catalog.models import PriceTier
from tradebridge.core.models import FxRate
from tradebridge.orders.models import CartItem
from tradebridge.orders.tests.web.conftest import HTMX

pytestmark = pytest.mark.django_db


def _quantities(shop) -> dict[str, int]:
    items = CartItem.objects.filter(cart__membership=shop.buyer).select_related("variant")
    return {
        (item.variant.sku if item.variant else item.product.sku): item.quantity for item in items
    }


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/cart/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/cart/"


def test_a_supplier_company_has_no_cart(shop):
    assert shop.client("supplier_a").get("/cart/").status_code == 404


def test_the_cart_groups_lines_by_supplier_with_totals(shop):
    shop.add()
    shop.add(product=shop.gloves, quantity=60, variant_id=shop.glove_s.pk)
    response = shop.client("buyer").get("/cart/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="card cart-group"') == 2
    assert 'data-supplier="xiamen-balls"' in page
    assert 'data-supplier="porto-gloves"' in page
    assert "$100.00" in page  # 20 x 5.00 USD
    assert "€720.00" in page  # 60 x 12.00 EUR
    assert 'id="checkout"' in page
    assert "2 orders will be placed" in page


def test_an_empty_cart_says_so(shop):
    page = shop.client("buyer").get("/cart/").content.decode()
    assert 'id="cart-empty"' in page
    assert 'id="checkout"' not in page


def test_a_quantity_change_answers_with_the_cart_and_the_header_count(shop):
    item = shop.add()
    response = shop.client("buyer").post(
        f"/cart/items/{item.pk}/", {"quantity": "100"}, headers=HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="cart"')
    assert "$450.00" in page  # the 100+ tier: 4.50
    assert 'id="header-cart" hx-swap-oob="true"' in page
    assert _quantities(shop) == {shop.ball.sku: 100}


def test_a_refused_quantity_is_said_beside_its_line_and_nothing_changes(shop):
    item = shop.add()
    response = shop.client("buyer").post(f"/cart/items/{item.pk}/", {"quantity": "5"}, headers=HTMX)
    assert response.status_code == 422
    assert "The minimum order is 10." in response.content.decode()
    assert _quantities(shop) == {shop.ball.sku: 20}


def test_without_htmx_a_change_goes_back_to_the_cart(shop):
    item = shop.add()
    response = shop.client("buyer").post(f"/cart/items/{item.pk}/", {"quantity": "30"})
    assert response.status_code == 302
    assert response["Location"] == "/cart/"
    assert _quantities(shop) == {shop.ball.sku: 30}


def test_removing_a_line(shop):
    item = shop.add()
    shop.add(product=shop.gloves, quantity=60, variant_id=shop.glove_s.pk)
    response = shop.client("buyer").post(f"/cart/items/{item.pk}/remove/", headers=HTMX)
    assert response.status_code == 200
    assert 'data-cart-count="1"' in response.content.decode()
    assert _quantities(shop) == {"GL-S": 60}


def test_another_members_line_does_not_exist(shop):
    item = shop.add()
    client = shop.client("purchaser")
    assert (
        client.post(f"/cart/items/{item.pk}/", {"quantity": "50"}, headers=HTMX).status_code == 404
    )
    assert client.post(f"/cart/items/{item.pk}/remove/", headers=HTMX).status_code == 404
    assert _quantities(shop) == {shop.ball.sku: 20}


def test_a_moq_problem_across_variants_is_shown_and_blocks_checkout(shop):
    shop.add(product=shop.gloves, quantity=30, variant_id=shop.glove_s.pk)
    page = shop.client("buyer").get("/cart/").content.decode()
    assert 'data-problem="below_moq"' in page
    assert "Minimum order 50 (all variants together)." in page
    assert 'id="cart-blocked"' in page
    assert 'id="checkout"' not in page


def test_a_stock_shortfall_offers_to_take_what_is_left(shop):
    item = shop.add(quantity=200)
    shop.ball.stock = 150
    shop.ball.save(update_fields=["stock"])
    page = shop.client("buyer").get("/cart/").content.decode()
    assert "Only 150 in stock (200 asked for)." in page
    assert 'data-fix="150"' in page
    assert item.quantity == 200


def test_a_price_change_since_adding_shows_old_and_new(shop):
    shop.add()
    PriceTier.objects.filter(product=shop.ball, min_quantity=10).update(unit_price=Decimal("5.50"))
    page = shop.client("buyer").get("/cart/").content.decode()
    assert 'id="cart-price-changes"' in page
    assert "was <del>$5.00</del>" in page
    assert "$110.00" in page


def _buyer_currency(shop, currency: str) -> None:
    FxRate.objects.create(
        date=timezone.localdate() - timedelta(days=1), currency="USD", rate=Decimal("1.0700")
    )
    company = shop.buyer.company
    company.default_currency = currency
    company.save(update_fields=["default_currency"])


def test_no_approximate_total_when_every_line_is_in_the_buyers_currency(shop):
    _buyer_currency(shop, "EUR")
    shop.add(product=shop.gloves, quantity=60, variant_id=shop.glove_s.pk)
    page = shop.client("buyer").get("/cart/").content.decode()
    assert "€720.00" in page
    assert 'id="cart-approx-total"' not in page
    assert "approx." not in page


def test_the_approximate_total_shows_when_a_line_is_in_another_currency(shop):
    _buyer_currency(shop, "EUR")
    shop.add(product=shop.gloves, quantity=60, variant_id=shop.glove_s.pk)
    shop.add()  # USD
    page = shop.client("buyer").get("/cart/").content.decode()
    assert 'id="cart-approx-total"' in page


def test_the_unit_beside_the_quantity_takes_the_plural(shop):
    shop.add(quantity=20)
    page = shop.client("buyer").get("/cart/").content.decode()
    assert '<span class="cart-qty__unit">pieces</span>' in page
