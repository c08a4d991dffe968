"""Reads of quotes and deals: tenant scoping, the comparison at frozen rates, query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.core.errors import NotFound
from tradebridge.core.models import FxRate
from tradebridge.messaging.models import SupplierResponseStats
from tradebridge.rfq.comparison import Column
from tradebridge.rfq.enums import QuoteStatus
from tradebridge.rfq.models import RFQ, Quote
from tradebridge.rfq.quote_selectors import (
    deal_get_for_party,
    deal_list_for_actor,
    quote_comparison_for_buyer,
    quote_count_visible_to_supplier,
    quote_get_for_buyer,
    quote_get_for_member,
    quote_get_for_supplier,
    quote_list_for_buyer,
    quote_list_for_supplier,
)
from tradebridge.rfq.services.deals import quote_accept
from tradebridge.rfq.services.quotes import quote_submit, quote_withdraw
from tradebridge.rfq.tests.quotes.conftest import Market, member, quote_input

pytestmark = pytest.mark.django_db


def two_quotes(market: Market) -> tuple[Quote, Quote]:
    a = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    b = quote_submit(
        actor=market.supplier_b,
        rfq_id=market.rfq.pk,
        data=quote_input(
            currency="CNY", tiers=(Tier(100, Decimal(30)), Tier(1000, Decimal(27))), moq=100
        ),
    )
    return a, b


def test_the_buyer_sees_every_quote_a_supplier_only_its_own(market: Market) -> None:
    a, b = two_quotes(market)

    assert list(quote_list_for_buyer(actor=market.buyer, rfq_id=market.rfq.pk)) == [a, b]
    assert list(quote_list_for_supplier(actor=market.supplier_b, rfq_id=market.rfq.pk)) == [b]
    assert list(quote_list_for_supplier(actor=market.supplier_b)) == [b]
    with pytest.raises(NotFound):
        quote_list_for_buyer(actor=market.supplier_b, rfq_id=market.rfq.pk)
    with pytest.raises(NotFound):
        quote_list_for_buyer(actor=market.other_buyer, rfq_id=market.rfq.pk)


def test_one_quote_is_read_by_its_two_parties_only(market: Market) -> None:
    a, _b = two_quotes(market)

    assert quote_get_for_buyer(actor=market.buyer, quote_id=a.pk) == a
    assert quote_get_for_supplier(actor=market.supplier_a, quote_id=a.pk) == a
    assert quote_get_for_member(actor=market.buyer, quote_id=a.pk) == (a, True)
    assert quote_get_for_member(actor=market.supplier_a, quote_id=a.pk) == (a, False)
    for outsider in (market.supplier_b, market.other_buyer):
        with pytest.raises(NotFound):
            quote_get_for_member(actor=outsider, quote_id=a.pk)
    with pytest.raises(NotFound):
        quote_get_for_supplier(actor=market.buyer, quote_id=a.pk)


def test_an_inactive_membership_reads_nothing(market: Market) -> None:
    a, _b = two_quotes(market)
    market.supplier_a.is_active = False
    market.supplier_a.save()

    assert not quote_list_for_supplier(actor=market.supplier_a).exists()
    with pytest.raises(NotFound):
        quote_get_for_supplier(actor=market.supplier_a, quote_id=a.pk)


def test_the_quote_count_is_shown_only_when_the_buyer_chose(market: Market) -> None:
    a, _b = two_quotes(market)
    quote_withdraw(actor=market.supplier_a, quote_id=a.pk)

    assert quote_count_visible_to_supplier(rfq=market.rfq) is None
    RFQ.objects.filter(pk=market.rfq.pk).update(show_quote_count=True)
    assert quote_count_visible_to_supplier(rfq=RFQ.objects.get(pk=market.rfq.pk)) == 1


def test_the_comparison_converts_at_the_rates_frozen_with_each_revision(market: Market) -> None:
    a, b = two_quotes(market)
    FxRate.objects.update(rate=Decimal(2))  # newer rates must not change a frozen comparison

    comparison = quote_comparison_for_buyer(
        actor=market.buyer, rfq_id=market.rfq.pk, currency="EUR", today=timezone.now().date()
    )

    rows = {row.terms.quote_id: row for row in comparison.rows}
    assert rows[a.pk].total.amount == Decimal("3.90") * 1000 / Decimal("1.08")
    assert rows[b.pk].total.amount == Decimal(27) * 1000 / Decimal("7.65")
    assert all(row.rate_frozen for row in comparison.rows)
    # 27,000 CNY (3,529.41 EUR) beats 3,900 USD (3,611.11 EUR): cheapest total first.
    assert [row.terms.quote_id for row in comparison.rows] == [b.pk, a.pk]
    assert rows[b.pk].best == {
        Column.TOTAL,
        Column.UNIT_PRICE,
        Column.LEAD_TIME_DAYS,
        Column.DEPOSIT_PERCENT,
        Column.VERIFICATION,
    }


def test_the_comparison_in_an_unfrozen_currency_uses_the_latest_rate(market: Market) -> None:
    two_quotes(market)

    comparison = quote_comparison_for_buyer(
        actor=market.buyer, rfq_id=market.rfq.pk, currency="JPY", today=timezone.now().date()
    )

    assert {row.rate_frozen for row in comparison.rows} == {False}
    assert {row.total.currency for row in comparison.rows} == {"JPY"}


def test_the_comparison_shows_supplier_facts_and_omits_ended_quotes(market: Market) -> None:
    a, b = two_quotes(market)
    RFQ.objects.filter(pk=market.rfq.pk).update(certifications=["CE", "ISO 9001"])
    ProductFactory.create(supplier=market.supplier_a.company, certifications=["ce"])
    SupplierResponseStats.objects.create(
        supplier=market.supplier_a.company,
        response_rate=92,
        median_first_response_seconds=3 * 3600,
        requests_count=12,
        computed_at=timezone.now(),
    )
    quote_withdraw(actor=market.supplier_b, quote_id=b.pk)

    comparison = quote_comparison_for_buyer(
        actor=market.buyer,
        rfq_id=market.rfq.pk,
        sort_by=Column.RESPONSE_RATE,
        today=timezone.now().date(),
    )

    assert [row.terms.quote_id for row in comparison.rows] == [a.pk]
    facts = comparison.rows[0].terms.supplier
    assert (facts.response_rate, facts.median_response_seconds) == (Decimal(92), 10800)
    assert comparison.currency == "EUR"  # the buyer's default currency


def test_the_comparison_is_the_buyers_alone(market: Market) -> None:
    two_quotes(market)

    for outsider in (market.supplier_a, market.other_buyer):
        with pytest.raises(NotFound):
            quote_comparison_for_buyer(
                actor=outsider, rfq_id=market.rfq.pk, today=timezone.now().date()
            )


def test_a_deal_is_seen_by_its_two_companies(market: Market) -> None:
    a, _b = two_quotes(market)
    deal = quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1)

    assert list(deal_list_for_actor(actor=market.buyer)) == [deal]
    assert list(deal_list_for_actor(actor=market.supplier_a)) == [deal]
    assert not deal_list_for_actor(actor=market.supplier_b).exists()
    assert deal_get_for_party(actor=market.supplier_a, deal_id=deal.pk) == deal
    for outsider in (market.supplier_b, market.other_buyer):
        with pytest.raises(NotFound):
            deal_get_for_party(actor=outsider, deal_id=deal.pk)


def test_listing_quotes_costs_the_same_queries_whatever_their_number(market: Market) -> None:
    client = Client()
    client.force_login(market.buyer.user)
    url = f"/api/v1/rfqs/{market.rfq.pk}/quotes"
    quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    client.get(url)  # warm the session and the content types

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).json()["count"] == 1
    for _ in range(3):
        supplier = member(SupplierFactory.create())
        quote_submit(actor=supplier, rfq_id=market.rfq.pk, data=quote_input())
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).json()["count"] == 4

    assert len(four) == len(one)
    assert Quote.objects.filter(status=QuoteStatus.SUBMITTED).count() == 4


def test_the_comparison_costs_the_same_queries_whatever_the_number_of_quotes(
    market: Market,
) -> None:
    client = Client()
    client.force_login(market.buyer.user)
    url = f"/api/v1/rfqs/{market.rfq.pk}/comparison?currency=JPY"
    quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    client.get(url)

    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url).json()["rows"]) == 1
    for _ in range(3):
        quote_submit(
            actor=member(SupplierFactory.create()), rfq_id=market.rfq.pk, data=quote_input()
        )
    with CaptureQueriesContext(connection) as four:
        assert len(client.get(url).json()["rows"]) == 4

    assert len(four) == len(one)
