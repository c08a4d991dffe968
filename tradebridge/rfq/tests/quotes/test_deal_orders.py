"""Ordering an agreed deal (`POST /api/v1/deals/{id}/order`): the order carries the deal's
frozen terms and rate; a deal is ordered once, by its buyer only."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.orders.enums import OrderSource, OrderStatus
from tradebridge.orders.models import Order
from tradebridge.orders.services.addresses import ShipTo
from tradebridge.rfq.models import Deal
from tradebridge.rfq.services.deal_orders import deal_order
from tradebridge.rfq.tests.factories import DealFactory

pytestmark = pytest.mark.django_db

SHIP_TO = {
    "name": "Rhein Sport GmbH",
    "line1": "Hafenstr. 4",
    "city": "Duisburg",
    "postal_code": "47119",
    "country": "DE",
}
FX = {"rates": {"EUR": "1", "USD": "1.08"}, "date": "2026-03-01", "source": "ECB"}


@pytest.fixture
def deal() -> Deal:
    return DealFactory.create(
        unit_price=Decimal("3.9000"),
        quantity=1000,
        total=Decimal("3900.0000"),
        currency="USD",
        deposit_percent=Decimal("30.00"),
        balance_due="against_documents",
        lead_time_days=35,
        incoterm="FOB",
        named_place="Xiamen",
        fx=FX,
    )


def member(company: object, role: Role = Role.OWNER) -> Membership:
    return MembershipFactory.create(company=company, role=role)


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def order_deal(membership: Membership, deal: Deal, **body: Any) -> Any:
    return client_for(membership).post(
        f"/api/v1/deals/{deal.pk}/order",
        {"ship_to": SHIP_TO, "po_number": "PO-77", **body},
        content_type="application/json",
    )


def test_the_order_carries_the_deals_frozen_terms_and_rate(deal: Deal) -> None:
    buyer = member(deal.buyer, Role.PURCHASER)

    response = order_deal(buyer, deal)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["source"], body["deal_reference"]) == (
        "awaiting_confirmation",
        "deal",
        deal.reference,
    )
    assert body["total"] == {"amount": "3900.00", "currency": "USD"}
    assert body["fx"] == FX
    assert (body["deposit_percent"], body["balance_due"]) == ("30", "against_documents")
    assert (body["incoterm"], body["named_place"], body["lead_time_days"]) == ("FOB", "Xiamen", 35)
    [line] = body["lines"]
    assert (line["title"], line["quantity"]) == (deal.rfq.title, 1000)
    assert line["unit_price"] == {"amount": "3.90", "currency": "USD"}
    assert [i["amount"]["amount"] for i in body["payments"]["instalments"]] == [
        "1170.00",
        "2730.00",
    ]
    order = Order.objects.get()
    assert (order.po_number, order.ship_to_city, order.supplier_id) == (
        "PO-77",
        "Duisburg",
        deal.supplier_id,
    )


def test_a_deal_is_ordered_once(deal: Deal) -> None:
    buyer = member(deal.buyer)
    assert order_deal(buyer, deal).status_code == 201

    again = order_deal(buyer, deal)

    assert again.status_code == 409
    assert again.json()["code"] == "deal_already_ordered"
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "code"),
    [("supplier", 403), ("buyer_viewer", 403), ("outsider", 404)],
)
def test_only_the_deals_buyer_may_order_it(deal: Deal, who: str, code: int) -> None:
    membership = {
        "supplier": lambda: member(deal.supplier),
        "buyer_viewer": lambda: member(deal.buyer, Role.VIEWER),
        "outsider": lambda: member(DealFactory.create().buyer),
    }[who]()

    response = order_deal(membership, deal)

    assert response.status_code == code
    assert not Order.objects.filter(deal_reference=deal.reference).exists()


def test_the_service_places_the_order_at_the_given_address(deal: Deal) -> None:
    buyer = member(deal.buyer)

    order = deal_order(
        actor=buyer,
        deal_id=deal.pk,
        ship_to=ShipTo(name="Dock 9", line1="Kai 1", city="Hamburg", country="DE"),
    )

    assert (order.source, order.status) == (OrderSource.DEAL, OrderStatus.AWAITING_CONFIRMATION)
    assert order.ship_to_city == "Hamburg"
    assert order.total == Decimal("3900.00")
