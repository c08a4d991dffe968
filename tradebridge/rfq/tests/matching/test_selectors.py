"""The "RFQs for you" inbox and an RFQ's ranked suppliers: what each actor may see."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.errors import NotFound
from tradebridge.rfq.enums import RFQStatus, RFQVisibility
from tradebridge.rfq.matching.selectors import (
    ShownReason,
    inbox_fit,
    inbox_reasons,
    rfq_inbox_for_supplier,
    rfq_matches_for_buyer,
    rfq_matches_for_operator,
)
from tradebridge.rfq.models import RFQInvitation
from tradebridge.rfq.services.matching import rfq_match
from tradebridge.rfq.tests.factories import QuoteFactory, RFQFactory, RFQInvitationFactory
from tradebridge.rfq.tests.matching.conftest import Market

pytestmark = pytest.mark.django_db


def _titles(rfqs: object) -> list[str]:
    return [rfq.title for rfq in rfqs]  # type: ignore[attr-defined]


def test_the_inbox_ranks_matched_rfqs_first_with_reasons_then_other_public_ones(
    market: Market,
) -> None:
    rfq_match(rfq_id=market.rfq.id)
    other = RFQFactory.create(title="Garden chairs")

    inbox = list(rfq_inbox_for_supplier(actor=market.balls_member))

    assert _titles(inbox) == ["Soccer balls size 5", "Garden chairs"]
    first, second = inbox
    fit = inbox_fit(first)
    assert (fit.source, fit.rank, fit.has_quoted, fit.is_new) == ("matched", 1, False, True)
    with translation.override("en"):
        assert inbox_reasons(first)[0] == ShownReason(
            code="category_products",
            text="2 products in Soccer Balls",
            params={"category": "Soccer Balls", "count": 2},
        )
    assert (second.id, inbox_fit(second).source, inbox_fit(second).score) == (other.id, None, None)
    assert inbox_reasons(second) == []
    assert not inbox_fit(second).is_new


def test_the_inbox_shows_quoted_and_seen(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    RFQInvitation.objects.filter(rfq=market.rfq).update(seen_at=timezone.now())
    QuoteFactory.create(rfq=market.rfq, supplier=market.balls)

    (entry,) = rfq_inbox_for_supplier(actor=market.balls_member)

    assert inbox_fit(entry).has_quoted
    assert not inbox_fit(entry).is_new


def test_an_invited_only_rfq_is_in_the_inbox_of_its_invited_suppliers_only(
    market: Market,
) -> None:
    market.rfq.visibility = RFQVisibility.INVITED
    market.rfq.save(update_fields=["visibility"])
    RFQInvitationFactory.create(rfq=market.rfq, supplier=market.mugs)
    rfq_match(rfq_id=market.rfq.id)

    assert _titles(rfq_inbox_for_supplier(actor=market.mugs_member)) == ["Soccer balls size 5"]
    assert _titles(rfq_inbox_for_supplier(actor=market.balls_member)) == []


@pytest.mark.parametrize(
    "status", [RFQStatus.DRAFT, RFQStatus.CLOSED, RFQStatus.AWARDED, RFQStatus.CANCELLED]
)
def test_only_open_rfqs_are_in_the_inbox(market: Market, status: RFQStatus) -> None:
    rfq_match(rfq_id=market.rfq.id)
    market.rfq.status = status
    market.rfq.save(update_fields=["status"])

    assert _titles(rfq_inbox_for_supplier(actor=market.balls_member)) == []


def test_an_rfq_past_its_deadline_leaves_the_inbox(market: Market) -> None:
    market.rfq.quote_deadline = timezone.now() - timedelta(minutes=1)
    market.rfq.save(update_fields=["quote_deadline"])

    assert _titles(rfq_inbox_for_supplier(actor=market.balls_member)) == []


def test_a_suspended_supplier_or_a_buyer_sees_nothing_and_no_one_sees_its_own(
    market: Market,
) -> None:
    rfq_match(rfq_id=market.rfq.id)
    market.balls.is_active = False
    market.balls.save(update_fields=["is_active"])
    market.buyer.kind = CompanyKind.BOTH
    market.buyer.save(update_fields=["kind"])
    buyer_only = MembershipFactory.create(company=RFQFactory.create().buyer, role=Role.OWNER)

    assert _titles(rfq_inbox_for_supplier(actor=market.balls_member)) == []
    assert _titles(rfq_inbox_for_supplier(actor=buyer_only)) == []
    assert market.rfq.id not in {
        rfq.id for rfq in rfq_inbox_for_supplier(actor=market.buyer_member)
    }


def test_the_buyer_sees_its_rfqs_ranked_suppliers(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)

    rows = list(rfq_matches_for_buyer(actor=market.buyer_member, rfq_id=market.rfq.id))

    assert [(row.supplier.slug, row.rank) for row in rows] == [(market.balls.slug, 1)]


def test_another_company_or_an_unknown_rfq_is_not_found(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)

    for actor in (market.balls_member, market.mugs_member):
        with pytest.raises(NotFound):
            rfq_matches_for_buyer(actor=actor, rfq_id=market.rfq.id)
    with pytest.raises(NotFound):
        rfq_matches_for_buyer(actor=market.buyer_member, rfq_id=RFQFactory.build().id)


def test_the_operator_sees_any_rfqs_matches_and_no_one_else_does(market: Market) -> None:
    rfq_match(rfq_id=market.rfq.id)
    operator = UserFactory.create(is_staff=True)

    rows = rfq_matches_for_operator(user=operator, rfq_id=market.rfq.id)

    assert [row.supplier_id for row in rows] == [market.balls.id]
    with pytest.raises(NotFound):
        rfq_matches_for_operator(user=market.buyer_member.user, rfq_id=market.rfq.id)
