"""Bodies of the order endpoints (`orders.api.order_endpoints`).

Inputs name their fields and forbid any other (no `status`, `total` or `buyer_id` can be
slipped into an action). Money leaves as `{"amount": "12.50", "currency": "EUR"}`.
"""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from django.db.models import QuerySet
from ninja import Schema
from pydantic import Field, StringConstraints

from tradebridge.companies.api.schemas import StrictIn
from tradebridge.core.api.params import NO_NUL, NO_NUL_NOT_BLANK
from tradebridge.core.money import Money
from tradebridge.orders.models import Order, OrderEvent, OrderLine, TradeDocument
from tradebridge.orders.transitions import OrderSide
from tradebridge.payments.dispute_stages import dispute_stage
from tradebridge.payments.enums import DisputeReason, DisputeStage
from tradebridge.payments.models import Dispute
from tradebridge.payments.selectors import EscrowSummary

Amount = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{1,16}(\.\d{1,4})?$")]
CurrencyCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=3)]
Note = Annotated[str, StringConstraints(max_length=500, pattern=NO_NUL)]
ShippingText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=100, pattern=NO_NUL_NOT_BLANK)
]


# --- inputs ------------------------------------------------------------------------------------


class NoteIn(StrictIn):
    """Decline or cancel: an optional note for the other company (shown in the timeline)."""

    note: Note = ""


class ShipIn(StrictIn):
    carrier: ShippingText = Field(..., examples=["Maersk"])
    tracking_number: ShippingText = Field(..., examples=["MAEU123456789"])


class MoneyIn(StrictIn):
    amount: Amount = Field(..., examples=["120.00"])
    currency: CurrencyCode = Field(..., examples=["EUR"])


class DisputeIn(StrictIn):
    reason: DisputeReason
    description: Annotated[str, StringConstraints(max_length=5000, pattern=NO_NUL_NOT_BLANK)]
    requested_refund: MoneyIn = Field(..., description="At most what the escrow holds.")


# --- outputs -----------------------------------------------------------------------------------


class MoneyOut(Schema):
    amount: str = Field(..., examples=["12.50"])
    currency: str = Field(..., examples=["EUR"])


class CompanyRefOut(Schema):
    id: UUID
    slug: str
    name: str


class OrderOut(Schema):
    """An order as its two companies see it in lists."""

    id: UUID
    reference: str
    status: str
    role: OrderSide = Field(..., description="Your company's side: buyer or supplier.")
    buyer: CompanyRefOut
    supplier: CompanyRefOut
    total: MoneyOut
    po_number: str
    source: str = Field(..., description="cart or deal.")
    deal_reference: str
    created_at: datetime
    confirm_by: datetime | None
    deposit_due_at: datetime | None
    ship_by: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    protection_ends_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None


class ShipToOut(Schema):
    name: str
    line1: str
    line2: str
    city: str
    postal_code: str
    country: str


class OrderLineOut(Schema):
    id: UUID
    position: int
    product_id: UUID | None
    variant_id: UUID | None
    sku: str
    title: str
    variant_label: str
    unit: str
    is_sample: bool
    quantity: int
    unit_price: MoneyOut
    line_total: MoneyOut
    hs_code: str
    origin_country: str
    weight_kg: str | None
    units_per_carton: int | None


class TimelineEventOut(Schema):
    kind: str
    at: datetime
    actor_user_id: UUID | None = Field(..., description="None: the platform (a timer, a payment).")
    company_id: UUID | None
    data: dict[str, Any]


class InstalmentOut(Schema):
    id: UUID
    kind: str
    amount: MoneyOut
    paid_amount: MoneyOut
    due_at: datetime | None
    reference: str = Field(..., description="Quote it on a bank transfer.")
    status: str


class PaymentsOut(Schema):
    """The order's escrow: what was paid in, released to the supplier, refunded, held."""

    status: str
    total: MoneyOut
    deposited: MoneyOut
    released: MoneyOut
    refunded: MoneyOut
    held: MoneyOut
    instalments: list[InstalmentOut]


class DocumentOut(Schema):
    kind: str
    number: str
    issued_at: datetime
    url: str


class DisputeSummaryOut(Schema):
    id: UUID
    status: str
    stage: DisputeStage = Field(
        ..., description="The status as the pages show it (see `GET /api/v1/disputes/{id}`)."
    )
    reason: str
    requested_refund: MoneyOut
    respond_by: datetime | None
    resolution: str
    refund_amount: MoneyOut | None
    url: str = Field(..., description="The dispute in the API.")


class OrderDetailOut(OrderOut):
    incoterm: str
    named_place: str
    notes: str
    deposit_percent: str
    balance_due: str
    lead_time_days: int | None
    fx: dict[str, Any]
    ship_to: ShipToOut
    carrier: str
    tracking_number: str
    cancel_reason: str
    actions: list[str] = Field(..., description="The actions your company may take now.")
    lines: list[OrderLineOut]
    timeline: list[TimelineEventOut]
    payments: PaymentsOut | None
    documents: list[DocumentOut]
    dispute: DisputeSummaryOut | None


# --- presenting --------------------------------------------------------------------------------


def money_out(amount: Money) -> MoneyOut:
    return MoneyOut(**amount.as_dict())


def _company(company: Any) -> CompanyRefOut:
    return CompanyRefOut(id=company.pk, slug=company.slug, name=company.display_name)


def order_fields(order: Order, *, role: OrderSide) -> dict[str, Any]:
    """The list fields of `order` (buyer and supplier loaded)."""
    return {
        "id": order.pk,
        "reference": order.reference,
        "status": order.status,
        "role": role,
        "buyer": _company(order.buyer),
        "supplier": _company(order.supplier),
        "total": money_out(Money(order.total, order.currency).rounded()),
        "po_number": order.po_number,
        "source": order.source,
        "deal_reference": order.deal_reference,
        "created_at": order.created_at,
        **{
            name: getattr(order, name)
            for name in (
                "confirm_by",
                "deposit_due_at",
                "ship_by",
                "shipped_at",
                "delivered_at",
                "protection_ends_at",
                "completed_at",
                "cancelled_at",
            )
        },
    }


def line_out(line: OrderLine, *, currency: str) -> OrderLineOut:
    return OrderLineOut(
        id=line.pk,
        position=line.position,
        product_id=line.product_id,
        variant_id=line.variant_id,
        sku=line.sku,
        title=line.title,
        variant_label=line.variant_label,
        unit=line.unit,
        is_sample=line.is_sample,
        quantity=line.quantity,
        unit_price=money_out(Money(line.unit_price.normalize(), currency)),
        line_total=money_out(Money(line.line_total, currency).rounded()),
        hs_code=line.hs_code,
        origin_country=line.origin_country,
        weight_kg=f"{line.weight_kg.normalize():f}" if line.weight_kg is not None else None,
        units_per_carton=line.units_per_carton,
    )


def timeline_out(events: QuerySet[OrderEvent]) -> list[TimelineEventOut]:
    return [
        TimelineEventOut(
            kind=event.kind,
            at=event.created_at,
            actor_user_id=event.actor_user_id,
            company_id=event.company_id,
            data=event.data if isinstance(event.data, dict) else {},
        )
        for event in events
    ]


def payments_out(summary: EscrowSummary) -> PaymentsOut:
    return PaymentsOut(
        status=str(summary.status),
        total=money_out(summary.total),
        deposited=money_out(summary.deposited),
        released=money_out(summary.released),
        refunded=money_out(summary.refunded),
        held=money_out(summary.held),
        instalments=[
            InstalmentOut(
                id=view.id,
                kind=str(view.kind),
                amount=money_out(view.amount),
                paid_amount=money_out(view.paid_amount),
                due_at=view.due_at,
                reference=view.reference,
                status=str(view.status),
            )
            for view in summary.instalments
        ],
    )


def document_out(document: TradeDocument) -> DocumentOut:
    kind = document.kind.replace("_", "-")
    return DocumentOut(
        kind=kind,
        number=document.number,
        issued_at=document.issued_at,
        url=f"/api/v1/orders/{document.order_id}/documents/{kind}.pdf",
    )


def dispute_out(dispute: Dispute) -> DisputeSummaryOut:
    refund = dispute.refund_amount
    return DisputeSummaryOut(
        id=dispute.pk,
        status=dispute.status,
        stage=dispute_stage(status=dispute.status, supplier_response=dispute.supplier_response),
        reason=dispute.reason,
        requested_refund=money_out(Money(dispute.requested_refund, dispute.currency).rounded()),
        respond_by=dispute.respond_by,
        resolution=dispute.resolution,
        refund_amount=(
            money_out(Money(refund, dispute.currency).rounded()) if refund is not None else None
        ),
        url=f"/api/v1/disputes/{dispute.pk}",
    )
