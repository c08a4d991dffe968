"""What the dispute card shows one viewer: the state, the amounts in the viewer's locale, the
deadlines, the evidence (with signed download links made for this viewer) and the actions
this viewer may take now. Pure presentation over the dispute; the services decide again
when an action is posted."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language, to_locale

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.core.money import Money
from tradebridge.payments.dispute_downloads import evidence_link
from tradebridge.payments.dispute_selectors import dispute_event_list, dispute_evidence_list
from tradebridge.payments.dispute_stages import dispute_stage, stage_tone
from tradebridge.payments.dispute_transitions import OPEN_STATUSES
from tradebridge.payments.enums import (
    DisputeReason,
    DisputeResolution,
    DisputeStatus,
    SupplierResponse,
)
from tradebridge.payments.models import Dispute


@dataclass(frozen=True)
class EvidenceRow:
    url: str
    filename: str
    side: str  # buyer, supplier
    note: str
    at: datetime


@dataclass(frozen=True)
class Allowed:
    accept: bool = False
    respond: bool = False  # counter-offer or contest
    accept_counter: bool = False
    escalate: bool = False
    withdraw: bool = False
    evidence: bool = False

    @property
    def any(self) -> bool:
        return any((self.accept, self.respond, self.accept_counter, self.escalate, self.withdraw))


def money_text(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    return Money(Decimal(amount), currency).format(to_locale(get_language() or "en"))


def allowed_actions(actor: Membership, dispute: Dispute, now: datetime) -> Allowed:
    """The verbs the viewer's side and role may take now (the services check again)."""
    if dispute.status not in OPEN_STATUSES:
        return Allowed()
    status = DisputeStatus(dispute.status)
    if dispute.supplier_id == actor.company_id:
        if not has_permission(actor, Permission.FULFIL_ORDERS):
            return Allowed()
        answering = status == DisputeStatus.AWAITING_SUPPLIER and now < dispute.respond_by
        return Allowed(accept=True, respond=answering, evidence=True)
    if not has_permission(actor, Permission.PLACE_ORDERS):
        return Allowed()
    countered = status == DisputeStatus.SUPPLIER_COUNTERED
    return Allowed(
        accept_counter=countered and dispute.counter_refund is not None,
        escalate=countered
        or (status == DisputeStatus.AWAITING_SUPPLIER and now >= dispute.respond_by),
        withdraw=True,
        evidence=True,
    )


def dispute_panel_context(actor: Membership, dispute: Dispute, now: datetime) -> dict[str, Any]:
    """The context of `payments/_dispute_panel_body.html`."""
    currency = dispute.currency
    as_buyer = dispute.buyer_id == actor.company_id
    stage = dispute_stage(status=dispute.status, supplier_response=dispute.supplier_response)
    return {
        "dispute": dispute,
        "as_buyer": as_buyer,
        "stage": stage.value,
        "status_label": stage.label,
        "status_tone": stage_tone(stage),
        "reason_label": DisputeReason(dispute.reason).label,
        "response_label": (
            SupplierResponse(dispute.supplier_response).label if dispute.supplier_response else ""
        ),
        "resolution_label": (
            DisputeResolution(dispute.resolution).label if dispute.resolution else ""
        ),
        "requested": money_text(dispute.requested_refund, currency),
        "counter": money_text(dispute.counter_refund, currency),
        "refund": money_text(dispute.refund_amount, currency),
        "is_open": dispute.status in OPEN_STATUSES,
        "awaiting_supplier": dispute.status == DisputeStatus.AWAITING_SUPPLIER,
        "evidence": _evidence_rows(actor, dispute),
        "events": list(dispute_event_list(dispute)),
        "allowed": allowed_actions(actor, dispute, now),
    }


def _evidence_rows(actor: Membership, dispute: Dispute) -> list[EvidenceRow]:
    return [
        EvidenceRow(
            url=evidence_link(evidence_id=item.pk, user_id=actor.user_id),
            filename=item.original_filename,
            side="buyer" if item.company_id == dispute.buyer_id else "supplier",
            note=item.note,
            at=item.created_at,
        )
        for item in dispute_evidence_list(dispute)
    ]
