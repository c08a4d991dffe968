# ruff: noqa: RUF001  # the page writes quantities with a multiplication sign
"""The product page's "Add to cart" and "Buy samples", the buy box's price fragment, and the
header's cart link: who sees what, and what a submission adds."""

from decimal import Decimal

import pytest

from tradebridge.catalog.web.display import product_url
from tradebridge.orders.models import CartItem

pytestmark = pytest.mark.django_db


def _page(client, product) -> str:
    response = client.get(product_url(product))
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_buyer_gets_the_quantity_prefilled_with_the_moq(shop):
    page = _page(shop.client("buyer"), shop.ball)
    assert 'id="add-to-cart-form"' in page
    assert 'id="buy-quantity"' in page
    assert 'value="10"' in page
    assert "10 × $5.00 = $50.00" in page
    assert 'id="buy-variant"' not in page
    assert 'id="buy-samples-form"' not in page


def test_variants_get_a_select_and_samples_their_own_form(shop):
    page = _page(shop.client("buyer"), shop.gloves)
    assert 'id="buy-variant"' in page
    assert f'value="{shop.glove_s.pk}"' in page
    assert 'id="buy-samples-form"' in page


def test_anonymous_visitors_are_asked_to_sign_in(client, shop):
    page = _page(client, shop.ball)
    assert 'id="sign-in-to-buy"' in page
    assert 'id="add-to-cart-form"' not in page


def test_the_supplier_sees_no_buy_button_on_its_own_product(shop):
    page = _page(shop.client("supplier_a"), shop.ball)
    assert 'id="buy-box"' not in page


def test_a_viewer_is_told_its_role_cannot_order(shop):
    page = _page(shop.client("buyer_viewer"), shop.ball)
    assert 'id="cannot-order"' in page
    assert 'id="add-to-cart-form"' not in page


def test_the_price_fragment_follows_the_quantity(client, shop):
    response = client.get(f"/cart/price/{shop.ball.pk}/?quantity=120")
    assert response.status_code == 200
    assert "120 × $4.50 = $540.00" in response.content.decode()
    below = client.get(f"/cart/price/{shop.ball.pk}/?quantity=3").content.decode()
    assert "buy-price--error" in below


def test_adding_to_the_cart_goes_back_to_the_product(shop):
    client = shop.client("buyer")
    response = client.post(
        f"/cart/add/{shop.gloves.pk}/", {"quantity": "60", "variant": shop.glove_m.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == product_url(shop.gloves)
    item = CartItem.objects.get(cart__membership=shop.buyer)
    assert (item.variant_id, item.quantity, item.is_sample) == (shop.glove_m.pk, 60, False)
    header = client.get("/cart/").content.decode()
    assert 'data-cart-count="1"' in header


def test_buying_samples_adds_a_sample_line(shop):
    shop.client("buyer").post(
        f"/cart/add/{shop.gloves.pk}/",
        {"quantity": "2", "variant": shop.glove_s.pk, "is_sample": "on"},
    )
    item = CartItem.objects.get(cart__membership=shop.buyer)
    assert (item.quantity, item.is_sample, item.unit_price_seen) == (2, True, Decimal(2))


def test_a_refused_addition_says_why_and_adds_nothing(shop):
    client = shop.client("buyer")
    response = client.post(f"/cart/add/{shop.ball.pk}/", {"quantity": "4"}, follow=True)
    assert "The minimum order is 10." in response.content.decode()
    viewer = shop.client("buyer_viewer")
    viewer.post(f"/cart/add/{shop.ball.pk}/", {"quantity": "20"})
    assert CartItem.objects.count() == 0


def test_the_supplier_cannot_add_its_own_product(shop):
    shop.client("supplier_a").post(f"/cart/add/{shop.ball.pk}/", {"quantity": "20"})
    assert CartItem.objects.count() == 0
