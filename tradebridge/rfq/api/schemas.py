"""Request and response bodies of the RFQ API (`rfq.api.endpoints`).

Inputs name their fields and forbid any other. Amounts travel as decimal strings; money goes
out as `{"amount": "4.20", "currency": "EUR"}`. The buyer's view of an RFQ (`RFQOut`) carries
its invitations; a supplier's (`SupplierRFQOut`) never shows who else was asked, nor how many
quotes came in unless the buyer chose to show the count.
"""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Schema

from tradebridge.catalog.api.schemas import Amount, MoneyOut, money_out, storefront_url
from tradebridge.catalog.enums import Unit
from tradebridge.companies.api.schemas import StrictIn
from tradebridge.companies.models import Company
from tradebridge.core.incoterms import Incoterm
from tradebridge.rfq.enums import QuoteStatus, RFQClosedReason, RFQStatus, RFQVisibility
from tradebridge.rfq.models import RFQ, RFQAttachment, RFQInvitation
from tradebridge.rfq.services.rfq_input import MAX_QUANTITY, RFQInput

Title = Annotated[str, Field(min_length=1, max_length=200)]
Quantity = Annotated[int, Field(ge=1, le=MAX_QUANTITY)]
Currency = Annotated[str, Field(min_length=3, max_length=3, description="ISO 4217 code.")]
Country = Annotated[str, Field(min_length=2, max_length=2, description="ISO 3166 alpha-2.")]
SpecName = Annotated[str, Field(min_length=1, max_length=80)]
SpecValue = Annotated[str, Field(max_length=300)]
Certification = Annotated[str, Field(min_length=1, max_length=40)]
Slug = Annotated[str, Field(min_length=1, max_length=80)]


class _RFQFieldsIn(StrictIn):
    """The optional fields of an RFQ, shared by create (defaults) and PATCH (unset: kept)."""

    description: Annotated[str, Field(max_length=10_000)] = ""
    product_id: uuid.UUID | None = Field(None, description="A published product to ask about.")
    category_id: int | None = Field(None, description="A Google Product Taxonomy id.")
    specs: dict[SpecName, SpecValue] = Field(
        default_factory=dict, max_length=50, description='e.g. {"Size": "5", "Material": "PU"}'
    )
    target_unit_price: Amount | None = Field(None, description='Decimal string, e.g. "3.80".')
    destination_place: Annotated[str, Field(max_length=120)] = Field(
        "", description="Port or city of delivery."
    )
    incoterm: Incoterm | None = None
    certifications: list[Certification] = Field(default_factory=list, max_length=20)
    sample_needed: bool = False
    needed_by: date | None = None
    visibility: RFQVisibility = RFQVisibility.PUBLIC
    invited_suppliers: list[Slug] = Field(
        default_factory=list, max_length=50, description="Slugs of suppliers to invite."
    )
    quote_cap: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        None, description="Stop taking quotes after this many."
    )
    show_quote_count: bool = Field(
        False, description="Let suppliers see how many quotes came in (hidden by default)."
    )
    language: Annotated[str, Field(max_length=16)] = Field(
        "", description="The language it is written in (default: the request's)."
    )


class RFQCreateIn(_RFQFieldsIn):
    title: Title
    quantity: Quantity
    unit: Unit = Unit.PIECE
    currency: Currency
    destination_country: Country
    quote_deadline: datetime = Field(
        ..., description="When quotes stop (ahead, at most 90 days); UTC unless an offset."
    )
    status: Literal["draft", "open"] = Field("draft", description="Post as a draft or open.")


class RFQPatchIn(_RFQFieldsIn):
    """Only the fields sent change. A draft changes freely; an open RFQ only takes a later
    `quote_deadline`, `show_quote_count` and more `invited_suppliers`."""

    title: Title | None = None
    quantity: Quantity | None = None
    unit: Unit | None = None
    currency: Currency | None = None
    destination_country: Country | None = None
    quote_deadline: datetime | None = None


class RFQOpenIn(StrictIn):
    quote_deadline: datetime | None = Field(
        None, description="A new deadline: required to reopen a closed RFQ."
    )


def aware(moment: datetime) -> datetime:
    """A datetime without an offset is read as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def rfq_input_from_create(payload: RFQCreateIn, *, language: str) -> RFQInput:
    return RFQInput(
        title=payload.title,
        quantity=payload.quantity,
        unit=payload.unit.value,
        currency=payload.currency,
        destination_country=payload.destination_country,
        quote_deadline=aware(payload.quote_deadline),
        description=payload.description,
        product_id=payload.product_id,
        category_id=payload.category_id,
        specs=tuple(payload.specs.items()),
        target_unit_price=_decimal(payload.target_unit_price),
        destination_place=payload.destination_place,
        incoterm=payload.incoterm.value if payload.incoterm else None,
        certifications=tuple(payload.certifications),
        sample_needed=payload.sample_needed,
        needed_by=payload.needed_by,
        visibility=payload.visibility.value,
        invited_suppliers=tuple(payload.invited_suppliers),
        quote_cap=payload.quote_cap,
        show_quote_count=payload.show_quote_count,
        language=payload.language or language,
    )


def rfq_input_patched(current: RFQInput, payload: RFQPatchIn) -> dict[str, object]:
    """The changes a PATCH body makes to `current` (for `dataclasses.replace`)."""
    changes: dict[str, object] = {}
    for name in payload.model_fields_set:
        value = getattr(payload, name)
        if name == "specs":
            value = tuple(value.items())
        elif name in ("certifications", "invited_suppliers"):
            value = tuple(value)
        elif name == "target_unit_price":
            value = _decimal(value)
        elif name == "quote_deadline" and value is not None:
            value = aware(value)
        elif name in ("unit", "incoterm", "visibility") and value is not None:
            value = value.value
        if value is None and name in _REQUIRED:
            continue  # `null` for a required field keeps it
        changes[name] = value
    return changes


_REQUIRED = frozenset(
    {"title", "quantity", "unit", "currency", "destination_country", "quote_deadline"}
)


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


# --- output ------------------------------------------------------------------------------


def _request(context: dict[str, Any] | None) -> HttpRequest | None:
    return (context or {}).get("request")


def page_url(request: HttpRequest | None, name: str, rfq_id: uuid.UUID) -> str:
    """The absolute address of an RFQ page (`rfq_detail`: the buyer's, `supplier_rfq_detail`)."""
    path = reverse(name, args=[rfq_id])
    return request.build_absolute_uri(path) if request is not None else path


def live_quote_count(rfq: RFQ) -> int:
    """Quotes on the RFQ, withdrawn ones excluded (the list annotates it as `live_quotes`)."""
    annotated = getattr(rfq, "live_quotes", None)
    if annotated is not None:
        return int(annotated)
    return rfq.quotes.exclude(status=QuoteStatus.WITHDRAWN).count()


class CategoryRefOut(Schema):
    id: int
    path: str


class ProductRefOut(Schema):
    id: uuid.UUID
    title: str


class SupplierRefOut(Schema):
    slug: str
    name: str = Field(..., alias="display_name")
    country: str
    url: str = Field(..., description="The supplier's storefront.")

    @staticmethod
    def resolve_url(obj: Company, context: dict[str, Any]) -> str:
        return storefront_url(_request(context), obj.slug)


class BuyerRefOut(Schema):
    slug: str
    name: str = Field(..., alias="display_name")
    country: str


class InvitationOut(Schema):
    supplier: SupplierRefOut
    source: str = Field(..., description="invited (by you) or matched.")
    notified_at: datetime | None
    seen_at: datetime | None
    responded_at: datetime | None
    declined_at: datetime | None


class _RFQCommonOut(Schema):
    id: uuid.UUID
    reference: str = Field(..., examples=["RFQ-7KX2M9QH"])
    status: RFQStatus
    title: str
    description: str
    product: ProductRefOut | None
    category: CategoryRefOut | None
    specs: dict[str, str]
    quantity: int
    unit: Unit
    target_unit_price: MoneyOut | None
    currency: str
    destination_country: str
    destination_place: str
    incoterm: Incoterm | None
    certifications: list[str]
    sample_needed: bool
    needed_by: date | None
    quote_deadline: datetime
    visibility: RFQVisibility
    language: str
    opened_at: datetime | None
    closed_at: datetime | None
    closed_reason: RFQClosedReason | None
    awarded_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_target_unit_price(obj: RFQ) -> MoneyOut | None:
        return money_out(obj.target_unit_price, obj.currency)

    @staticmethod
    def resolve_closed_reason(obj: RFQ) -> str | None:
        return obj.closed_reason or None


class RFQOut(_RFQCommonOut):
    """The buyer's view: everything, with the invitations and the quote count."""

    url: str = Field(..., description="The RFQ's page on the marketplace.")
    quote_cap: int | None
    show_quote_count: bool
    cancelled_at: datetime | None
    updated_at: datetime
    invitations: list[InvitationOut] = Field(
        ..., description="The suppliers asked: invited by you, or matched (best first)."
    )
    quote_count: int = Field(..., description="Quotes received (withdrawn ones excluded).")

    @staticmethod
    def resolve_url(obj: RFQ, context: dict[str, Any]) -> str:
        return page_url(_request(context), "rfq_detail", obj.pk)

    @staticmethod
    def resolve_invitations(obj: RFQ) -> list[RFQInvitation]:
        return sorted(obj.invitations.all(), key=_invitation_order)

    @staticmethod
    def resolve_quote_count(obj: RFQ) -> int:
        return live_quote_count(obj)


def _invitation_order(invitation: RFQInvitation) -> tuple[bool, int, datetime]:
    return (invitation.rank is None, invitation.rank or 0, invitation.created_at)


class SupplierRFQOut(_RFQCommonOut):
    """A supplier's view: the request and its buyer, nothing about other suppliers."""

    url: str = Field(..., description="The RFQ's page for suppliers.")
    buyer: BuyerRefOut
    quote_count: int | None = Field(
        ..., description="Quotes received, only if the buyer chose to show it; else null."
    )

    @staticmethod
    def resolve_url(obj: RFQ, context: dict[str, Any]) -> str:
        return page_url(_request(context), "supplier_rfq_detail", obj.pk)

    @staticmethod
    def resolve_quote_count(obj: RFQ) -> int | None:
        return live_quote_count(obj) if obj.show_quote_count else None

    @staticmethod
    def resolve_closed_reason(obj: RFQ) -> str | None:
        # "Quote cap reached" would tell a supplier how many quotes came in: suppliers get
        # no reason for it unless the buyer chose to show the count.
        if obj.closed_reason == RFQClosedReason.CAP and not obj.show_quote_count:
            return None
        return obj.closed_reason or None


class AttachmentOut(Schema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime
    download_url: str = Field(..., description="A signed link for you alone, valid for 10 minutes.")


def attachment_out(attachment: RFQAttachment, *, download_url: str) -> AttachmentOut:
    return AttachmentOut(
        id=attachment.pk,
        filename=attachment.original_filename,
        content_type=attachment.content_type,
        size=attachment.size,
        sha256=attachment.sha256,
        created_at=attachment.created_at,
        download_url=download_url,
    )
