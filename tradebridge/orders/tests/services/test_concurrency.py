"""Checkout races on PostgreSQL: real threads, real transactions, real row locks (C1, C3)."""

import random
from functools import partial

import pytest

from tradebridge.catalog.models import Product
from tradebridge.core.tests.concurrency import race
from tradebridge.orders.models import Order, OrderLine, StockReservation
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.checkout import checkout_place
from tradebridge.orders.tests.buying import SHIP_TO, buyer_member, product, supplier_company
from tradebridge.payments.models import EscrowHold

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_c1_fifty_buyers_for_the_last_unit_make_exactly_one_order() -> None:
    ball = product(stock=1, tiers=((1, "9.00"),))
    buyers = [buyer_member() for _ in range(50)]
    for member in buyers:
        cart_item_add(actor=member, product_id=ball.pk, quantity=1)

    outcomes = race([partial(checkout_place, actor=member, ship_to=SHIP_TO) for member in buyers])

    assert outcomes == ["insufficient_stock"] * 49 + ["ok"]
    assert Product.objects.get(pk=ball.pk).stock == 0
    assert Order.objects.count() == 1
    assert EscrowHold.objects.count() == 1
    assert list(StockReservation.objects.values_list("quantity", flat=True)) == [1]


def test_c3_checkouts_holding_the_same_products_in_any_order_never_deadlock() -> None:
    supplier = supplier_company()
    products = [product(supplier, stock=100, tiers=((1, "2.00"),)) for _ in range(5)]
    buyers = [buyer_member() for _ in range(16)]
    shuffler = random.Random(11)  # a test's line order, not a secret
    for member in buyers:
        for item in shuffler.sample(products, k=len(products)):
            cart_item_add(actor=member, product_id=item.pk, quantity=3)

    outcomes = race([partial(checkout_place, actor=member, ship_to=SHIP_TO) for member in buyers])

    assert outcomes == ["ok"] * 16
    stocks = Product.objects.filter(pk__in=[p.pk for p in products]).values_list("stock", flat=True)
    assert list(stocks) == [100 - 16 * 3] * 5
    assert OrderLine.objects.count() == 16 * 5
    assert sum(StockReservation.objects.values_list("quantity", flat=True)) == 16 * 5 * 3
