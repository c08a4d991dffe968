"""Operators suspend a company (its listings disappear, its members cannot act for it) and
reinstate it, with a reason kept in its history (`CompanySuspension`)."""

import uuid

from django.db import transaction

from tradebridge.accounts.models import User
from tradebridge.companies.enums import SuspensionAction
from tradebridge.companies.events import CompanyReinstated, CompanySuspended
from tradebridge.companies.models import Company, CompanySuspension
from tradebridge.companies.permissions import ensure_operator
from tradebridge.core.errors import NotFound, ValidationFailed
from tradebridge.core.events import publish
from tradebridge.core.services.audit import audit_record


def company_suspend(*, operator: User, company_id: uuid.UUID, reason: str) -> Company:
    """Deactivate the company and record why; publish CompanySuspended in the transaction.

    Idempotent: suspending a suspended company records nothing. Raises PermissionDenied (not
    an operator), NotFound, ValidationFailed (empty reason).
    """
    return _set_active(
        operator=operator, company_id=company_id, reason=reason, action=SuspensionAction.SUSPENDED
    )


def company_reinstate(*, operator: User, company_id: uuid.UUID, reason: str) -> Company:
    """Reactivate a suspended company and record why; publish CompanyReinstated in the
    transaction.

    Idempotent: reinstating an active company records nothing. Raises PermissionDenied,
    NotFound, ValidationFailed (empty reason).
    """
    return _set_active(
        operator=operator,
        company_id=company_id,
        reason=reason,
        action=SuspensionAction.REINSTATED,
    )


def _set_active(
    *, operator: User, company_id: uuid.UUID, reason: str, action: SuspensionAction
) -> Company:
    ensure_operator(operator)
    text = reason.strip()
    if not text:
        raise ValidationFailed("Give a reason; the company's members will see it.", field="reason")
    active = action == SuspensionAction.REINSTATED
    with transaction.atomic():
        company = Company.objects.select_for_update().filter(id=company_id).first()
        if company is None:
            raise NotFound()
        if company.is_active == active:
            return company
        company.is_active = active
        company.save(update_fields=["is_active", "updated_at"])
        CompanySuspension.objects.create(
            company=company, action=action, reason=text, operator=operator
        )
        audit_record(
            action=f"company.{action}",
            object_type="companies.company",
            object_id=company.id,
            actor_user_id=operator.id,
            company_id=company.id,
            data={"reason": text},
        )
        event = CompanyReinstated if active else CompanySuspended
        publish(event(company_id=company.id))  # in the transaction: see companies.events
    return company
