from decimal import Decimal

import pytest

from tradebridge.rfq.enums import QuoteStatus, RFQStatus
from tradebridge.rfq.tests.factories import (
    PDF_BYTES,
    CounterOfferFactory,
    DealFactory,
    QuoteAttachmentFactory,
    QuoteFactory,
    QuoteRevisionFactory,
    RFQAttachmentFactory,
    RFQFactory,
    RFQInvitationFactory,
)

pytestmark = pytest.mark.django_db


def test_rfq_factory_makes_an_open_rfq_with_a_reference() -> None:
    rfq = RFQFactory.create()

    assert rfq.status == RFQStatus.OPEN
    assert rfq.opened_at is not None
    assert rfq.reference.startswith("RFQ-")
    assert len(rfq.reference) == 12


def test_a_draft_rfq_is_not_opened() -> None:
    assert RFQFactory.create(status=RFQStatus.DRAFT).opened_at is None


def test_quote_factory_adds_the_first_revision() -> None:
    quote = QuoteFactory.create(revision__moq=500)

    revisions = list(quote.revisions.all())
    assert [(r.number, r.moq) for r in revisions] == [(1, 500)]
    assert quote.status == QuoteStatus.SUBMITTED
    assert QuoteFactory.create(revision=False).revisions.count() == 0


def test_counter_offer_counters_the_latest_revision() -> None:
    quote = QuoteFactory.create()
    second = QuoteRevisionFactory.create(quote=quote, number=2)

    offer = CounterOfferFactory.create(quote=quote)

    assert offer.revision == second
    assert offer.currency == "USD"


def test_deal_factory_freezes_the_first_revision() -> None:
    deal = DealFactory.create()

    assert deal.reference.startswith("DEAL-")
    assert deal.buyer == deal.rfq.buyer
    assert deal.total == Decimal("3.90") * deal.quantity
    assert deal.fx["rates"] == {"EUR": "1", "USD": "1.0800"}


def test_attachment_factories_store_the_file_privately() -> None:
    rfq_file = RFQAttachmentFactory.create()
    quote_file = QuoteAttachmentFactory.create()

    assert rfq_file.file.read() == PDF_BYTES
    assert str(rfq_file.file.name).startswith(f"rfq/{rfq_file.rfq_id}/")
    assert str(quote_file.file.name).startswith(f"quotes/{quote_file.revision_id}/")


def test_invitation_factory() -> None:
    invitation = RFQInvitationFactory.create()

    assert invitation.rfq.buyer != invitation.supplier
