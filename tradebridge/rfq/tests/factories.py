"""Factories for RFQs, invitations, quotes with revisions, counter-offers, attachments and deals.

`RFQFactory.create()` is an open, public RFQ of a buyer company, its deadline a week ahead.
`QuoteFactory.create()` is a submitted quote with its first revision (`QuoteRevisionFactory`
for more). `DealFactory.create()` accepts a fresh quote's first revision at the RFQ's quantity.
Call `.create()` (typed) rather than the factory class itself.
"""

import hashlib
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from factory.declarations import LazyAttribute, LazyFunction, PostGeneration, Sequence, SubFactory
from factory.django import DjangoModelFactory

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.enums import Unit
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.incoterms import Incoterm
from tradebridge.rfq.enums import (
    AttachmentContentType,
    BalanceDue,
    CounterOfferStatus,
    InvitationSource,
    QuoteStatus,
    RFQStatus,
    RFQVisibility,
)
from tradebridge.rfq.models import (
    RFQ,
    CounterOffer,
    Deal,
    Quote,
    QuoteAttachment,
    QuoteRevision,
    RFQAttachment,
    RFQInvitation,
)

# The smallest valid PDF header a sniffer recognises, for attachment rows.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DEFAULT_QUOTE_TIERS: tuple[dict[str, object], ...] = (
    {"min_quantity": 100, "unit_price": "4.20"},
    {"min_quantity": 1000, "unit_price": "3.90"},
)


class BuyerFactory(CompanyFactory):
    kind = CompanyKind.BUYER
    country = "FR"
    default_currency = "EUR"


class RFQFactory(DjangoModelFactory[RFQ]):
    class Meta:
        model = RFQ

    buyer = SubFactory(BuyerFactory)
    created_by = SubFactory(UserFactory)
    title = Sequence(lambda n: f"Match footballs size 5, lot {n}")
    description = "Thermo-bonded PU match balls, FIFA Quality, custom print."
    quantity = 1000
    unit = Unit.PIECE
    currency = "EUR"
    destination_country = "FR"
    destination_place = "Le Havre"
    incoterm = Incoterm.FOB
    quote_deadline = LazyFunction(lambda: timezone.now() + timedelta(days=7))
    visibility = RFQVisibility.PUBLIC
    language = "en"
    status = RFQStatus.OPEN
    opened_at = LazyAttribute(lambda rfq: timezone.now() if rfq.status != RFQStatus.DRAFT else None)


class RFQInvitationFactory(DjangoModelFactory[RFQInvitation]):
    class Meta:
        model = RFQInvitation

    rfq = SubFactory(RFQFactory)
    supplier = SubFactory(SupplierFactory)
    source = InvitationSource.INVITED


def _add_first_revision(quote: Quote, create: bool, extracted: Any, **fields: Any) -> None:
    """`QuoteFactory.create(revision=False)` makes a quote without revisions;
    `revision__moq=500` overrides the first revision's fields."""
    if create and extracted is not False:
        QuoteRevisionFactory.create(quote=quote, number=1, created_by=quote.created_by, **fields)


class QuoteFactory(DjangoModelFactory[Quote]):
    class Meta:
        model = Quote
        skip_postgeneration_save = True

    rfq = SubFactory(RFQFactory)
    supplier = SubFactory(SupplierFactory)
    status = QuoteStatus.SUBMITTED
    created_by = SubFactory(UserFactory)
    current_revision_number = 1
    revision = PostGeneration(_add_first_revision)


class QuoteRevisionFactory(DjangoModelFactory[QuoteRevision]):
    class Meta:
        model = QuoteRevision

    quote = SubFactory(QuoteFactory, revision=False)
    number = 1
    currency = "USD"
    tiers = LazyFunction(lambda: [dict(tier) for tier in DEFAULT_QUOTE_TIERS])
    moq = 100
    lead_time_days = 30
    incoterm = Incoterm.FOB
    named_place = "Xiamen"
    valid_until = LazyFunction(lambda: (timezone.now() + timedelta(days=30)).date())
    deposit_percent = Decimal(30)
    balance_due = BalanceDue.BEFORE_SHIPMENT
    fx_rates = LazyFunction(lambda: {"EUR": "1", "USD": "1.0800"})
    fx_rate_date = LazyFunction(lambda: timezone.now().date())
    fx_source = "ECB"
    created_by = LazyAttribute(lambda revision: revision.quote.created_by)


class CounterOfferFactory(DjangoModelFactory[CounterOffer]):
    class Meta:
        model = CounterOffer

    quote = SubFactory(QuoteFactory)
    revision = LazyAttribute(lambda offer: offer.quote.revisions.order_by("-number").first())
    target_unit_price = Decimal("3.80")
    currency = LazyAttribute(lambda offer: offer.revision.currency)
    quantity = None
    terms = "Deposit 20%."
    status = CounterOfferStatus.OPEN
    created_by = SubFactory(UserFactory)


class RFQAttachmentFactory(DjangoModelFactory[RFQAttachment]):
    class Meta:
        model = RFQAttachment

    rfq = SubFactory(RFQFactory)
    original_filename = "drawing.pdf"
    content_type = AttachmentContentType.PDF
    size = len(PDF_BYTES)
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
    uploaded_by = LazyAttribute(lambda attachment: attachment.rfq.created_by)
    file = LazyFunction(lambda: ContentFile(PDF_BYTES, name="drawing.pdf"))


class QuoteAttachmentFactory(DjangoModelFactory[QuoteAttachment]):
    class Meta:
        model = QuoteAttachment

    revision = SubFactory(QuoteRevisionFactory)
    original_filename = "catalogue.pdf"
    content_type = AttachmentContentType.PDF
    size = len(PDF_BYTES)
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
    uploaded_by = LazyAttribute(lambda attachment: attachment.revision.created_by)
    file = LazyFunction(lambda: ContentFile(PDF_BYTES, name="catalogue.pdf"))


def _first_revision(deal: Any) -> QuoteRevision:
    revision: QuoteRevision | None = deal.quote.revisions.order_by("number").first()
    assert revision is not None, "the deal's quote has no revision"
    return revision


class DealFactory(DjangoModelFactory[Deal]):
    """A deal on a fresh quote (left `submitted`: set statuses yourself when they matter)."""

    class Meta:
        model = Deal

    quote = SubFactory(QuoteFactory)
    rfq = LazyAttribute(lambda deal: deal.quote.rfq)
    revision = LazyAttribute(_first_revision)
    buyer = LazyAttribute(lambda deal: deal.quote.rfq.buyer)
    supplier = LazyAttribute(lambda deal: deal.quote.supplier)
    currency = LazyAttribute(lambda deal: deal.revision.currency)
    unit_price = Decimal("3.90")
    quantity = LazyAttribute(lambda deal: deal.quote.rfq.quantity)
    total = LazyAttribute(lambda deal: deal.unit_price * deal.quantity)
    incoterm = LazyAttribute(lambda deal: deal.revision.incoterm)
    named_place = LazyAttribute(lambda deal: deal.revision.named_place)
    lead_time_days = LazyAttribute(lambda deal: deal.revision.lead_time_days)
    deposit_percent = LazyAttribute(lambda deal: deal.revision.deposit_percent)
    balance_due = LazyAttribute(lambda deal: deal.revision.balance_due)
    valid_until = LazyAttribute(lambda deal: deal.revision.valid_until)
    fx = LazyAttribute(
        lambda deal: {
            "rates": deal.revision.fx_rates,
            "date": deal.revision.fx_rate_date.isoformat() if deal.revision.fx_rate_date else "",
            "source": deal.revision.fx_source,
        }
    )
    accepted_by = LazyAttribute(lambda deal: deal.quote.rfq.created_by)
