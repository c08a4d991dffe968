"""Deals: both parties' members see the list and the deal with its frozen terms; anyone else
gets 404."""

import pytest
from django.conf import settings

from tradebridge.rfq.enums import BalanceDue
from tradebridge.rfq.tests.factories import DealFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actor", ["buyer", "buyer_viewer", "supplier_a", "supplier_a_viewer"])
def test_both_parties_see_the_deal(market, actor):
    deal = DealFactory.create(quote=market.quote_a)
    client = market.client(actor)
    assert deal.reference in client.get("/deals/").content.decode()
    html = client.get(f"/deals/{deal.pk}/").content.decode()
    assert deal.reference in html
    assert "$3,900.00" in html or "US$3,900.00" in html
    assert "FOB" in html


@pytest.mark.parametrize("actor", ["supplier_b", "supplier_c", "other_buyer"])
def test_nobody_else_sees_it(market, actor):
    deal = DealFactory.create(quote=market.quote_a)
    client = market.client(actor)
    assert deal.reference not in client.get("/deals/").content.decode()
    assert client.get(f"/deals/{deal.pk}/").status_code == 404


def test_the_deal_links_to_each_sides_rfq_page_and_messages(market):
    deal = DealFactory.create(quote=market.quote_a)
    buyer_html = market.client("buyer").get(f"/deals/{deal.pk}/").content.decode()
    assert f'href="/rfqs/{market.rfq.pk}/"' in buyer_html
    assert "supplier=xiamen-balls&amp;subject_kind=deal" in buyer_html
    supplier_html = market.client("supplier_a").get(f"/deals/{deal.pk}/").content.decode()
    assert f'href="/supplier/rfqs/{market.rfq.pk}/"' in supplier_html
    assert f"buyer={market.buyer.company_id}&amp;subject_kind=deal" in supplier_html


def test_the_deal_page_reads_naturally_in_french(market):
    deal = DealFactory.create(quote=market.quote_a, balance_due=BalanceDue.BEFORE_SHIPMENT)
    client = market.client("buyer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(f"/deals/{deal.pk}/").content.decode()
    assert "solde avant l&#x27;expédition" in html or "solde avant l'expédition" in html
    assert "solde : Avant" not in html
