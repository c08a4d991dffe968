"""RFQs, quotes and deals as thread subjects: the RFQ, quote and deal pages' "Message buyer"
and "Message supplier" links start a thread about them, only between their own parties."""

import pytest

from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.errors import ValidationFailed
from tradebridge.messaging.services.threads import Counterpart, thread_start
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.tests.factories import DealFactory, QuoteFactory, RFQFactory

pytestmark = pytest.mark.django_db


def test_a_buyer_writes_to_the_quoting_supplier_about_the_quote():
    quote = QuoteFactory.create()
    buyer = MembershipFactory.create(company=quote.rfq.buyer, role=Role.PURCHASER)
    started = thread_start(
        actor=buyer,
        counterpart=Counterpart(supplier_slug=quote.supplier.slug),
        subject_kind="quote",
        subject_id=quote.pk,
        body="Two colours?",
    )
    assert started.thread.subject_label == f"{quote.rfq.reference} · {quote.rfq.title}"


def test_a_quote_is_no_subject_with_another_supplier():
    quote, other = QuoteFactory.create(), QuoteFactory.create()
    buyer = MembershipFactory.create(company=quote.rfq.buyer, role=Role.PURCHASER)
    with pytest.raises(ValidationFailed) as refused:
        thread_start(
            actor=buyer,
            counterpart=Counterpart(supplier_slug=other.supplier.slug),
            subject_kind="quote",
            subject_id=quote.pk,
            body="Hello",
        )
    assert refused.value.details["reason"] == "subject_mismatch"


def test_a_supplier_writes_to_the_buyer_about_an_open_rfq_not_a_draft():
    rfq = QuoteFactory.create().rfq
    supplier = MembershipFactory.create(company=rfq.quotes.get().supplier, role=Role.SALES)
    counterpart = Counterpart(buyer_id=rfq.buyer_id)
    thread_start(actor=supplier, counterpart=counterpart, subject_kind="rfq", subject_id=rfq.pk,
                 body="Which printing?")  # fmt: skip
    draft = RFQFactory.create(buyer=rfq.buyer, status=RFQStatus.DRAFT)
    with pytest.raises(ValidationFailed) as refused:
        thread_start(actor=supplier, counterpart=counterpart, subject_kind="rfq",
                     subject_id=draft.pk, body="Hello")  # fmt: skip
    assert refused.value.details["reason"] == "subject_not_found"


def test_both_parties_of_a_deal_write_about_it():
    deal = DealFactory.create()
    supplier = MembershipFactory.create(company=deal.supplier, role=Role.SALES)
    started = thread_start(
        actor=supplier,
        counterpart=Counterpart(buyer_id=deal.buyer_id),
        subject_kind="deal",
        subject_id=deal.pk,
        body="Production starts Monday.",
    )
    assert started.thread.subject_label.startswith(deal.reference)
