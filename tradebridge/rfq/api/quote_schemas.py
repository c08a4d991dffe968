"""Bodies of the quote, counter-offer, deal and comparison endpoints.

Inputs name their fields and forbid any other (a `status`, `supplier_id` or `unit_price` of a
deal cannot be slipped in). Business rules answer with their own codes (`rfq.quote_rules`), so
the schemas check types and sizes only. Money leaves as `{"amount": "4.20", "currency": "USD"}`.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Schema
from pydantic import Field, StringConstraints

from tradebridge.catalog.pricing import Tier
from tradebridge.companies.api.schemas import StrictIn
from tradebridge.companies.models import Membership
from tradebridge.core.money import Money
from tradebridge.rfq.comparison import display_unit_price
from tradebridge.rfq.downloads import FileKind, download_url
from tradebridge.rfq.enums import BalanceDue
from tradebridge.rfq.models import CounterOffer, Deal, Quote, QuoteAttachment, QuoteRevision
from tradebridge.rfq.quote_rules import QuoteInput, tiers_from_json

Amount = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{1,16}(\.\d{1,4})?$")]
"""A non-negative decimal string with up to 4 decimal places, such as "4.20"."""
Percent = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{1,3}(\.\d{1,2})?$")]
Quantity = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
CurrencyCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=3)]


class QuoteTierIn(StrictIn):
    min_quantity: Quantity
    unit_price: Amount = Field(..., description='Decimal string, e.g. "4.20".')


class QuoteIn(StrictIn):
    """A quote's terms (a new quote, or every field of a revision)."""

    currency: CurrencyCode = Field(..., examples=["USD"])
    tiers: list[QuoteTierIn] = Field(..., max_length=20, description="Ascending by quantity.")
    moq: Quantity
    lead_time_days: Quantity
    incoterm: Annotated[str, StringConstraints(max_length=3)] = Field(..., examples=["FOB"])
    named_place: Annotated[str, StringConstraints(max_length=120)] = ""
    valid_until: date
    deposit_percent: Percent = "30"
    balance_due: Annotated[str, StringConstraints(max_length=24)] = BalanceDue.BEFORE_SHIPMENT.value
    sample_price: Amount | None = None
    sample_days: Quantity | None = None
    notes: Annotated[str, StringConstraints(max_length=5000)] = ""


class QuotePatchIn(StrictIn):
    """A revision: the fields given replace the current revision's; the rest are kept."""

    currency: CurrencyCode | None = None
    tiers: list[QuoteTierIn] | None = Field(None, max_length=20)
    moq: Quantity | None = None
    lead_time_days: Quantity | None = None
    incoterm: Annotated[str, StringConstraints(max_length=3)] | None = None
    named_place: Annotated[str, StringConstraints(max_length=120)] | None = None
    valid_until: date | None = None
    deposit_percent: Percent | None = None
    balance_due: Annotated[str, StringConstraints(max_length=24)] | None = None
    sample_price: Amount | None = None
    sample_days: Quantity | None = None
    notes: Annotated[str, StringConstraints(max_length=5000)] | None = None


class CounterOfferIn(StrictIn):
    target_unit_price: Amount
    currency: CurrencyCode
    quantity: Quantity | None = None
    terms: Annotated[str, StringConstraints(max_length=2000)] = ""


class AcceptIn(StrictIn):
    revision: int = Field(..., ge=1, description="The revision number the buyer accepts.")
    quantity: Quantity | None = Field(None, description="Default: the RFQ's (or the MOQ).")


class MoneyOut(Schema):
    amount: str = Field(..., examples=["4.20"])
    currency: str = Field(..., examples=["USD"])


class CompanyRefOut(Schema):
    slug: str
    name: str


class QuoteTierOut(Schema):
    min_quantity: int
    unit_price: MoneyOut


class FxOut(Schema):
    rates: dict[str, str] = Field(..., description="Units per 1 EUR, by currency.")
    date: str | None
    source: str


class DealFxOut(FxOut):
    buyer_currency: str = Field(..., description="The buyer's currency when it accepted.")
    rate: str | None = Field(
        ..., description="Buyer currency per deal currency, from the frozen rates."
    )


class AttachmentOut(Schema):
    id: UUID
    filename: str
    content_type: str
    size: int
    url: str = Field(..., description="A signed link for you, valid 10 minutes.")


class RevisionOut(Schema):
    number: int
    currency: str
    tiers: list[QuoteTierOut]
    moq: int
    lead_time_days: int
    incoterm: str
    named_place: str
    valid_until: date
    deposit_percent: str
    balance_due: str
    sample_price: MoneyOut | None
    sample_days: int | None
    notes: str
    fx: FxOut
    answers_counter_offer_id: UUID | None
    attachments: list[AttachmentOut]
    created_at: datetime


class QuoteOut(Schema):
    id: UUID
    rfq_id: UUID
    supplier: CompanyRefOut
    status: str
    revision: int
    current: RevisionOut
    created_at: datetime
    updated_at: datetime


class CounterOfferOut(Schema):
    id: UUID
    quote_id: UUID
    revision: int
    target_unit_price: MoneyOut
    quantity: int | None
    terms: str
    status: str
    created_at: datetime
    answered_at: datetime | None


class DealTermsOut(Schema):
    id: UUID
    reference: str
    rfq_id: UUID
    quote_id: UUID
    revision: int
    buyer: CompanyRefOut
    supplier: CompanyRefOut
    currency: str
    unit_price: MoneyOut
    total: MoneyOut
    quantity: int
    incoterm: str
    named_place: str
    deposit_percent: str
    balance_due: str
    lead_time_days: int
    valid_until: date
    fx: DealFxOut
    created_at: datetime


class DealOut(Schema):
    deal: DealTermsOut


class ComparisonSupplierOut(Schema):
    slug: str
    name: str
    verification_level: str
    certifications: list[str]
    response_rate: str | None
    median_response_seconds: int | None


class ComparisonFxOut(Schema):
    rate: str
    date: str
    source: str
    frozen: bool


class ComparisonRowOut(Schema):
    quote_id: UUID
    revision: int
    supplier: ComparisonSupplierOut
    quantity: int
    below_moq: bool
    moq: int
    quoted_unit_price: MoneyOut
    unit_price: MoneyOut
    extra_costs: MoneyOut
    total: MoneyOut
    lead_time_days: int
    incoterm: str
    named_place: str
    deposit_percent: str
    balance_due: str
    valid_until: date
    fx: ComparisonFxOut
    best: list[str]


class ComparisonOut(Schema):
    currency: str
    quantity: int
    basis: str
    sort: str
    rows: list[ComparisonRowOut]


# --- input to the services ------------------------------------------------------------------


def quote_input_from(payload: QuoteIn) -> QuoteInput:
    return QuoteInput(**_terms(payload.model_dump()))


def quote_input_from_patch(payload: QuotePatchIn, current: QuoteRevision) -> QuoteInput:
    """The current revision's terms with the given fields replaced."""
    fields = {
        "currency": current.currency,
        "tiers": [
            {"min_quantity": tier.min_quantity, "unit_price": str(tier.unit_price)}
            for tier in tiers_from_json(current.tiers)
        ],
        "moq": current.moq,
        "lead_time_days": current.lead_time_days,
        "incoterm": current.incoterm,
        "named_place": current.named_place,
        "valid_until": current.valid_until,
        "deposit_percent": str(current.deposit_percent),
        "balance_due": current.balance_due,
        "sample_price": None if current.sample_price is None else str(current.sample_price),
        "sample_days": current.sample_days,
        "notes": current.notes,
    }
    fields.update(payload.model_dump(exclude_unset=True))
    return QuoteInput(**_terms(fields))


def _terms(fields: dict[str, Any]) -> dict[str, Any]:
    sample = fields.get("sample_price")
    return {
        **fields,
        "currency": str(fields["currency"]).upper(),
        "incoterm": str(fields["incoterm"]).upper(),
        "tiers": tuple(
            Tier(int(tier["min_quantity"]), Decimal(str(tier["unit_price"])))
            for tier in fields["tiers"]
        ),
        "deposit_percent": Decimal(str(fields["deposit_percent"])),
        "sample_price": None if sample is None else Decimal(str(sample)),
    }


# --- output ---------------------------------------------------------------------------------


def money(amount: Decimal, currency: str) -> dict[str, str]:
    """A stored amount, exact (at least the minor digits)."""
    return Money(amount.normalize(), currency).as_dict()


def fx_of(revision: QuoteRevision) -> dict[str, Any]:
    on = revision.fx_rate_date
    return {
        "rates": dict(revision.fx_rates),
        "date": on.isoformat() if on else None,
        "source": revision.fx_source,
    }


def revision_out(
    revision: QuoteRevision, *, actor: Membership, request: HttpRequest
) -> dict[str, Any]:
    return {
        "number": revision.number,
        "currency": revision.currency,
        "tiers": [
            {"min_quantity": t.min_quantity, "unit_price": money(t.unit_price, revision.currency)}
            for t in tiers_from_json(revision.tiers)
        ],
        "moq": revision.moq,
        "lead_time_days": revision.lead_time_days,
        "incoterm": revision.incoterm,
        "named_place": revision.named_place,
        "valid_until": revision.valid_until,
        "deposit_percent": _percent(revision.deposit_percent),
        "balance_due": revision.balance_due,
        "sample_price": None
        if revision.sample_price is None
        else money(revision.sample_price, revision.currency),
        "sample_days": revision.sample_days,
        "notes": revision.notes,
        "fx": fx_of(revision),
        "answers_counter_offer_id": revision.answers_counter_offer_id,
        "attachments": [
            attachment_out(a, actor=actor, request=request) for a in revision.attachments.all()
        ],
        "created_at": revision.created_at,
    }


def attachment_out(
    attachment: QuoteAttachment, *, actor: Membership, request: HttpRequest
) -> dict[str, Any]:
    path = download_url(kind=FileKind.QUOTE, attachment_id=attachment.pk, actor=actor)
    return {
        "id": attachment.pk,
        "filename": attachment.original_filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "url": request.build_absolute_uri(path),
    }


def quote_out(
    quote: Quote, current: QuoteRevision, *, actor: Membership, request: HttpRequest
) -> dict[str, Any]:
    return {
        "id": quote.pk,
        "rfq_id": quote.rfq_id,
        "supplier": {"slug": quote.supplier.slug, "name": quote.supplier.display_name},
        "status": quote.status,
        "revision": quote.current_revision_number,
        "current": revision_out(current, actor=actor, request=request),
        "created_at": quote.created_at,
        "updated_at": quote.updated_at,
    }


def counter_offer_out(offer: CounterOffer) -> dict[str, Any]:
    return {
        "id": offer.pk,
        "quote_id": offer.quote_id,
        "revision": offer.revision.number,
        "target_unit_price": money(offer.target_unit_price, offer.currency),
        "quantity": offer.quantity,
        "terms": offer.terms,
        "status": offer.status,
        "created_at": offer.created_at,
        "answered_at": offer.answered_at,
    }


def deal_out(deal: Deal) -> dict[str, Any]:
    unit_price = display_unit_price(Money(deal.unit_price, deal.currency))
    return {
        "id": deal.pk,
        "reference": deal.reference,
        "rfq_id": deal.rfq_id,
        "quote_id": deal.quote_id,
        "revision": deal.revision.number,
        "buyer": {"slug": deal.buyer.slug, "name": deal.buyer.display_name},
        "supplier": {"slug": deal.supplier.slug, "name": deal.supplier.display_name},
        "currency": deal.currency,
        "unit_price": unit_price.as_dict(),
        "total": Money(deal.total, deal.currency).rounded().as_dict(),
        "quantity": deal.quantity,
        "incoterm": deal.incoterm,
        "named_place": deal.named_place,
        "deposit_percent": _percent(deal.deposit_percent),
        "balance_due": deal.balance_due,
        "lead_time_days": deal.lead_time_days,
        "valid_until": deal.valid_until,
        "fx": {
            "rates": dict(deal.fx.get("rates", {})),
            "date": deal.fx.get("date") or None,
            "source": deal.fx.get("source", ""),
            "buyer_currency": deal.fx.get("buyer_currency", ""),
            "rate": deal.fx.get("rate") or None,
        },
        "created_at": deal.created_at,
    }


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"
