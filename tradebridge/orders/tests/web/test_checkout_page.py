"""The checkout page: the default address chosen, the review of the orders it will place,
a placed purchase, a double submit that places one purchase, the price-changed and
out-of-stock answers, and a new address."""

import re
from decimal import Decimal

import pytest

from tradebridge.catalog.models import PriceTier
from tradebridge.orders.models import CartItem, Order, Purchase

pytestmark = pytest.mark.django_db


def _form(client) -> dict[str, str]:
    page = client.get("/checkout/").content.decode()
    key = re.search(r'name="key" value="([^"]+)"', page)
    address = re.search(r'name="address" value="([^"]+)"[^>]*checked', page)
    assert key is not None
    assert address is not None
    return {"key": key.group(1), "address": address.group(1), "po_number": "PO-77"}


def _fill_cart(shop) -> None:
    shop.add()
    shop.add(product=shop.gloves, quantity=60, variant_id=shop.glove_s.pk)


def test_an_empty_cart_goes_back_to_the_cart(shop):
    response = shop.client("buyer").get("/checkout/")
    assert response.status_code == 302
    assert response["Location"] == "/cart/"


def test_the_review_lists_one_order_per_supplier_with_its_terms(shop, default_address):
    _fill_cart(shop)
    page = shop.client("buyer").get("/checkout/").content.decode()
    assert page.count('class="review-order"') == 2
    assert "Full payment before production" in page
    assert f'value="{default_address.pk}" checked' in page


def test_the_review_says_each_quantity_with_its_units_plural(shop, default_address):
    _fill_cart(shop)
    page = shop.client("buyer").get("/checkout/").content.decode()
    assert "<li>20\u00a0pieces · Match ball:" in page


def test_placing_creates_one_order_per_supplier(shop, default_address):
    _fill_cart(shop)
    client = shop.client("buyer")
    response = client.post("/checkout/", _form(client))
    purchase = Purchase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/checkout/done/{purchase.pk}/"
    orders = Order.objects.filter(purchase=purchase)
    assert sorted(o.supplier.slug for o in orders) == ["porto-gloves", "xiamen-balls"]
    assert {o.po_number for o in orders} == {"PO-77"}
    assert {o.ship_to_city for o in orders} == {"Hamburg"}
    assert CartItem.objects.count() == 0
    done = client.get(response["Location"]).content.decode()
    assert done.count("data-order=") == 2


def test_a_double_submit_places_one_purchase(shop, default_address):
    _fill_cart(shop)
    client = shop.client("buyer")
    form = _form(client)
    first = client.post("/checkout/", form)
    second = client.post("/checkout/", form)
    assert Purchase.objects.count() == 1
    assert Order.objects.count() == 2
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


def test_a_price_change_is_shown_and_a_second_confirmation_goes_through(shop, default_address):
    _fill_cart(shop)
    client = shop.client("buyer")
    form = _form(client)
    PriceTier.objects.filter(product=shop.ball, min_quantity=10).update(unit_price=Decimal("5.50"))
    response = client.post("/checkout/", form)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="checkout-price-changed"' in page
    assert "was $5.00, now $5.50" in page
    assert "Confirm with the new prices" in page
    assert Purchase.objects.count() == 0
    fresh = re.search(r'name="key" value="([^"]+)"', page)
    assert fresh is not None
    again = dict(form, key=fresh.group(1))
    assert again["key"] != form["key"]
    assert client.post("/checkout/", again).status_code == 302
    ball_order = Order.objects.get(supplier=shop.ball.supplier)
    assert ball_order.total == Decimal("110.00")


def test_stock_running_out_says_what_is_left(shop, default_address):
    shop.add(quantity=200)
    client = shop.client("buyer")
    form = _form(client)
    shop.ball.stock = 150
    shop.ball.save(update_fields=["stock"])
    response = client.post("/checkout/", form)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="checkout-stock"' in page
    assert "150 left, 200 asked for" in page
    assert Purchase.objects.count() == 0


def test_a_new_address_is_used_and_its_errors_shown(shop):
    _fill_cart(shop)
    client = shop.client("buyer")
    form = _form(client)
    assert form["address"] == "new"  # no saved address yet
    refused = client.post("/checkout/", form)
    assert refused.status_code == 400
    assert "field--error" in refused.content.decode()
    assert Purchase.objects.count() == 0
    address = {
        "ship-name": "Lager Süd", "ship-line1": "Ring 2", "ship-city": "München",
        "ship-postal_code": "80331", "ship-country": "DE",
    }  # fmt: skip
    response = client.post("/checkout/", {**form, **address})
    assert response.status_code == 302
    assert set(Order.objects.values_list("ship_to_city", flat=True)) == {"München"}


def test_a_viewer_cannot_place_orders(shop, default_address):
    _fill_cart(shop)
    client = shop.client("buyer_viewer")
    page = client.get("/checkout/")
    assert page.status_code == 302  # a viewer has no cart lines of its own
    response = client.post("/checkout/", {"key": "k1", "address": str(default_address.pk)})
    assert response.status_code == 403
    assert "Your role in the company does not allow this." in response.content.decode()
    assert Purchase.objects.count() == 0
