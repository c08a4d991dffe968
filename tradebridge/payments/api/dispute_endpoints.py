"""Disputes endpoints: read a dispute, and one POST per verb (the buyer opens it on the order:
`POST /api/v1/orders/{id}/dispute`).

Who sees what: the active members of the dispute's buyer and supplier, and operators; anyone
else gets 404, as for a dispute that does not exist, and nothing changes. A verb of the other
side (the supplier escalating, the buyer accepting for the supplier) or by a role that may not
take it answers 403; `decide` is for operators only (403). A verb the dispute's status or its
clock does not allow answers 409 (`invalid_transition`, `dispute_response_late`,
`dispute_escalation_early`, `dispute_no_counter_offer`); a refund above what the escrow holds
422 `refund_exceeds_held`. Every POST honours `Idempotency-Key`.
"""

from uuid import UUID

from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from tradebridge.companies.api.auth import auth_membership, auth_user
from tradebridge.companies.documents import MAX_DOCUMENT_BYTES
from tradebridge.companies.permissions import is_operator
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.errors import ValidationFailed
from tradebridge.payments.api.dispute_schemas import (
    CounterIn,
    DecideIn,
    DisputeOut,
    NoteIn,
    dispute_out,
)
from tradebridge.payments.dispute_selectors import (
    dispute_event_list,
    dispute_evidence_list,
    dispute_get_for_company,
    dispute_get_for_operator,
)
from tradebridge.payments.models import Dispute
from tradebridge.payments.services.dispute_evidence import dispute_evidence_add
from tradebridge.payments.services.disputes import (
    dispute_accept_counter,
    dispute_decide,
    dispute_escalate,
    dispute_respond,
    dispute_withdraw,
)

router = Router(tags=["Disputes"])
_ACTION_ERRORS = error_responses(403, 409)


def _visible(request: HttpRequest, dispute_id: UUID) -> Dispute:
    """The dispute for an operator, else through the acting membership's company."""
    if is_operator(auth_user(request)):
        return dispute_get_for_operator(dispute_id=dispute_id)
    return dispute_get_for_company(actor=auth_membership(request), dispute_id=dispute_id)


def _read(request: HttpRequest, dispute_id: UUID) -> DisputeOut:
    dispute = _visible(request, dispute_id)
    return dispute_out(
        dispute, list(dispute_evidence_list(dispute)), list(dispute_event_list(dispute))
    )


@router.get("/disputes/{dispute_id}", response=DisputeOut, summary="Read a dispute")
def dispute_read(request: HttpRequest, dispute_id: UUID) -> DisputeOut:
    """The dispute with its amounts, deadlines (`respond_by`, `escalate_by`), evidence and
    timeline (oldest first)."""
    return _read(request, dispute_id)


@router.post(
    "/disputes/{dispute_id}/accept",
    response=DisputeOut,
    summary="Accept the requested refund (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def dispute_accept_action(request: HttpRequest, dispute_id: UUID, payload: NoteIn) -> DisputeOut:
    """The buyer is refunded what it asked for, the rest of the escrow is released to you
    (less commission); the dispute is resolved."""
    actor = auth_membership(request)
    dispute_respond(actor=actor, dispute_id=dispute_id, response="accept", note=payload.note)
    return _read(request, dispute_id)


@router.post(
    "/disputes/{dispute_id}/counter",
    response=DisputeOut,
    summary="Offer a partial refund (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def dispute_counter_action(
    request: HttpRequest, dispute_id: UUID, payload: CounterIn
) -> DisputeOut:
    """Before `respond_by`: offer `counter_refund` instead; the buyer accepts or escalates."""
    actor = auth_membership(request)
    dispute_respond(
        actor=actor,
        dispute_id=dispute_id,
        response="counter",
        counter_refund=payload.counter_refund.money(),
        note=payload.note,
    )
    return _read(request, dispute_id)


@router.post(
    "/disputes/{dispute_id}/contest",
    response=DisputeOut,
    summary="Contest the dispute (supplier)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def dispute_contest_action(request: HttpRequest, dispute_id: UUID, payload: NoteIn) -> DisputeOut:
    """Before `respond_by`: refuse any refund, with your reasons (and evidence)."""
    actor = auth_membership(request)
    dispute_respond(actor=actor, dispute_id=dispute_id, response="contest", note=payload.note)
    return _read(request, dispute_id)


@router.post(
    "/disputes/{dispute_id}/accept-counter",
    response=DisputeOut,
    summary="Accept the supplier's counter-offer (buyer)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def dispute_accept_counter_action(request: HttpRequest, dispute_id: UUID) -> DisputeOut:
    """You are refunded the counter-offered amount; the rest goes to the supplier."""
    dispute_accept_counter(actor=auth_membership(request), dispute_id=dispute_id)
    return _read(request, dispute_id)


@router.post(
    "/disputes/{dispute_id}/escalate",
    response=DisputeOut,
    summary="Escalate the dispute to Tradebridge (buyer)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def dispute_escalate_action(request: HttpRequest, dispute_id: UUID) -> DisputeOut:
    """Once the supplier answered with less than you asked, or from `respond_by` on."""
    dispute_escalate(actor=auth_membership(request), dispute_id=dispute_id)
    return _read(request, dispute_id)


@router.post(
    "/disputes/{dispute_id}/withdraw",
    response=DisputeOut,
    summary="Withdraw the dispute (buyer)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def dispute_withdraw_action(request: HttpRequest, dispute_id: UUID) -> DisputeOut:
    """Nothing is refunded; the order goes back to where it was."""
    dispute_withdraw(actor=auth_membership(request), dispute_id=dispute_id)
    return _read(request, dispute_id)


@router.post(
    "/disputes/{dispute_id}/evidence",
    response={201: DisputeOut},
    summary="Add evidence (either party)",
    openapi_extra=error_responses(403, 409, 429),
)
@idempotent
def dispute_evidence_action(
    request: HttpRequest,
    dispute_id: UUID,
    file: File[UploadedFile],
    note: Form[str] = "",
) -> Status[DisputeOut]:
    """Multipart `file` (a PDF, JPEG, PNG or WEBP told from its bytes, at most 10 MB) and an
    optional `note`. 422 `file_type`, `file_too_large`, `file_empty`."""
    actor = auth_membership(request)
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:  # never read a huge upload
        raise ValidationFailed(
            "The file is larger than 10 MB.", field="file", reason="file_too_large"
        )
    dispute_evidence_add(
        actor=actor, dispute_id=dispute_id, file=file, filename=file.name or "", note=note
    )
    return Status(201, _read(request, dispute_id))


@router.post(
    "/disputes/{dispute_id}/decide",
    response=DisputeOut,
    summary="Decide the dispute (operator)",
    openapi_extra=_ACTION_ERRORS,
)
@idempotent
def dispute_decide_action(request: HttpRequest, dispute_id: UUID, payload: DecideIn) -> DisputeOut:
    """Operators only: `full_refund`, `partial_refund` (`refund_amount`) or `release`."""
    refund = payload.refund_amount.money() if payload.refund_amount else None
    dispute_decide(
        operator=auth_user(request),
        dispute_id=dispute_id,
        resolution=payload.resolution,
        refund_amount=refund,
        note=payload.note,
    )
    return _read(request, dispute_id)
