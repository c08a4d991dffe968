"""Suppliers' reports of RFQs (spam, a scam, not a real request), and the operator's decisions.

A supplier reports an RFQ it may see, once per company. The operator hides it (the RFQ is
cancelled, every open report of it closed, and optionally the buyer's company suspended through
companies' own service) or dismisses the report. Each step writes an audit event.
"""

import uuid
from typing import Final

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can, ensure_operator
from tradebridge.companies.services import company_suspend
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.core.events import publish
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.rfq.enums import RFQReportStatus, RFQStatus
from tradebridge.rfq.events import RFQCancelled
from tradebridge.rfq.models import RFQ, RFQReport
from tradebridge.rfq.selectors import rfq_get_for_supplier
from tradebridge.rfq.transitions import RFQ_TRANSITIONS

MAX_REASON_LENGTH: Final = 2000


def rfq_report(*, actor: Membership, rfq_id: uuid.UUID, reason: str) -> RFQReport:
    """Report an RFQ the actor's company may see as a supplier.

    Raises NotFound (an RFQ it may not see), PermissionDenied (a role that may not quote),
    ValidationFailed (`reason_empty`, `reason_too_long`), Conflict (`already_reported`).
    """
    rfq = rfq_get_for_supplier(actor=actor, rfq_id=rfq_id)
    ensure_can(actor, Permission.SUBMIT_QUOTES)
    text = reason.strip()
    if not text or len(text) > MAX_REASON_LENGTH:
        code = "reason_empty" if not text else "reason_too_long"
        raise ValidationFailed(
            "Say in up to 2,000 characters what is wrong.",
            field="reason",
            reason=code,
            errors={"reason": code},
        )
    try:
        with transaction.atomic():
            report = RFQReport.objects.create(
                rfq=rfq, reporter_company_id=actor.company_id, reporter=actor.user, reason=text
            )
            _audit("rfq.reported", rfq, actor.user_id, actor.company_id)
    except IntegrityError as error:
        raise Conflict(
            "Your company already reported this RFQ.", reason="already_reported"
        ) from error
    return report


def rfq_report_hide(
    *, operator: User, report_id: uuid.UUID, note: str, suspend_buyer: bool = False
) -> RFQReport:
    """Hide the reported RFQ: cancel it (unless it is cancelled already) and close every open
    report of it with `note` as the reason; with `suspend_buyer`, suspend the buyer's company
    (companies' `company_suspend`). Raises PermissionDenied (not an operator), NotFound,
    Conflict (the report is decided; an awarded RFQ cannot be cancelled), ValidationFailed
    (an empty note)."""
    ensure_operator(operator)
    reason = note.strip()
    if not reason:
        raise ValidationFailed("Say why the RFQ is hidden.", field="note", reason="note_empty")
    with transaction.atomic():
        report = _open_report(report_id)
        rfq = RFQ.objects.select_for_update().get(id=report.rfq_id)
        now = timezone.now()
        if rfq.status != RFQStatus.CANCELLED:
            ensure_transition(
                RFQ_TRANSITIONS, current=RFQStatus(rfq.status), target=RFQStatus.CANCELLED
            )
            rfq.status, rfq.cancelled_at = RFQStatus.CANCELLED, now
            rfq.save(update_fields=["status", "cancelled_at", "updated_at"])
            publish(RFQCancelled(rfq.pk, rfq.buyer_id), after_commit=True)
        RFQReport.objects.filter(rfq=rfq, status=RFQReportStatus.OPEN).update(
            status=RFQReportStatus.HIDDEN, decided_by=operator, decided_at=now, decision_note=reason
        )
        _audit("rfq.hidden", rfq, operator.id, rfq.buyer_id, note=reason)
        if suspend_buyer:
            company_suspend(operator=operator, company_id=rfq.buyer_id, reason=reason)
    report.refresh_from_db()
    return report


def rfq_report_dismiss(*, operator: User, report_id: uuid.UUID, note: str = "") -> RFQReport:
    """Close a report without acting on the RFQ. Raises PermissionDenied, NotFound, Conflict
    (the report is decided)."""
    ensure_operator(operator)
    with transaction.atomic():
        report = _open_report(report_id)
        report.status, report.decided_by = RFQReportStatus.DISMISSED, operator
        report.decided_at, report.decision_note = timezone.now(), note.strip()
        report.save(
            update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
        )
        _audit("rfq.report_dismissed", report.rfq, operator.id, None)
    return report


def _open_report(report_id: uuid.UUID) -> RFQReport:
    report = RFQReport.objects.select_for_update().filter(id=report_id).first()
    if report is None:
        raise NotFound()
    if report.status != RFQReportStatus.OPEN:
        raise Conflict("This report is already decided.", reason="report_decided")
    return report


def _audit(
    action: str,
    rfq: RFQ,
    user_id: uuid.UUID | None,
    company_id: uuid.UUID | None,
    **data: str,
) -> None:
    audit_record(
        action=action,
        object_type="rfq",
        object_id=rfq.pk,
        actor_user_id=user_id,
        company_id=company_id,
        data={"reference": rfq.reference, **data},
    )
