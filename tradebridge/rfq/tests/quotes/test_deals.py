"""Accepting a quote: the deal freezes its terms; nothing can change them afterwards (X2)."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tradebridge.catalog.pricing import Tier
from tradebridge.core.errors import DomainError, NotFound, PermissionDenied
from tradebridge.core.models import AuditEvent
from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQStatus
from tradebridge.rfq.events import DealAgreed
from tradebridge.rfq.models import RFQ, CounterOffer, Deal, Quote, QuoteRevision
from tradebridge.rfq.services.counter_offers import (
    counter_offer_create,
    counter_offer_decline,
    counter_offer_withdraw,
)
from tradebridge.rfq.services.deals import quote_accept
from tradebridge.rfq.services.quotes import (
    quote_reject,
    quote_revise,
    quote_submit,
    quote_withdraw,
    quotes_expire,
)
from tradebridge.rfq.tests.quotes.conftest import Market, quote_input

pytestmark = pytest.mark.django_db


def submitted(market: Market) -> tuple[Quote, Quote]:
    a = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    b = quote_submit(
        actor=market.supplier_b,
        rfq_id=market.rfq.pk,
        data=quote_input(currency="CNY", tiers=(Tier(500, Decimal(28)),), moq=500),
    )
    return a, b


def test_accepting_freezes_the_terms_into_a_deal_and_awards_the_rfq(
    market: Market, agreed: list[DealAgreed], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    a, b = submitted(market)
    offer = counter_offer_create(
        actor=market.buyer, quote_id=b.pk, target_unit_price=Decimal(25), currency="CNY"
    )

    with django_capture_on_commit_callbacks(execute=True):
        deal = quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1)

    assert (deal.currency, deal.unit_price, deal.quantity) == ("USD", Decimal("3.90"), 1000)
    assert deal.total == Decimal("3900.00")
    assert (deal.incoterm, deal.named_place, deal.lead_time_days) == ("FOB", "Xiamen", 30)
    assert (deal.deposit_percent, deal.balance_due) == (Decimal(30), "before_shipment")
    assert deal.fx["rates"] == {"EUR": "1", "USD": "1.08"}
    assert deal.fx["source"] == "ECB"
    assert (deal.fx["buyer_currency"], deal.fx["rate"][:12]) == ("EUR", "0.9259259259")
    assert (deal.buyer_id, deal.supplier_id) == (market.rfq.buyer_id, a.supplier_id)
    assert deal.reference.startswith("DEAL-")
    statuses = dict(Quote.objects.values_list("pk", "status"))
    assert statuses == {a.pk: QuoteStatus.ACCEPTED, b.pk: QuoteStatus.REJECTED}
    assert RFQ.objects.get(pk=market.rfq.pk).status == RFQStatus.AWARDED
    assert CounterOffer.objects.get(pk=offer.pk).status == CounterOfferStatus.WITHDRAWN
    assert [event.deal_id for event in agreed] == [deal.pk]
    assert AuditEvent.objects.filter(action="quote.accepted", object_id=str(deal.pk)).exists()
    assert AuditEvent.objects.filter(action="quote.rejected", object_id=str(b.pk)).exists()


def test_the_buyer_accepts_exactly_the_revision_it_saw(market: Market) -> None:
    a, _b = submitted(market)
    quote_revise(actor=market.supplier_a, quote_id=a.pk, data=quote_input(moq=200))

    with pytest.raises(DomainError) as error:
        quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1)

    assert (error.value.http_status, error.value.code) == (409, "quote_changed")
    assert error.value.details == {"expected": 1, "current": 2}
    assert not Deal.objects.exists()
    assert quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=2).quantity == 1000


def test_a_quantity_given_at_acceptance_picks_its_tier_and_must_reach_the_moq(
    market: Market,
) -> None:
    a, _b = submitted(market)

    with pytest.raises(DomainError) as error:
        quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1, quantity=99)
    assert (error.value.http_status, error.value.code) == (422, "below_moq")
    assert not Deal.objects.exists()

    deal = quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1, quantity=300)
    assert (deal.quantity, deal.unit_price, deal.total) == (300, Decimal("4.20"), Decimal(1260))


def test_an_rfq_quantity_below_the_moq_is_dealt_at_the_moq(market: Market) -> None:
    _a, b = submitted(market)
    RFQ.objects.filter(pk=market.rfq.pk).update(quantity=200)

    deal = quote_accept(actor=market.buyer, quote_id=b.pk, expected_revision=1)

    assert (deal.quantity, deal.unit_price, deal.currency) == (500, Decimal(28), "CNY")


def test_a_quote_past_its_validity_cannot_be_accepted(market: Market) -> None:
    a, _b = submitted(market)
    QuoteRevision.objects.filter(quote=a).update(valid_until=timezone.now().date() - timedelta(1))

    with pytest.raises(DomainError) as error:
        quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1)

    assert (error.value.http_status, error.value.code) == (409, "quote_validity_expired")
    assert Quote.objects.get(pk=a.pk).status == QuoteStatus.SUBMITTED


def test_only_the_rfqs_buyer_with_the_role_accepts(market: Market) -> None:
    a, _b = submitted(market)

    with pytest.raises(PermissionDenied):
        quote_accept(actor=market.buyer_viewer, quote_id=a.pk, expected_revision=1)
    for outsider in (market.other_buyer, market.supplier_a):
        with pytest.raises((NotFound, PermissionDenied)):
            quote_accept(actor=outsider, quote_id=a.pk, expected_revision=1)
    assert not Deal.objects.exists()
    assert Quote.objects.get(pk=a.pk).status == QuoteStatus.SUBMITTED


def _every_change(market: Market, quote: Quote) -> list[Callable[[], object]]:
    return [
        lambda: quote_revise(actor=market.supplier_a, quote_id=quote.pk, data=quote_input()),
        lambda: quote_withdraw(actor=market.supplier_a, quote_id=quote.pk),
        lambda: quote_reject(actor=market.buyer, quote_id=quote.pk),
        lambda: quote_accept(actor=market.buyer, quote_id=quote.pk, expected_revision=1),
        lambda: counter_offer_create(
            actor=market.buyer, quote_id=quote.pk, target_unit_price=Decimal(1), currency="USD"
        ),
    ]


def test_x2_accepted_terms_are_frozen_on_every_path(market: Market) -> None:
    a, _b = submitted(market)
    deal = quote_accept(actor=market.buyer, quote_id=a.pk, expected_revision=1)
    frozen = Deal.objects.values().get(pk=deal.pk)
    revisions = list(QuoteRevision.objects.filter(quote=a).values())

    for change in _every_change(market, a):
        with pytest.raises(DomainError) as error:
            change()
        assert (error.value.http_status, error.value.code) == (409, "invalid_transition")
    assert quotes_expire(now=timezone.now() + timedelta(days=400)) == 0

    assert Deal.objects.values().get(pk=deal.pk) == frozen
    assert list(QuoteRevision.objects.filter(quote=a).values()) == revisions
    assert Quote.objects.get(pk=a.pk).status == QuoteStatus.ACCEPTED
    assert Deal.objects.count() == 1


@pytest.mark.parametrize(
    "status", [QuoteStatus.WITHDRAWN, QuoteStatus.EXPIRED, QuoteStatus.REJECTED]
)
def test_every_change_of_an_ended_quote_is_an_invalid_transition(
    market: Market, status: QuoteStatus
) -> None:
    a, _b = submitted(market)
    Quote.objects.filter(pk=a.pk).update(status=status)

    for change in _every_change(market, a):
        with pytest.raises(DomainError) as error:
            change()
        assert (error.value.http_status, error.value.code) == (409, "invalid_transition")
    assert Quote.objects.get(pk=a.pk).status == status
    assert QuoteRevision.objects.filter(quote=a).count() == 1
    assert not Deal.objects.exists()
    assert not CounterOffer.objects.exists()


def test_one_open_counter_offer_per_quote_and_its_thread_is_kept(market: Market) -> None:
    a, _b = submitted(market)
    first = counter_offer_create(
        actor=market.buyer, quote_id=a.pk, target_unit_price=Decimal("3.50"), currency="USD"
    )

    with pytest.raises(DomainError) as error:
        counter_offer_create(
            actor=market.buyer, quote_id=a.pk, target_unit_price=Decimal(3), currency="USD"
        )
    assert (error.value.http_status, error.value.code) == (409, "counter_offer_open")

    counter_offer_decline(actor=market.supplier_a, counter_offer_id=first.pk)
    second = counter_offer_create(
        actor=market.buyer,
        quote_id=a.pk,
        target_unit_price=Decimal("3.70"),
        currency="USD",
        quantity=2000,
        terms="Deposit 20%",
    )
    counter_offer_withdraw(actor=market.buyer, counter_offer_id=second.pk)

    thread = list(CounterOffer.objects.filter(quote=a).order_by("created_at"))
    assert [(o.target_unit_price, o.status) for o in thread] == [
        (Decimal("3.50"), CounterOfferStatus.DECLINED),
        (Decimal("3.70"), CounterOfferStatus.WITHDRAWN),
    ]
    assert thread[1].revision.number == 1


@pytest.mark.parametrize(
    "status",
    [CounterOfferStatus.ANSWERED, CounterOfferStatus.DECLINED, CounterOfferStatus.WITHDRAWN],
)
def test_a_closed_counter_offer_cannot_be_declined_or_withdrawn(
    market: Market, status: CounterOfferStatus
) -> None:
    a, _b = submitted(market)
    offer = counter_offer_create(
        actor=market.buyer, quote_id=a.pk, target_unit_price=Decimal(3), currency="USD"
    )
    CounterOffer.objects.filter(pk=offer.pk).update(status=status)

    for change in (
        lambda: counter_offer_decline(actor=market.supplier_a, counter_offer_id=offer.pk),
        lambda: counter_offer_withdraw(actor=market.buyer, counter_offer_id=offer.pk),
    ):
        with pytest.raises(DomainError) as error:
            change()
        assert (error.value.http_status, error.value.code) == (409, "invalid_transition")
    assert CounterOffer.objects.get(pk=offer.pk).status == status


def test_counter_offers_belong_to_their_two_parties(market: Market) -> None:
    a, b = submitted(market)
    offer = counter_offer_create(
        actor=market.buyer, quote_id=a.pk, target_unit_price=Decimal(3), currency="USD"
    )

    with pytest.raises(NotFound):
        counter_offer_create(
            actor=market.other_buyer, quote_id=a.pk, target_unit_price=Decimal(3), currency="USD"
        )
    with pytest.raises(NotFound):
        counter_offer_decline(actor=market.supplier_b, counter_offer_id=offer.pk)
    with pytest.raises(NotFound):
        counter_offer_withdraw(actor=market.other_buyer, counter_offer_id=offer.pk)
    with pytest.raises(NotFound):  # only the quoting supplier declines
        counter_offer_decline(actor=market.buyer, counter_offer_id=offer.pk)
    with pytest.raises(NotFound):  # only the buyer withdraws
        counter_offer_withdraw(actor=market.supplier_a, counter_offer_id=offer.pk)
    assert CounterOffer.objects.get(pk=offer.pk).status == CounterOfferStatus.OPEN
    assert not CounterOffer.objects.filter(quote=b).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"target_unit_price": Decimal(0)}, "target_unit_price"),
        ({"target_unit_price": Decimal("1.00001")}, "target_unit_price"),
        ({"currency": "XXQ"}, "currency"),
        ({"quantity": 0}, "quantity"),
        ({"terms": "x" * 2001}, "terms"),
    ],
)
def test_an_invalid_counter_offer_is_refused(
    market: Market, fields: dict[str, object], field: str
) -> None:
    a, _b = submitted(market)
    arguments: dict[str, object] = {"target_unit_price": Decimal(3), "currency": "USD"}
    arguments.update(fields)

    with pytest.raises(DomainError) as error:
        counter_offer_create(actor=market.buyer, quote_id=a.pk, **arguments)  # type: ignore[arg-type]

    assert (error.value.code, error.value.details["field"]) == ("invalid_counter_offer", field)
    assert not CounterOffer.objects.exists()
