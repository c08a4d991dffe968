"""Races on PostgreSQL: real threads, real transactions, real row locks."""

import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection

from tradebridge.catalog.pricing import Tier
from tradebridge.core.errors import DomainError
from tradebridge.rfq.enums import QuoteStatus, RFQStatus
from tradebridge.rfq.models import RFQ, Deal, Quote, QuoteRevision
from tradebridge.rfq.services.deals import quote_accept
from tradebridge.rfq.services.quotes import quote_revise, quote_submit, quote_withdraw
from tradebridge.rfq.tests.quotes.conftest import Market, quote_input

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(calls: list[Callable[[], object]]) -> list[str]:
    """Run `calls` at the same moment in threads; return "ok" or the error code of each."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_two_accepts_at_once_make_one_deal(market: Market) -> None:
    a = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    b = quote_submit(actor=market.supplier_b, rfq_id=market.rfq.pk, data=quote_input())

    outcomes = _race(
        [
            lambda: quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1),
            lambda: quote_accept(actor=market.buyer, quote_id=b.pk, expected_revision=1),
        ]
    )

    assert outcomes == ["invalid_transition", "ok"]
    deal = Deal.objects.get()
    statuses = dict(Quote.objects.values_list("pk", "status"))
    assert statuses[deal.quote_id] == QuoteStatus.ACCEPTED
    assert sorted(statuses.values()) == [QuoteStatus.ACCEPTED, QuoteStatus.REJECTED]
    assert RFQ.objects.get(pk=market.rfq.pk).status == RFQStatus.AWARDED


def test_the_same_accept_twice_at_once_makes_one_deal(market: Market) -> None:
    a = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    outcomes = _race(
        [lambda: quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1)] * 3
    )

    assert outcomes == ["invalid_transition"] * 2 + ["ok"]
    assert Deal.objects.count() == 1


def test_a_revision_racing_the_accept_never_changes_the_accepted_price(market: Market) -> None:
    a = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    cheaper = quote_input(tiers=(Tier(100, Decimal("4.00")), Tier(1000, Decimal("3.10"))))

    outcomes = _race(
        [
            lambda: quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1),
            lambda: quote_revise(actor=market.supplier_a, quote_id=a.pk, data=cheaper),
        ]
    )

    deals = list(Deal.objects.all())
    if outcomes == ["invalid_transition", "ok"]:  # the accept went first
        assert deals[0].unit_price == Decimal("3.90")
        assert QuoteRevision.objects.filter(quote=a).count() == 1
    else:  # the revision went first: the buyer accepted revision 1, which is gone
        assert outcomes == ["ok", "quote_changed"]
        assert deals == []


def test_simultaneous_submissions_respect_the_quote_cap(market: Market) -> None:
    RFQ.objects.filter(pk=market.rfq.pk).update(quote_cap=1)

    outcomes = _race(
        [
            lambda: quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input()),
            lambda: quote_submit(actor=market.supplier_b, rfq_id=market.rfq.pk, data=quote_input()),
        ]
    )

    assert outcomes == ["ok", "rfq_not_taking_quotes"]
    assert Quote.objects.count() == 1


def test_a_withdrawal_racing_the_accept_leaves_one_outcome(market: Market) -> None:
    a = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    outcomes = _race(
        [
            lambda: quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1),
            lambda: quote_withdraw(actor=market.supplier_a, quote_id=a.pk),
        ]
    )

    assert outcomes == ["invalid_transition", "ok"]
    status = Quote.objects.get(pk=a.pk).status
    assert (status, Deal.objects.count()) in {(QuoteStatus.ACCEPTED, 1), (QuoteStatus.WITHDRAWN, 0)}
