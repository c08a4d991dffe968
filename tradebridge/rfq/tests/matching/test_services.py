"""rfq_match: who is ranked and stored, who is notified, and that running it again changes
nothing it should not. No vector index here: text similarity is the lexical fallback."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind
from tradebridge.messaging.models import ResponseRequest, SupplierResponseStats
from tradebridge.rfq.enums import InvitationSource, RFQStatus, RFQVisibility
from tradebridge.rfq.models import RFQInvitation, RFQSettings
from tradebridge.rfq.services.matching import rfq_invitation_mark_seen, rfq_match
from tradebridge.rfq.services.rfq_statuses import rfq_open
from tradebridge.rfq.tests.factories import RFQFactory, RFQInvitationFactory
from tradebridge.rfq.tests.matching.conftest import SOCCER_BALLS, Market, supplier_with

pytestmark = pytest.mark.django_db


def _rows(market: Market) -> list[tuple[str, str, int | None]]:
    return [
        (row.supplier.display_name, row.source, row.rank)
        for row in RFQInvitation.objects.filter(rfq=market.rfq)
        .select_related("supplier")
        .order_by("rank", "supplier__display_name")
    ]


def test_the_fitting_supplier_is_stored_ranked_with_reasons_and_notified(market: Market) -> None:
    assert rfq_match(rfq_id=market.rfq.id) == 1

    row = RFQInvitation.objects.get(rfq=market.rfq)
    assert (row.supplier_id, row.source, row.rank) == (
        market.balls.id,
        InvitationSource.MATCHED,
        1,
    )
    assert row.reasons == [
        {"code": "category_products", "params": {"category": "Soccer Balls", "count": 2}},
        {"code": "similar_products", "params": {}},
        {"code": "certified", "params": {"certifications": "CE"}},
        {"code": "business_verified", "params": {}},
    ]
    assert row.score is not None
    assert 0.6 < row.score <= 1
    assert row.notified_at is not None
    assert ResponseRequest.objects.filter(
        supplier=market.balls, ref_id=market.rfq.id, kind="rfq_invitation"
    ).exists()


def test_unfit_suspended_own_and_unpublished_suppliers_are_never_matched(market: Market) -> None:
    suspended = supplier_with(["Match soccer ball size 5"], SOCCER_BALLS, is_active=False)
    drafts = SupplierFactory.create()
    ProductFactory.create(supplier=drafts, title="Soccer ball", status=ProductStatus.DRAFT)
    market.buyer.kind = CompanyKind.BOTH
    market.buyer.save(update_fields=["kind"])
    ProductFactory.create(
        supplier=market.buyer, title="Soccer ball size 5", category_id=SOCCER_BALLS
    )
    buyer_kind = supplier_with(["Soccer ball size 5"], SOCCER_BALLS, kind=CompanyKind.BUYER)

    rfq_match(rfq_id=market.rfq.id)

    stored = set(RFQInvitation.objects.filter(rfq=market.rfq).values_list("supplier_id", flat=True))
    assert stored == {market.balls.id}
    assert not stored & {suspended.id, drafts.id, market.buyer.id, buyer_kind.id, market.mugs.id}


def test_only_the_operators_number_of_suppliers_is_notified(market: Market) -> None:
    RFQSettings.objects.update_or_create(id=1, defaults={"suppliers_notified_per_rfq": 1})
    second = supplier_with(["Soccer ball size 5 PVC"], SOCCER_BALLS, display_name="B second")

    rfq_match(rfq_id=market.rfq.id)

    notified = dict(
        RFQInvitation.objects.filter(rfq=market.rfq).values_list("supplier_id", "notified_at")
    )
    assert set(notified) == {market.balls.id, second.id}
    assert notified[market.balls.id] is not None
    assert notified[second.id] is None
    assert not ResponseRequest.objects.filter(supplier=second).exists()


def test_invited_suppliers_keep_their_source_get_reasons_and_are_always_notified(
    market: Market,
) -> None:
    RFQSettings.objects.update_or_create(id=1, defaults={"suppliers_notified_per_rfq": 0})
    RFQInvitationFactory.create(rfq=market.rfq, supplier=market.mugs)

    rfq_match(rfq_id=market.rfq.id)

    row = RFQInvitation.objects.get(rfq=market.rfq, supplier=market.mugs)
    assert row.source == InvitationSource.INVITED
    assert row.reasons[0] == {"code": "invited", "params": {}}
    assert row.notified_at is not None
    assert RFQInvitation.objects.get(rfq=market.rfq, supplier=market.balls).notified_at is None


def test_an_invited_only_rfq_ranks_only_its_invited_suppliers(market: Market) -> None:
    market.rfq.visibility = RFQVisibility.INVITED
    market.rfq.save(update_fields=["visibility"])
    RFQInvitationFactory.create(rfq=market.rfq, supplier=market.mugs)

    assert rfq_match(rfq_id=market.rfq.id) == 1

    assert _rows(market) == [("Mug Works", InvitationSource.INVITED, 1)]


def test_running_again_adds_nothing_and_notifies_no_one_twice(market: Market) -> None:
    earlier = timezone.now() - timedelta(hours=1)
    rfq_match(rfq_id=market.rfq.id, now=earlier)
    newcomer = supplier_with(["Soccer ball size 5 PVC"], SOCCER_BALLS, display_name="A new")

    rfq_match(rfq_id=market.rfq.id)
    rfq_match(rfq_id=market.rfq.id)

    rows = {row.supplier_id: row for row in RFQInvitation.objects.filter(rfq=market.rfq)}
    assert set(rows) == {market.balls.id, newcomer.id}
    assert rows[market.balls.id].notified_at == earlier
    assert rows[newcomer.id].notified_at is not None
    assert ResponseRequest.objects.filter(ref_id=market.rfq.id).count() == 2


def test_a_supplier_that_no_longer_fits_keeps_its_row_without_a_rank(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    market.balls.is_active = False
    market.balls.save(update_fields=["is_active"])

    assert rfq_match(rfq_id=market.rfq.id) == 0

    assert RFQInvitation.objects.get(rfq=market.rfq).rank is None


@pytest.mark.parametrize("status", [RFQStatus.DRAFT, RFQStatus.CLOSED, RFQStatus.CANCELLED])
def test_an_rfq_that_is_not_open_is_not_matched(market: Market, status: RFQStatus) -> None:
    market.rfq.status = status
    market.rfq.save(update_fields=["status"])

    assert rfq_match(rfq_id=market.rfq.id) == 0
    assert not RFQInvitation.objects.exists()


def test_response_metrics_become_reasons(market: Market) -> None:
    SupplierResponseStats.objects.create(
        supplier=market.balls,
        response_rate=96,
        median_first_response_seconds=2 * 3600 + 10,
        requests_count=25,
        computed_at=timezone.now(),
    )

    rfq_match(rfq_id=market.rfq.id)

    reasons = RFQInvitation.objects.get(rfq=market.rfq).reasons
    assert reasons[-2:] == [
        {"code": "replies_within", "params": {"hours": 3}},
        {"code": "response_rate", "params": {"percent": 96}},
    ]


def test_an_unknown_rfq_is_a_no_op() -> None:
    assert rfq_match(rfq_id=RFQFactory.build().id) == 0


def test_opening_the_rfq_marks_it_seen_once(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    first = timezone.now() - timedelta(minutes=5)

    assert rfq_invitation_mark_seen(actor=market.balls_member, rfq_id=market.rfq.id, now=first)
    assert not rfq_invitation_mark_seen(actor=market.balls_member, rfq_id=market.rfq.id)
    assert not rfq_invitation_mark_seen(actor=market.mugs_member, rfq_id=market.rfq.id)

    assert RFQInvitation.objects.get(rfq=market.rfq).seen_at == first


def test_opening_a_draft_matches_it_through_the_event_map(
    market: Market, django_capture_on_commit_callbacks: Any
) -> None:
    draft = RFQFactory.create(
        buyer=market.buyer,
        status=RFQStatus.DRAFT,
        title="Soccer balls size 4",
        category_id=SOCCER_BALLS,
    )

    with django_capture_on_commit_callbacks(execute=True):
        rfq_open(actor=market.buyer_member, rfq_id=draft.id)

    row = RFQInvitation.objects.get(rfq=draft)
    assert (row.supplier_id, row.rank, row.source) == (market.balls.id, 1, "matched")
    assert row.notified_at is not None
