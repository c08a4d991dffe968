"""The supplier's "My quotes" page: its own quotes on every RFQ (an awarded one too), counter-
offers awaiting an answer first, a status filter, never another supplier's quote; reachable
from the inbox (the navigation row has no room left at 1280 px in French)."""

import pytest

from tradebridge.rfq.enums import QuoteStatus
from tradebridge.rfq.models import Deal
from tradebridge.rfq.tests.factories import CounterOfferFactory, QuoteFactory, RFQFactory

pytestmark = pytest.mark.django_db


def test_after_the_award_each_supplier_still_reaches_its_own_quote(market):
    market.client("buyer").post(f"/quotes/{market.quote_a.pk}/accept/", {"revision": "1"})
    deal = Deal.objects.get()
    winner = market.client("supplier_a").get("/supplier/quotes/").content.decode()
    assert f'data-quote="{market.quote_a.pk}"' in winner
    assert f'href="/deals/{deal.pk}/"' in winner
    assert f'data-quote="{market.quote_b.pk}"' not in winner
    loser = market.client("supplier_b").get("/supplier/quotes/").content.decode()
    assert f'data-quote="{market.quote_b.pk}"' in loser
    assert 'data-status="rejected"' in loser
    assert f'href="/supplier/rfqs/{market.rfq.pk}/"' in loser
    assert f'data-quote="{market.quote_a.pk}"' not in loser
    assert deal.reference not in loser


def test_a_counter_offer_to_answer_comes_first_and_has_its_own_filter(market):
    later_rfq = RFQFactory.create(buyer=market.rfq.buyer, title="Training cones")
    later = QuoteFactory.create(rfq=later_rfq, supplier=market.quote_a.supplier)
    CounterOfferFactory.create(quote=market.quote_a)
    client = market.client("supplier_a")
    html = client.get("/supplier/quotes/").content.decode()
    assert html.index(str(market.quote_a.pk)) < html.index(str(later.pk))
    assert "data-countered" in html
    countered = client.get("/supplier/quotes/?status=countered").content.decode()
    assert str(market.quote_a.pk) in countered
    assert str(later.pk) not in countered


def test_the_status_filter_narrows_and_an_unknown_one_shows_all(market):
    market.quote_a.status = QuoteStatus.WITHDRAWN
    market.quote_a.save()
    other = QuoteFactory.create(rfq=RFQFactory.create(), supplier=market.quote_a.supplier)
    client = market.client("supplier_a")
    withdrawn = client.get("/supplier/quotes/?status=withdrawn").content.decode()
    assert str(market.quote_a.pk) in withdrawn
    assert str(other.pk) not in withdrawn
    everything = client.get("/supplier/quotes/?status=bogus").content.decode()
    assert str(market.quote_a.pk) in everything
    assert str(other.pk) in everything


def test_the_page_is_linked_from_the_inbox(market):
    html = market.client("supplier_a").get("/supplier/rfqs/").content.decode()
    assert html.count('href="/supplier/quotes/"') == 1  # the nav has no room: the inbox links it
    assert 'id="my-quotes"' in html


@pytest.mark.parametrize("actor", ["buyer", "anonymous"])
def test_a_buyer_or_a_visitor_has_no_quotes_page(market, actor):
    response = market.client(actor).get("/supplier/quotes/")
    assert response.status_code in {302, 403, 404}
    assert str(market.quote_a.pk) not in response.content.decode()
