"""Reports of messages by the receiving company, and the operator's decisions on them.

Hiding a message keeps it (the body is no longer shown to anyone but operators); the
operator may also suspend the sender's company, through companies' own service.
"""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can, ensure_operator
from tradebridge.companies.services import company_suspend
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.core.services.audit import audit_record
from tradebridge.messaging.enums import ReportStatus
from tradebridge.messaging.models import Message, MessageReport
from tradebridge.messaging.selectors import message_get_for_actor

MAX_REASON_LENGTH = 2000


def message_report(*, actor: Membership, message_id: uuid.UUID, reason: str) -> MessageReport:
    """Report a message the actor's company received. Raises NotFound, PermissionDenied,
    ValidationFailed (`reason_empty`, `reason_too_long`, `own_message`), Conflict
    (`already_reported`: the company reported it before)."""
    message = message_get_for_actor(actor=actor, message_id=message_id)
    ensure_can(actor, Permission.SEND_MESSAGES)
    text = reason.strip()
    if not text or len(text) > MAX_REASON_LENGTH:
        raise ValidationFailed(
            "Say in up to 2,000 characters what is wrong.",
            field="reason",
            reason="reason_empty" if not text else "reason_too_long",
        )
    if message.sender_company_id == actor.company_id:
        raise ValidationFailed(
            "You cannot report your own company's message.", reason="own_message"
        )
    try:
        with transaction.atomic():
            report = MessageReport.objects.create(
                message=message,
                reporter_company_id=actor.company_id,
                reporter_id=actor.user_id,
                reason=text,
            )
            _audit("message.reported", report.message_id, actor.user_id, actor.company_id)
    except IntegrityError as error:
        raise Conflict(
            "Your company already reported this message.", reason="already_reported"
        ) from error
    return report


def message_hide(
    *, operator: User, report_id: uuid.UUID, suspend_sender: bool = False, note: str = ""
) -> MessageReport:
    """Hide the reported message and close every open report of it; with `suspend_sender`,
    suspend the sender's company (companies' `company_suspend`, reason `note`). Raises
    PermissionDenied (not an operator), NotFound, Conflict (the report is decided)."""
    ensure_operator(operator)
    with transaction.atomic():
        report = _open_report(report_id)
        message = Message.objects.select_for_update().get(id=report.message_id)
        if message.hidden_at is None:
            message.hidden_at, message.hidden_by = timezone.now(), operator
            message.save(update_fields=["hidden_at", "hidden_by", "updated_at"])
        MessageReport.objects.filter(message=message, status=ReportStatus.OPEN).update(
            status=ReportStatus.HIDDEN, decided_by=operator, decided_at=timezone.now()
        )
        _audit("message.hidden", message.id, operator.id, message.sender_company_id)
        if suspend_sender:
            company_suspend(
                operator=operator,
                company_id=message.sender_company_id,
                reason=note or "Abusive messages.",
            )
    report.refresh_from_db()
    return report


def message_report_dismiss(*, operator: User, report_id: uuid.UUID) -> MessageReport:
    """Close a report without acting on the message. Raises PermissionDenied, NotFound,
    Conflict (the report is decided)."""
    ensure_operator(operator)
    with transaction.atomic():
        report = _open_report(report_id)
        report.status, report.decided_by = ReportStatus.DISMISSED, operator
        report.decided_at = timezone.now()
        report.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        _audit("message.report_dismissed", report.message_id, operator.id, None)
    return report


def _open_report(report_id: uuid.UUID) -> MessageReport:
    report = MessageReport.objects.select_for_update().filter(id=report_id).first()
    if report is None:
        raise NotFound()
    if report.status != ReportStatus.OPEN:
        raise Conflict("This report is already decided.", reason="report_decided")
    return report


def _audit(
    action: str,
    message_id: uuid.UUID,
    user_id: uuid.UUID | None,
    company_id: uuid.UUID | None,
) -> None:
    audit_record(
        action=action,
        object_type="messaging.message",
        object_id=message_id,
        actor_user_id=user_id,
        company_id=company_id,
    )
