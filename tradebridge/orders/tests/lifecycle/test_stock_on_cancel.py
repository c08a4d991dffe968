"""Stock an order committed (production started) goes back once when the buyer cancels after
the missed shipping date; made-to-order products are left alone. Runs on SQLite and on
PostgreSQL (DATABASE_URL)."""

from datetime import datetime

import pytest

from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.orders.enums import OrderStatus, ReservationStatus
from tradebridge.orders.models import Order
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_confirm,
    order_production_done,
)
from tradebridge.orders.services.reservations import reservations_release
from tradebridge.orders.services.timers import orders_timers_run
from tradebridge.orders.tests.lifecycle.conftest import (
    DAY,
    HOUR,
    T0,
    Parties,
    kinds,
    pay,
    place,
    reload,
    reservation_statuses,
    stocked_product,
)

pytestmark = pytest.mark.django_db


def in_production(parties: Parties, product: Product | None, quantity: int = 20) -> Order:
    order = place(parties, product=product, quantity=quantity)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    pay(order, "deposit", now=T0 + DAY)
    return reload(order)


def cancel_after_ship_by(parties: Parties, order: Order) -> datetime:
    ship_by = reload(order).ship_by
    assert ship_by is not None
    orders_timers_run(now=ship_by)
    order_cancel(actor=parties.buyer, order_id=order.pk, now=ship_by + HOUR)
    return ship_by + HOUR


def stock_of(product: Product) -> int | None:
    return Product.objects.values_list("stock", flat=True).get(pk=product.pk)


def test_cancelling_in_production_after_the_missed_date_returns_the_committed_stock_once(
    parties: Parties,
) -> None:
    product = stocked_product(parties, stock=50)
    order = in_production(parties, product)
    assert reservation_statuses(order) == [ReservationStatus.COMMITTED]
    assert stock_of(product) == 30

    now = cancel_after_ship_by(parties, order)

    order = reload(order)
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "ship_by_passed")
    assert stock_of(product) == 50
    assert reservation_statuses(order) == [ReservationStatus.RELEASED]
    assert kinds(order).count("stock_released") == 1
    assert reservations_release(order_id=order.pk, now=now, committed_too=True) == 0  # once
    assert stock_of(product) == 50


def test_cancelling_ready_to_ship_after_the_missed_date_returns_the_committed_stock(
    parties: Parties,
) -> None:
    product = stocked_product(parties, stock=100)
    order = in_production(parties, product, quantity=40)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    pay(order, "balance", now=T0 + 11 * DAY)
    assert reload(order).status == OrderStatus.READY_TO_SHIP

    cancel_after_ship_by(parties, order)

    assert stock_of(product) == 100
    assert reservation_statuses(reload(order)) == [ReservationStatus.RELEASED]


def test_a_product_made_to_order_since_gets_no_units_back(parties: Parties) -> None:
    product = stocked_product(parties, stock=50)
    order = in_production(parties, product)
    Product.objects.filter(pk=product.pk).update(stock=None)

    cancel_after_ship_by(parties, order)

    assert stock_of(product) is None
    assert reservation_statuses(reload(order)) == [ReservationStatus.RELEASED]


def test_a_made_to_order_line_has_no_reservation_and_no_stock_event(parties: Parties) -> None:
    product = ProductFactory.create(supplier=parties.supplier.company, stock=None)
    order = in_production(parties, product=None)
    order.lines.update(product=product)

    cancel_after_ship_by(parties, order)

    assert reload(order).status == OrderStatus.CANCELLED
    assert stock_of(product) is None
    assert "stock_released" not in kinds(order)
