"""Schemas of the disputes endpoints. Money in JSON: `{"amount": "12.50", "currency": "EUR"}`."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field, StringConstraints

from tradebridge.companies.api.schemas import StrictIn
from tradebridge.core.api.params import NO_NUL
from tradebridge.core.money import Money
from tradebridge.payments.dispute_stages import dispute_stage
from tradebridge.payments.enums import DisputeStage
from tradebridge.payments.models import Dispute, DisputeEvent, DisputeEvidence

Amount = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{1,16}(\.\d{1,4})?$")]
CurrencyCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=3)]
Note = Annotated[str, StringConstraints(max_length=5000, pattern=NO_NUL)]


class MoneyIn(StrictIn):
    amount: Amount = Field(..., examples=["150.00"])
    currency: CurrencyCode = Field(..., examples=["EUR"])

    def money(self) -> Money:
        return Money.of(self.amount, self.currency)


class MoneyOut(Schema):
    amount: str = Field(..., examples=["150.00"])
    currency: str = Field(..., examples=["EUR"])


class NoteIn(StrictIn):
    note: Note = ""


class CounterIn(StrictIn):
    counter_refund: MoneyIn = Field(
        ..., description="Above zero and below the buyer's requested refund."
    )
    note: Note = ""


class DecideIn(StrictIn):
    resolution: Literal["full_refund", "partial_refund", "release"]
    refund_amount: MoneyIn | None = Field(
        None, description="partial_refund only: above zero, below what the escrow holds."
    )
    note: Note = ""


class EvidenceOut(Schema):
    id: UUID
    side: Literal["buyer", "supplier"]
    filename: str
    content_type: str
    size: int
    note: str
    created_at: datetime


class DisputeEventOut(Schema):
    kind: str
    at: datetime
    data: dict[str, object]


class DisputeOut(Schema):
    id: UUID
    order_id: UUID
    order_reference: str
    status: str
    stage: DisputeStage = Field(
        ...,
        description=(
            "The status as the pages show it: `supplier_countered` is split by the supplier's"
            " response into `supplier_countered` (a partial refund offered) and"
            " `supplier_contested` (the claim contested); any other stage equals `status`."
        ),
    )
    reason: str
    description: str
    requested_refund: MoneyOut
    supplier_response: str
    counter_refund: MoneyOut | None
    supplier_note: str
    respond_by: datetime
    escalate_by: datetime
    escalated_at: datetime | None
    resolution: str
    refund_amount: MoneyOut | None
    decision_note: str
    resolved_at: datetime | None
    created_at: datetime
    evidence: list[EvidenceOut]
    timeline: list[DisputeEventOut]


def money_out(amount: Decimal | None, currency: str) -> MoneyOut | None:
    if amount is None:
        return None
    return MoneyOut(**Money(amount, currency).rounded().as_dict())


def dispute_out(
    dispute: Dispute, evidence: list[DisputeEvidence], events: list[DisputeEvent]
) -> DisputeOut:
    currency = dispute.currency
    requested = MoneyOut(**Money(dispute.requested_refund, currency).rounded().as_dict())
    return DisputeOut(
        id=dispute.pk,
        order_id=dispute.order_id,
        order_reference=dispute.order_reference,
        status=dispute.status,
        stage=dispute_stage(status=dispute.status, supplier_response=dispute.supplier_response),
        reason=dispute.reason,
        description=dispute.description,
        requested_refund=requested,
        supplier_response=dispute.supplier_response,
        counter_refund=money_out(dispute.counter_refund, currency),
        supplier_note=dispute.supplier_note,
        respond_by=dispute.respond_by,
        escalate_by=dispute.escalate_by,
        escalated_at=dispute.escalated_at,
        resolution=dispute.resolution,
        refund_amount=money_out(dispute.refund_amount, currency),
        decision_note=dispute.decision_note,
        resolved_at=dispute.resolved_at,
        created_at=dispute.created_at,
        evidence=[_evidence_out(dispute, item) for item in evidence],
        timeline=[
            DisputeEventOut(kind=event.kind, at=event.created_at, data=event.data)
            for event in events
        ],
    )


def _evidence_out(dispute: Dispute, evidence: DisputeEvidence) -> EvidenceOut:
    return EvidenceOut(
        id=evidence.pk,
        side="buyer" if evidence.company_id == dispute.buyer_id else "supplier",
        filename=evidence.original_filename,
        content_type=evidence.content_type,
        size=evidence.size,
        note=evidence.note,
        created_at=evidence.created_at,
    )
