"""The back office's orders: the operator reads orders, purchases and their timeline; nothing
can be added, changed or deleted by hand."""

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.orders.models import Order
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.checkout import checkout_place
from tradebridge.orders.tests.buying import SHIP_TO, buyer_member, product

pytestmark = pytest.mark.django_db


def _operator() -> Client:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_the_operator_reads_an_order_with_its_lines_reservations_and_timeline() -> None:
    member = buyer_member()
    ball = product(stock=50, sku="BALL-5")
    cart_item_add(actor=member, product_id=ball.pk, quantity=10)
    order = checkout_place(actor=member, ship_to=SHIP_TO, po_number="PO-31").orders.get()
    client = _operator()

    listed = client.get("/admin/orders/order/", {"q": order.reference}).content.decode()
    page = client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    purchases = client.get("/admin/orders/purchase/").content.decode()

    assert order.reference in listed
    assert "BALL-5" in page
    assert "placed" in page
    assert "PO-31" in purchases


def test_orders_cannot_be_added_changed_or_deleted_by_hand() -> None:
    member = buyer_member()
    cart_item_add(actor=member, product_id=product().pk, quantity=10)
    order = checkout_place(actor=member, ship_to=SHIP_TO).orders.get()
    client = _operator()

    add = client.get("/admin/orders/order/add/")
    change = client.post(f"/admin/orders/order/{order.pk}/change/", {"status": "completed"})
    delete = client.post(f"/admin/orders/order/{order.pk}/delete/", {"post": "yes"})

    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert Order.objects.get(pk=order.pk).status == "awaiting_confirmation"
