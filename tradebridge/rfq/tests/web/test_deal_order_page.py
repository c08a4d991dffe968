"""The deal page's "Place order": the buyer orders the deal at its frozen terms to the
company's default shipping address, then lands on the order; the supplier only reads."""

import pytest

from tradebridge.orders.models import Order, ShippingAddress
from tradebridge.rfq.models import Deal
from tradebridge.rfq.tests.factories import DealFactory
from tradebridge.rfq.tests.web.conftest import Market

pytestmark = pytest.mark.django_db


def deal_of(market: Market, *, address: bool = True) -> Deal:
    if address:
        ShippingAddress.objects.create(
            company=market.buyer.company,
            name="Rhein Sport GmbH",
            line1="Hafenstr. 4",
            city="Duisburg",
            country="DE",
            is_default=True,
        )
    return DealFactory.create(quote=market.quote_a)


def test_the_buyer_places_the_order_and_lands_on_it(market: Market) -> None:
    deal = deal_of(market)
    client = market.client("buyer")
    assert 'action="/deals/' in client.get(f"/deals/{deal.pk}/").content.decode()

    response = client.post(f"/deals/{deal.pk}/order/", {"po_number": "PO-9"})

    order = Order.objects.get(deal_reference=deal.reference)
    assert response.status_code == 302
    assert response["Location"] == f"/orders/{order.pk}/"
    assert (order.po_number, order.ship_to_city, order.total) == ("PO-9", "Duisburg", deal.total)
    html = client.get(f"/deals/{deal.pk}/").content.decode()
    assert order.reference in html
    assert f'action="/deals/{deal.pk}/order/"' not in html


def test_without_a_default_address_the_buyer_is_told_and_nothing_is_ordered(
    market: Market,
) -> None:
    deal = deal_of(market, address=False)
    client = market.client("buyer")

    response = client.post(f"/deals/{deal.pk}/order/", follow=True)

    assert response.redirect_chain == [(f"/deals/{deal.pk}/", 302)]
    assert "default shipping address" in response.content.decode()
    assert not Order.objects.exists()


REFUSED = [("supplier_a", 403), ("buyer_viewer", 403), ("supplier_b", 404), ("other_buyer", 404)]


@pytest.mark.parametrize(("actor", "code"), REFUSED)
def test_only_the_buyers_purchasers_may_order(market: Market, actor: str, code: int) -> None:
    deal = deal_of(market)
    client = market.client(actor)

    if code == 403:
        assert 'action="/deals/' not in client.get(f"/deals/{deal.pk}/").content.decode()
    assert client.post(f"/deals/{deal.pk}/order/").status_code == code
    assert not Order.objects.exists()
