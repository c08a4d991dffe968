"""Ordering an agreed deal: one purchase with one order carrying the frozen terms, once."""

from decimal import Decimal

import pytest

from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderSource
from tradebridge.orders.models import Order
from tradebridge.orders.services.deal_orders import DealAlreadyOrdered, order_create_from_deal
from tradebridge.orders.tests.buying import SHIP_TO, buyer_member, product, supplier_company
from tradebridge.payments.enums import InstalmentKind
from tradebridge.payments.models import Instalment

pytestmark = pytest.mark.django_db


def _order(member: object, **changes: object) -> Order:
    supplier = changes.pop("supplier")
    values: dict[str, object] = {
        "actor": member,
        "deal_reference": "DEAL-Q4TN8WZ3",
        "supplier_id": supplier.pk,  # type: ignore[attr-defined]
        "product_id": None,
        "title": "Custom match balls, logo printed",
        "quantity": 2_000,
        "unit": "piece",
        "unit_price": Money(Decimal("3.8750"), "USD"),
        "incoterm": "FOB",
        "named_place": "Xiamen",
        "deposit_percent": Decimal(30),
        "balance_due": "before_shipment",
        "lead_time_days": 35,
        "fx": {"rates": {"USD": "1.08"}, "date": "2026-12-01", "source": "ECB"},
        "ship_to": SHIP_TO,
        "po_number": "PO-9",
    }
    values.update(changes)
    return order_create_from_deal(**values)  # type: ignore[arg-type]


def test_the_deal_becomes_one_order_with_its_frozen_terms_and_a_deposit_plan() -> None:
    member = buyer_member()
    supplier = supplier_company()
    ball = product(supplier, hs_code="950662")

    order = _order(member, supplier=supplier, product_id=ball.pk)

    assert (order.source, order.deal_reference, order.total, order.currency) == (
        OrderSource.DEAL,
        "DEAL-Q4TN8WZ3",
        Decimal("7750.0000"),
        "USD",
    )
    assert (order.deposit_percent, order.balance_due, order.lead_time_days, order.incoterm) == (
        Decimal(30),
        "before_shipment",
        35,
        "FOB",
    )
    assert order.fx["source"] == "ECB"
    (line,) = order.lines.all()
    assert (line.title, line.sku, line.hs_code, line.quantity) == (
        "Custom match balls, logo printed",
        ball.sku,
        "950662",
        2_000,
    )
    kinds = Instalment.objects.filter(hold__order_id=order.pk).order_by("position")
    assert list(kinds.values_list("kind", "amount")) == [
        (InstalmentKind.DEPOSIT, Decimal("2325.0000")),
        (InstalmentKind.BALANCE, Decimal("5425.0000")),
    ]


def test_a_deal_is_ordered_once() -> None:
    member = buyer_member()
    supplier = supplier_company()
    first = _order(member, supplier=supplier)

    with pytest.raises(DealAlreadyOrdered) as raised:
        _order(member, supplier=supplier)

    assert raised.value.details["order_id"] == str(first.pk)
    assert Order.objects.count() == 1
