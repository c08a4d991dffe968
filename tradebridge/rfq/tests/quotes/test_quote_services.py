"""Quote use cases: submit, revise, withdraw, reject, expire; their rules and what they write."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.catalog.pricing import Tier
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.errors import DomainError, NotFound, PermissionDenied
from tradebridge.core.models import AuditEvent
from tradebridge.messaging.models import ResponseRequest
from tradebridge.messaging.services.response import response_request_open
from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQStatus, RFQVisibility
from tradebridge.rfq.models import Quote, QuoteRevision, RFQSettings
from tradebridge.rfq.services.counter_offers import counter_offer_create
from tradebridge.rfq.services.quotes import (
    quote_reject,
    quote_revise,
    quote_submit,
    quote_withdraw,
    quotes_expire,
)
from tradebridge.rfq.tests.factories import RFQFactory, RFQInvitationFactory
from tradebridge.rfq.tests.quotes.conftest import Market, member, quote_input

pytestmark = pytest.mark.django_db


def codes(error: pytest.ExceptionInfo[DomainError]) -> tuple[int, str]:
    return error.value.http_status, error.value.code


def test_a_supplier_submits_a_quote_with_its_first_revision_and_frozen_rates(
    market: Market,
) -> None:
    quote = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    revision = QuoteRevision.objects.get(quote=quote)
    assert (quote.status, quote.current_revision_number) == (QuoteStatus.SUBMITTED, 1)
    assert quote.supplier_id == market.supplier_a.company_id
    assert revision.number == 1
    assert revision.tiers == [
        {"min_quantity": 100, "unit_price": "4.20"},
        {"min_quantity": 1000, "unit_price": "3.90"},
    ]
    assert revision.fx_rates == {"EUR": "1", "USD": "1.08"}
    assert revision.fx_rate_date == timezone.now().date() - timedelta(days=1)
    assert revision.fx_source == "ECB"
    assert AuditEvent.objects.filter(action="quote.submitted", object_id=str(quote.pk)).exists()


def test_submitting_marks_the_invitation_and_answers_the_response_request(market: Market) -> None:
    invitation = RFQInvitationFactory.create(rfq=market.rfq, supplier=market.supplier_a.company)
    response_request_open(
        supplier_id=market.supplier_a.company_id,
        buyer_id=market.rfq.buyer_id,
        kind="rfq_invitation",
        ref_id=market.rfq.pk,
        asked_at=timezone.now() - timedelta(hours=2),
    )

    quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    assert ResponseRequest.objects.get(ref_id=market.rfq.pk).answered_at is not None


def test_one_quote_per_supplier_and_rfq(market: Market) -> None:
    first = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    with pytest.raises(DomainError) as error:
        quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    assert codes(error) == (409, "quote_exists")
    assert error.value.details == {"quote_id": str(first.pk)}
    assert Quote.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"currency": "XXQ"}, "invalid_currency", "currency"),
        ({"incoterm": "FOO"}, "invalid_incoterm", "incoterm"),
        ({"named_place": "  "}, "named_place_required", "named_place"),
        ({"tiers": ()}, "invalid_price_tiers", "tiers"),
        ({"tiers": (Tier(100, Decimal(0)),)}, "invalid_price_tiers", "tiers"),
        (
            {"tiers": (Tier(100, Decimal(3)), Tier(500, Decimal(4)))},
            "invalid_price_tiers",
            "tiers",
        ),
        ({"tiers": (Tier(500, Decimal(3)), Tier(100, Decimal(2)))}, "invalid_price_tiers", "tiers"),
        ({"moq": 0}, "invalid_quote_terms", "moq"),
        ({"moq": 50}, "invalid_quote_terms", "moq"),
        ({"lead_time_days": 366}, "invalid_quote_terms", "lead_time_days"),
        ({"lead_time_days": -1}, "invalid_quote_terms", "lead_time_days"),
        ({"deposit_percent": Decimal(101)}, "invalid_quote_terms", "deposit_percent"),
        ({"deposit_percent": Decimal("NaN")}, "invalid_quote_terms", "deposit_percent"),
        ({"balance_due": "never"}, "invalid_quote_terms", "balance_due"),
        ({"sample_price": Decimal(-1)}, "invalid_quote_terms", "sample_price"),
        ({"notes": "x" * 5001}, "invalid_quote_terms", "notes"),
    ],
)
def test_invalid_terms_answer_422_with_a_code_and_write_nothing(
    market: Market, overrides: dict[str, object], code: str, field: str
) -> None:
    with pytest.raises(DomainError) as error:
        quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input(**overrides))

    assert codes(error) == (422, code)
    assert error.value.details["field"] == field
    assert not Quote.objects.exists()


def test_a_validity_in_the_past_is_refused(market: Market) -> None:
    yesterday = timezone.now().date() - timedelta(days=1)

    with pytest.raises(DomainError) as error:
        quote_submit(
            actor=market.supplier_a,
            rfq_id=market.rfq.pk,
            data=quote_input(valid_until=yesterday),
        )

    assert codes(error) == (422, "valid_until_passed")
    assert not Quote.objects.exists()


def test_a_currency_without_a_rate_cannot_be_compared_and_is_refused(market: Market) -> None:
    with pytest.raises(DomainError) as error:
        quote_submit(
            actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input(currency="GBP")
        )

    assert codes(error) == (422, "fx_rate_unavailable")
    assert not Quote.objects.exists()


def test_only_active_suppliers_with_the_role_quote(market: Market) -> None:
    viewer = member(market.supplier_a.company, Role.VIEWER)
    purchaser = member(market.supplier_a.company, Role.PURCHASER)

    for actor in (viewer, purchaser, market.other_buyer):
        with pytest.raises(PermissionDenied):
            quote_submit(actor=actor, rfq_id=market.rfq.pk, data=quote_input())
    market.supplier_b.company.is_active = False
    market.supplier_b.company.save()
    with pytest.raises(PermissionDenied):
        quote_submit(actor=market.supplier_b, rfq_id=market.rfq.pk, data=quote_input())
    assert not Quote.objects.exists()


def test_an_invited_only_rfq_is_not_found_for_an_uninvited_supplier(market: Market) -> None:
    rfq = RFQFactory.create(buyer=market.rfq.buyer, visibility=RFQVisibility.INVITED)
    RFQInvitationFactory.create(rfq=rfq, supplier=market.supplier_a.company)

    with pytest.raises(NotFound):
        quote_submit(actor=market.supplier_b, rfq_id=rfq.pk, data=quote_input())
    assert (
        quote_submit(actor=market.supplier_a, rfq_id=rfq.pk, data=quote_input()).status
        == QuoteStatus.SUBMITTED
    )


@pytest.mark.parametrize("status", [RFQStatus.DRAFT, RFQStatus.CLOSED, RFQStatus.CANCELLED])
def test_an_rfq_that_is_not_open_takes_no_quote(market: Market, status: RFQStatus) -> None:
    RFQFactory._meta.model.objects.filter(pk=market.rfq.pk).update(status=status)

    with pytest.raises(DomainError) as error:
        quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    assert error.value.http_status in {404, 409}  # a draft or cancelled RFQ is not visible
    assert not Quote.objects.exists()


def test_the_deadline_stops_quotes_even_before_the_rfq_closes(market: Market) -> None:
    later = market.rfq.quote_deadline + timedelta(minutes=1)

    with pytest.raises(DomainError) as error:
        quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input(), now=later)

    assert codes(error) == (409, "quote_deadline_passed")


def test_the_quote_cap_stops_new_quotes(market: Market) -> None:
    RFQFactory._meta.model.objects.filter(pk=market.rfq.pk).update(quote_cap=1)
    quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    with pytest.raises(DomainError) as error:
        quote_submit(actor=market.supplier_b, rfq_id=market.rfq.pk, data=quote_input())

    assert codes(error) == (409, "rfq_not_taking_quotes")
    assert Quote.objects.count() == 1


def test_a_supplier_has_a_daily_quote_limit(market: Market) -> None:
    RFQSettings.objects.update_or_create(id=1, defaults={"quotes_per_supplier_per_day": 1})
    second = RFQFactory.create(buyer=market.rfq.buyer)
    quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    with pytest.raises(DomainError) as error:
        quote_submit(actor=market.supplier_a, rfq_id=second.pk, data=quote_input())

    assert codes(error) == (429, "quote_limit_reached")
    assert error.value.details == {"limit": 1}
    assert (
        quote_submit(actor=market.supplier_b, rfq_id=second.pk, data=quote_input()).status
        == QuoteStatus.SUBMITTED
    )


def test_a_revision_is_appended_and_the_first_kept(market: Market) -> None:
    quote = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    revision = quote_revise(
        actor=market.supplier_a,
        quote_id=quote.pk,
        data=quote_input(tiers=(Tier(100, Decimal("4.00")), Tier(1000, Decimal("3.70")))),
    )

    quote.refresh_from_db()
    assert (quote.status, quote.current_revision_number, revision.number) == ("revised", 2, 2)
    first = QuoteRevision.objects.get(quote=quote, number=1)
    assert first.tiers[1]["unit_price"] == "3.90"
    assert revision.tiers[1]["unit_price"] == "3.70"


def test_a_revision_answers_the_open_counter_offer(market: Market) -> None:
    quote = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    offer = counter_offer_create(
        actor=market.buyer, quote_id=quote.pk, target_unit_price=Decimal("3.50"), currency="USD"
    )

    revision = quote_revise(actor=market.supplier_a, quote_id=quote.pk, data=quote_input())

    offer.refresh_from_db()
    assert offer.status == CounterOfferStatus.ANSWERED
    assert offer.answered_at is not None
    assert revision.answers_counter_offer_id == offer.pk


def test_after_the_deadline_only_a_counter_offer_can_be_answered(market: Market) -> None:
    quote = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    later = market.rfq.quote_deadline + timedelta(minutes=1)
    RFQFactory._meta.model.objects.filter(pk=market.rfq.pk).update(status=RFQStatus.CLOSED)

    with pytest.raises(DomainError) as error:
        quote_revise(actor=market.supplier_a, quote_id=quote.pk, data=quote_input(), now=later)
    assert codes(error) == (409, "rfq_not_taking_quotes")

    counter_offer_create(
        actor=market.buyer, quote_id=quote.pk, target_unit_price=Decimal("3.50"), currency="USD"
    )
    revision = quote_revise(
        actor=market.supplier_a, quote_id=quote.pk, data=quote_input(), now=later
    )
    assert revision.number == 2


def test_another_supplier_cannot_revise_or_withdraw_and_sees_not_found(market: Market) -> None:
    quote = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    with pytest.raises(NotFound):
        quote_revise(actor=market.supplier_b, quote_id=quote.pk, data=quote_input())
    with pytest.raises(NotFound):
        quote_withdraw(actor=market.supplier_b, quote_id=quote.pk)
    with pytest.raises(NotFound):
        quote_reject(actor=market.other_buyer, quote_id=quote.pk)
    quote.refresh_from_db()
    assert (quote.status, quote.current_revision_number) == (QuoteStatus.SUBMITTED, 1)


def test_withdraw_and_reject_end_the_quote_and_its_open_counter_offer(market: Market) -> None:
    a = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())
    b = quote_submit(actor=market.supplier_b, rfq_id=market.rfq.pk, data=quote_input())
    offer = counter_offer_create(
        actor=market.buyer, quote_id=a.pk, target_unit_price=Decimal("3.50"), currency="USD"
    )

    assert quote_withdraw(actor=market.supplier_a, quote_id=a.pk).status == "withdrawn"
    assert quote_reject(actor=market.buyer, quote_id=b.pk).status == "rejected"

    offer.refresh_from_db()
    assert offer.status == CounterOfferStatus.WITHDRAWN
    assert AuditEvent.objects.filter(action="quote.withdrawn", object_id=str(a.pk)).exists()
    assert AuditEvent.objects.filter(action="quote.rejected", object_id=str(b.pk)).exists()


def test_a_buyer_viewer_cannot_reject(market: Market) -> None:
    quote = quote_submit(actor=market.supplier_a, rfq_id=market.rfq.pk, data=quote_input())

    with pytest.raises(PermissionDenied):
        quote_reject(actor=market.buyer_viewer, quote_id=quote.pk)
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SUBMITTED


def test_quotes_expire_after_their_current_revisions_validity(market: Market) -> None:
    today = timezone.now().date()
    short = quote_submit(
        actor=market.supplier_a,
        rfq_id=market.rfq.pk,
        data=quote_input(valid_until=today + timedelta(days=2)),
    )
    extended = quote_submit(
        actor=market.supplier_b,
        rfq_id=market.rfq.pk,
        data=quote_input(valid_until=today + timedelta(days=2)),
    )
    quote_revise(
        actor=market.supplier_b,
        quote_id=extended.pk,
        data=quote_input(valid_until=today + timedelta(days=20)),
    )

    assert quotes_expire(now=timezone.now() + timedelta(days=2)) == 0  # valid through the day
    assert quotes_expire(now=timezone.now() + timedelta(days=3)) == 1
    assert quotes_expire(now=timezone.now() + timedelta(days=3)) == 0  # idempotent

    short.refresh_from_db()
    extended.refresh_from_db()
    assert (short.status, extended.status) == (QuoteStatus.EXPIRED, QuoteStatus.REVISED)


def test_a_company_that_is_both_may_quote_but_not_on_its_own_rfq(market: Market) -> None:
    both = member(CompanyFactory.create(kind="both"))
    own = RFQFactory.create(buyer=both.company)

    assert (
        quote_submit(actor=both, rfq_id=market.rfq.pk, data=quote_input()).status
        == QuoteStatus.SUBMITTED
    )
    with pytest.raises(NotFound):
        quote_submit(actor=both, rfq_id=own.pk, data=quote_input())
