"""The buyer's quotes on its RFQ page: the comparison (sort, currency, best marks, the HTMX
fragment), counter-offers, accepting the exact revision seen, rejecting; and the roles that
may not."""

from decimal import Decimal

import pytest

from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQStatus
from tradebridge.rfq.models import CounterOffer, Deal
from tradebridge.rfq.tests.factories import CounterOfferFactory, QuoteRevisionFactory
from tradebridge.rfq.tests.web.conftest import HTMX

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    """The comparison's suppliers, in the order shown."""
    body = html.split('id="comparison-table"', 1)[1].split("</table>", 1)[0]
    names = ("Xiamen Balls", "Ningbo Sports")
    positions = sorted((body.index(name), name) for name in names if name in body)
    return [name for _position, name in positions]


def test_the_buyer_sees_both_quotes_side_by_side(market):
    html = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/").content.decode()
    # A: 3.90 USD at 1000 (1 EUR = 1.08 USD) = 3.6111 EUR; B: 27.50 CNY (7.65) = 3.5948 EUR
    assert _rows(html) == ["Ningbo Sports", "Xiamen Balls"]
    assert "€3,611.11" in html
    assert "€3,594.77" in html
    assert html.count("best-mark") >= 3  # B: unit price, total, lead time at least


def test_sorting_by_a_column_and_flipping_it(market):
    client = market.client("buyer")
    by_lead = client.get(f"/rfqs/{market.rfq.pk}/?sort=lead_time_days").content.decode()
    assert _rows(by_lead) == ["Ningbo Sports", "Xiamen Balls"]
    flipped = client.get(f"/rfqs/{market.rfq.pk}/?sort=-lead_time_days").content.decode()
    assert _rows(flipped) == ["Xiamen Balls", "Ningbo Sports"]
    assert 'aria-sort="descending"' in flipped


def test_an_unknown_sort_falls_back_to_the_total(market):
    html = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/?sort=price;drop").content.decode()
    assert _rows(html) == ["Ningbo Sports", "Xiamen Balls"]


def test_the_currency_selector_converts_at_the_frozen_rates(market):
    html = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/?currency=USD").content.decode()
    assert "US$3,900.00" in html or "$3,900.00" in html


def test_the_htmx_fragment_is_the_table_alone(market):
    headers = {**HTMX, "HX-Target": "comparison"}
    response = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/?sort=-total", headers=headers)
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card comparison" id="comparison"')
    assert "<html" not in html
    assert _rows(html) == ["Xiamen Balls", "Ningbo Sports"]


def test_a_supplier_never_gets_the_fragment(market):
    headers = {**HTMX, "HX-Target": "comparison"}
    response = market.client("supplier_a").get(f"/rfqs/{market.rfq.pk}/", headers=headers)
    assert response.status_code == 404
    assert "Ningbo" not in response.content.decode()
    assert "27.5" not in response.content.decode()


def test_the_revision_history_and_counter_offers_are_shown(market):
    QuoteRevisionFactory.create(quote=market.quote_a, number=2, tiers=[
        {"min_quantity": 100, "unit_price": "4.00"}, {"min_quantity": 1000, "unit_price": "3.70"}
    ])  # fmt: skip
    market.quote_a.current_revision_number = 2
    market.quote_a.status = QuoteStatus.REVISED
    market.quote_a.save()
    CounterOfferFactory.create(quote=market.quote_a, target_unit_price=Decimal("3.50"))
    html = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/").content.decode()
    assert "2 revisions" in html
    assert "Revision 2 of" in html
    assert "$3.50" in html or "US$3.50" in html


# ---------- counter-offer ----------


def test_the_buyer_counters_a_quote_in_its_currency(market):
    client = market.client("purchaser")
    assert client.get(f"/quotes/{market.quote_a.pk}/counter-offer/").status_code == 200
    response = client.post(
        f"/quotes/{market.quote_a.pk}/counter-offer/",
        {"target_unit_price": "3.60", "quantity": "1200", "terms": "Deposit 20%."},
    )
    assert response.status_code == 302
    offer = CounterOffer.objects.get()
    assert (offer.target_unit_price, offer.currency, offer.quantity) == (
        Decimal("3.6000"),
        "USD",
        1200,
    )


def test_a_bad_counter_offer_is_refused_beside_its_field(market):
    response = market.client("buyer").post(
        f"/quotes/{market.quote_a.pk}/counter-offer/", {"target_unit_price": "0"}
    )
    assert response.status_code == 400
    assert "field--error" in response.content.decode()
    assert CounterOffer.objects.count() == 0


def test_a_second_open_counter_offer_is_refused(market):
    CounterOfferFactory.create(quote=market.quote_a)
    response = market.client("buyer").post(
        f"/quotes/{market.quote_a.pk}/counter-offer/", {"target_unit_price": "3.10"}
    )
    assert response.status_code == 400
    assert CounterOffer.objects.count() == 1


@pytest.mark.parametrize("actor", ["buyer_viewer", "buyer_sales"])
def test_roles_that_may_not_accept_cannot_counter(market, actor):
    response = market.client(actor).post(
        f"/quotes/{market.quote_a.pk}/counter-offer/", {"target_unit_price": "3.10"}
    )
    assert response.status_code == 403
    assert CounterOffer.objects.count() == 0


# ---------- accept, reject ----------


def test_the_confirmation_shows_the_exact_terms(market):
    html = market.client("buyer").get(f"/quotes/{market.quote_a.pk}/accept/?revision=1")
    text = html.content.decode()
    assert "$3.90" in text or "US$3.90" in text
    assert "$3,900.00" in text or "US$3,900.00" in text
    assert 'name="revision" value="1"' in text
    assert "quote-changed" not in text


def test_accepting_the_revision_seen_makes_the_deal(market):
    response = market.client("buyer").post(
        f"/quotes/{market.quote_a.pk}/accept/", {"revision": "1"}
    )
    deal = Deal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/deals/{deal.pk}/"
    assert (deal.unit_price, deal.quantity, deal.currency) == (Decimal("3.9000"), 1000, "USD")
    market.rfq.refresh_from_db()
    assert market.rfq.status == RFQStatus.AWARDED


def test_accepting_a_stale_revision_is_refused_and_shows_the_new_terms(market):
    QuoteRevisionFactory.create(quote=market.quote_a, number=2)
    market.quote_a.current_revision_number = 2
    market.quote_a.status = QuoteStatus.REVISED
    market.quote_a.save()
    response = market.client("buyer").post(
        f"/quotes/{market.quote_a.pk}/accept/", {"revision": "1"}
    )
    assert response.status_code == 409
    assert 'name="revision" value="2"' in response.content.decode()
    assert Deal.objects.count() == 0


def test_a_viewer_cannot_accept(market):
    response = market.client("buyer_viewer").post(
        f"/quotes/{market.quote_a.pk}/accept/", {"revision": "1"}
    )
    assert response.status_code == 403
    assert Deal.objects.count() == 0


def test_the_buyer_rejects_a_quote(market):
    client = market.client("buyer")
    assert client.get(f"/quotes/{market.quote_b.pk}/reject/").status_code == 200
    client.post(f"/quotes/{market.quote_b.pk}/reject/")
    market.quote_b.refresh_from_db()
    assert market.quote_b.status == QuoteStatus.REJECTED
    html = client.get(f"/rfqs/{market.rfq.pk}/").content.decode()
    assert _rows(html) == ["Xiamen Balls"]


def test_a_supplier_cannot_accept_or_reject_its_own_quote(market):
    client = market.client("supplier_a")
    assert client.post(f"/quotes/{market.quote_a.pk}/accept/", {"revision": "1"}).status_code == 404
    assert client.post(f"/quotes/{market.quote_a.pk}/reject/").status_code == 404
    market.quote_a.refresh_from_db()
    assert market.quote_a.status == QuoteStatus.SUBMITTED


def test_the_message_link_starts_a_thread_about_the_quote(market):
    html = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/").content.decode()
    assert (
        f"/messages/new/?supplier=xiamen-balls&amp;subject_kind=quote&amp;subject_id={market.quote_a.pk}"
        in html
    )


def test_counter_offer_status_is_shown_to_the_buyer(market):
    CounterOfferFactory.create(quote=market.quote_b, status=CounterOfferStatus.DECLINED)
    html = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/").content.decode()
    assert "Declined" in html


def test_the_buyer_withdraws_its_open_counter_offer(market):
    offer = CounterOfferFactory.create(quote=market.quote_a)
    response = market.client("buyer").post(f"/counter-offers/{offer.pk}/withdraw/")
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == CounterOfferStatus.WITHDRAWN


def test_a_supplier_cannot_withdraw_the_buyers_counter_offer(market):
    offer = CounterOfferFactory.create(quote=market.quote_a)
    response = market.client("supplier_a").post(f"/counter-offers/{offer.pk}/withdraw/")
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.status == CounterOfferStatus.OPEN


def test_an_awarded_rfq_says_so_links_the_deal_and_lists_every_quote(market):
    client = market.client("buyer")
    client.post(f"/quotes/{market.quote_a.pk}/accept/", {"revision": "1"})
    deal = Deal.objects.get()
    html = client.get(f"/rfqs/{market.rfq.pk}/").content.decode()
    assert "No quote to compare yet" not in html
    assert 'id="rfq-awarded"' in html
    assert deal.reference in html
    assert f'href="/deals/{deal.pk}/"' in html
    market.quote_b.refresh_from_db()
    assert market.quote_b.status == QuoteStatus.REJECTED
    assert 'data-status="accepted"' in html
    assert 'data-status="rejected"' in html


def test_a_closed_rfq_with_quotes_does_not_promise_more(market):
    market.quote_a.status = QuoteStatus.WITHDRAWN
    market.quote_a.save()
    market.quote_b.status = QuoteStatus.WITHDRAWN
    market.quote_b.save()
    market.rfq.status = RFQStatus.CLOSED
    market.rfq.save()
    html = market.client("buyer").get(f"/rfqs/{market.rfq.pk}/").content.decode()
    assert "No quote to compare yet" not in html
    assert "Every quote received is listed with its status" in html


def test_the_confirmation_also_shows_the_total_in_the_buyers_currency_at_the_frozen_rate(market):
    html = market.client("buyer").get(f"/quotes/{market.quote_b.pk}/accept/?revision=1")
    text = html.content.decode()
    converted = text.split('id="converted-total">', 1)[1].split("</span>", 1)[0]
    # 27.50 CNY x 1000 at the revision's frozen 7.65 CNY per EUR
    assert "€3,594.77" in converted
    assert "at the rate frozen with the quote" in converted


def test_a_quote_in_the_buyers_currency_needs_no_conversion(market):
    market.rfq.currency = "USD"
    market.rfq.save()
    text = market.client("buyer").get(f"/quotes/{market.quote_a.pk}/accept/").content.decode()
    assert 'id="converted-total"' not in text
