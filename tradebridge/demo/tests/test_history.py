"""The demo's trading history: RFQs open and awarded, quotes with revisions, a deal,
conversations with unread messages, the suppliers' response stats; loaded once."""

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from tradebridge.core.models import FxRate
from tradebridge.demo.banner import HISTORY_TOUR, ORDERS_TOUR, demo_login_lines
from tradebridge.demo.catalogs.loader import load_catalogs
from tradebridge.demo.history.actors import membership
from tradebridge.demo.history.loader import load_history
from tradebridge.demo.history.rfq_data import DEMO_RFQS
from tradebridge.demo.history.rfq_scenes import JONAS, Outcome
from tradebridge.demo.marketplace import DEMO_COMPANIES, load_people_and_companies
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.models import Message, ResponseRequest, SupplierResponseStats, Thread
from tradebridge.messaging.selectors import unread_count_for_user
from tradebridge.rfq.enums import (
    CounterOfferStatus,
    InvitationSource,
    QuoteStatus,
    RFQStatus,
    RFQVisibility,
)
from tradebridge.rfq.matching.selectors import rfq_inbox_for_supplier
from tradebridge.rfq.models import RFQ, CounterOffer, Deal, Quote, QuoteRevision, RFQInvitation

OWNERS = {
    company.people[0].email.split("@")[1]: company.people[0].email for company in DEMO_COMPANIES
}
# Units per euro, as the bundled ECB file has them.
RATES = {"USD": "1.0512", "CNY": "7.6420", "GBP": "0.8290"}


@pytest.fixture
def now() -> datetime:
    return timezone.now()


@pytest.fixture
def history(db, now):
    """The demo people, a slice of each catalog, one day of FX rates, and the history."""
    load_people_and_companies()
    load_catalogs(owners=OWNERS, per_type=1, giftware_limit=5)
    rates_on = (now - timedelta(days=60)).date()  # before the oldest quote
    for currency, rate in RATES.items():
        FxRate.objects.create(date=rates_on, currency=currency, rate=Decimal(rate))
    return load_history(now=now, orders=False)  # tests/test_orders.py loads those


def _snapshot() -> dict[str, object]:
    return {
        "rfqs": list(RFQ.objects.order_by("id").values_list("id", "status", "updated_at")),
        "invitations": RFQInvitation.objects.count(),
        "quotes": list(Quote.objects.order_by("id").values_list("id", "status", "updated_at")),
        "revisions": QuoteRevision.objects.count(),
        "counter_offers": CounterOffer.objects.count(),
        "deals": Deal.objects.count(),
        "threads": Thread.objects.count(),
        "messages": Message.objects.count(),
        "ledger": ResponseRequest.objects.count(),
        "stats": list(SupplierResponseStats.objects.values_list("supplier_id", "computed_at")),
    }


def test_the_demo_buyers_have_open_closed_and_awarded_rfqs_matched_to_suppliers(history, now):
    _assert_rfqs_in_five_languages(now)
    _assert_inboxes_ranked_with_reasons()


def _assert_rfqs_in_five_languages(now: datetime) -> None:
    assert RFQ.objects.count() == len(DEMO_RFQS) == 10
    statuses = Counter(RFQ.objects.values_list("status", flat=True))
    assert statuses == {RFQStatus.OPEN: 8, RFQStatus.CLOSED: 1, RFQStatus.AWARDED: 1}
    assert set(RFQ.objects.values_list("language", flat=True)) == {
        "de",
        "fr",
        "en",
        "es",
        "zh-hans",
    }
    for rfq in RFQ.objects.all():
        assert rfq.opened_at is not None
        if rfq.status == RFQStatus.OPEN:
            assert rfq.opened_at < now < rfq.quote_deadline
            assert rfq.created_at == rfq.opened_at
        else:
            assert rfq.closed_at is not None
            assert rfq.opened_at < rfq.quote_deadline == rfq.closed_at < now
    assert RFQ.objects.filter(visibility=RFQVisibility.INVITED).count() == 2
    invited = RFQInvitation.objects.filter(rfq__visibility=RFQVisibility.INVITED)
    assert set(invited.values_list("source", flat=True)) == {InvitationSource.INVITED}


def _assert_inboxes_ranked_with_reasons() -> None:
    ranked = RFQInvitation.objects.filter(rank__isnull=False)
    assert ranked.filter(source=InvitationSource.MATCHED).exists()
    assert all(row.reasons and row.notified_at for row in ranked)
    homewell = membership("ye.na@homewell-appliance.example")
    inbox = list(rfq_inbox_for_supplier(actor=homewell))
    assert "Sèche-cheveux ionique 2000 W pliable, marque blanche — 600 pièces" in [
        rfq.title for rfq in inbox
    ]
    dryers = RFQInvitation.objects.get(rfq__title__startswith="Sèche", supplier=homewell.company)
    codes = [reason["code"] for reason in dryers.reasons]
    assert dryers.rank == 1
    assert "category_products" in codes
    assert "replies_within" in codes  # ranked again once the response stats existed
    quoted = RFQInvitation.objects.filter(rfq__quotes__supplier=F("supplier"))
    assert quoted.exists()
    for row in quoted:
        assert row.seen_at is not None
        assert row.responded_at is not None
        assert row.seen_at < row.responded_at


def test_quotes_in_three_currencies_revised_after_counter_offers_and_one_deal(history):
    _assert_quotes_revised_after_counter_offers()
    _assert_one_awarded_rfq_with_a_deal()
    assert (history.quotes, history.deals) == (13, 1)


def _assert_quotes_revised_after_counter_offers() -> None:
    assert Quote.objects.count() == 13
    assert set(QuoteRevision.objects.values_list("currency", flat=True)) == {"CNY", "USD", "EUR"}
    revised = Quote.objects.filter(current_revision_number=2)
    assert revised.count() == 3
    for quote in revised:
        first, second = quote.revisions.order_by("number")
        assert first.created_at < second.created_at
        assert second.answers_counter_offer is not None
        assert second.answers_counter_offer.created_at < second.created_at
    offers = Counter(CounterOffer.objects.values_list("status", flat=True))
    assert offers == {CounterOfferStatus.ANSWERED: 3, CounterOfferStatus.OPEN: 2}
    assert all(revision.fx_rates for revision in QuoteRevision.objects.all())


def _assert_one_awarded_rfq_with_a_deal() -> None:
    awarded = [scene for scene in DEMO_RFQS if scene.outcome == Outcome.AWARDED]
    assert Deal.objects.count() == len(awarded) == 1
    deal = Deal.objects.select_related("rfq", "quote__supplier").get()
    assert deal.rfq.status == RFQStatus.AWARDED
    assert deal.rfq.quote_deadline < deal.created_at == deal.rfq.awarded_at
    assert deal.quote.supplier.display_name == "Haicang Sports"
    assert (deal.currency, deal.unit_price, deal.quantity) == ("USD", Decimal("7.5000"), 800)
    assert deal.quote.current_revision_number == 2
    others = Quote.objects.filter(rfq=deal.rfq).exclude(pk=deal.quote_id)
    assert list(others.values_list("status", flat=True)) == [QuoteStatus.REJECTED]


def test_conversations_leave_unread_messages_and_give_suppliers_response_stats(history, now):
    _assert_unread_messages(now)
    _assert_response_stats_differ()
    assert (history.threads, history.messages) == (9, 29)


def _assert_unread_messages(now: datetime) -> None:
    assert Thread.objects.count() == 9
    kinds = set(Thread.objects.values_list("subject_kind", flat=True))
    assert {SubjectKind.PRODUCT, SubjectKind.RFQ, SubjectKind.DEAL} <= kinds
    assert Message.objects.filter(created_at__gte=now).count() == 0
    # Each member sees the company's threads: what a colleague answered is unread for them.
    expected = {
        JONAS: 5,  # his three threads' last replies, and Haicang's two in Anna's glove thread
        "anna.schmidt@rheinsport.example": 6,  # the suppliers' replies in Jonas's threads
        "sarah.davis@lakeshore-supply.example": 2,  # Homewell's two in Mike's thread
        "mike.johnson@lakeshore-supply.example": 2,  # the replies in Sarah's two threads
        "xu.ting@lumen-electronics.example": 1,  # Claire's thanks
        "chen.jie@haicang-sports.example": 2,  # Jonas's two to Lin Wei about yoga mats
        "amelia.clarke@albion-giftware.example": 1,  # Hugo's unanswered question
    }
    unread = {email: unread_count_for_user(actor=membership(email)) for email in expected}
    assert unread == expected
    for thread in Thread.objects.all():
        latest = thread.messages.order_by("-created_at").first()
        assert latest is not None
        assert thread.last_message_at == latest.created_at


def _assert_response_stats_differ() -> None:
    stats = {
        row.supplier.display_name: (row.response_rate, row.median_first_response_seconds)
        for row in SupplierResponseStats.objects.select_related("supplier")
    }
    assert set(stats) == {
        "Haicang Sports",
        "Brightway Yiwu",
        "Lumen Electronics",
        "Stride Sportswear",
        "Homewell Appliance",
        "Silkroad Garment",
        "Albion Giftware",
    }
    assert stats["Albion Giftware"][0] is not None
    assert stats["Albion Giftware"][0] < 100  # never answered the French retailer
    assert stats["Lumen Electronics"][1] is not None
    assert stats["Homewell Appliance"][1] is not None
    assert len(set(stats.values())) > 3


def test_the_serve_banner_shows_where_the_history_is_once_loaded(history):
    lines = demo_login_lines()

    tour = [*HISTORY_TOUR, *ORDERS_TOUR]
    assert lines[-len(tour) :] == tour


def test_loading_the_history_again_creates_and_changes_nothing(history, now):
    before = _snapshot()

    again = load_history(now=now, orders=False)

    assert again.created() == []
    assert _snapshot() == before
