"""A company becomes a buyer, a supplier or both only with an operator's approval.

Its owner or admin requests the change (`company_update` with a new kind, which calls
`company_kind_change_request`); an operator approves it (the kind changes and the company's
products are re-read by every copy of the catalog) or rejects it with a note. Without this a
buyer could publish at once under its existing verification, and a supplier turned buyer would
keep its products public.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.enums import CompanyKind, KindChangeStatus
from tradebridge.companies.events import CompanyKindChanged
from tradebridge.companies.models import Company, CompanyKindChange, Membership
from tradebridge.companies.permissions import Permission, ensure_can, ensure_operator
from tradebridge.companies.transitions import KIND_CHANGE_TRANSITIONS
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.core.events import publish
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition


def company_kind_change_request(*, actor: Membership, kind: str) -> CompanyKindChange | None:
    """Ask the operator to make the actor's company `kind`; return the pending request, or None
    when `kind` is the company's kind already (a pending request is then withdrawn).

    Idempotent: asking again for the pending kind returns the same request; asking for another
    kind withdraws the pending request and opens a new one. Raises PermissionDenied (owner or
    admin only), ValidationFailed (unknown kind).
    """
    ensure_can(actor, Permission.MANAGE_COMPANY)
    if kind not in CompanyKind.values:
        raise ValidationFailed("Unknown company kind.", field="kind")
    with transaction.atomic():
        company = Company.objects.select_for_update().get(id=actor.company_id)
        pending = _pending(company.id)
        if pending is not None and pending.to_kind == kind:
            return pending
        if pending is not None:
            _decide(pending, KindChangeStatus.WITHDRAWN, user_id=actor.user_id)
        if company.kind == kind:
            return None
        change = CompanyKindChange.objects.create(
            company=company, from_kind=company.kind, to_kind=kind, requested_by_id=actor.user_id
        )
        _audit(change, "requested", user_id=actor.user_id)
    return change


def company_kind_change_approve(
    *, operator: User, change_id: uuid.UUID, note: str = ""
) -> CompanyKindChange:
    """Approve a pending request: the company takes the requested kind, and CompanyKindChanged
    is published in the transaction (the catalog re-reads all its products: a company that
    stops being a supplier drops out of every public read and of the search index).

    Raises PermissionDenied (not an operator), NotFound, InvalidTransition (decided already).
    """
    ensure_operator(operator)
    with transaction.atomic():
        change, company = _lock(change_id)
        ensure_transition(
            KIND_CHANGE_TRANSITIONS,
            current=KindChangeStatus(change.status),
            target=KindChangeStatus.APPROVED,
        )
        if company.kind != change.from_kind:  # only approvals change a kind: a broken invariant
            raise Conflict("The company's kind changed since the request.")
        company.kind = change.to_kind
        company.save(update_fields=["kind", "updated_at"])
        _decide(
            change, KindChangeStatus.APPROVED, user_id=operator.id, operator=operator, note=note
        )
        publish(CompanyKindChanged(company_id=company.id))
    return change


def company_kind_change_reject(
    *, operator: User, change_id: uuid.UUID, note: str
) -> CompanyKindChange:
    """Reject a pending request with a note the company's members see; the kind stays.

    Raises PermissionDenied, NotFound, ValidationFailed (no note), InvalidTransition.
    """
    ensure_operator(operator)
    if not note.strip():
        raise ValidationFailed("Say why the change is rejected.", field="note")
    with transaction.atomic():
        change, _company = _lock(change_id)
        _decide(  # checks the transition first
            change, KindChangeStatus.REJECTED, user_id=operator.id, operator=operator, note=note
        )
    return change


def _pending(company_id: uuid.UUID) -> CompanyKindChange | None:
    return (
        CompanyKindChange.objects.select_for_update()
        .filter(company_id=company_id, status=KindChangeStatus.PENDING)
        .first()
    )


def _lock(change_id: uuid.UUID) -> tuple[CompanyKindChange, Company]:
    """The request and its company, locked company first (the order every writer uses)."""
    company_id = (
        CompanyKindChange.objects.filter(id=change_id).values_list("company_id", flat=True).first()
    )
    if company_id is None:
        raise NotFound()
    company = Company.objects.select_for_update().get(id=company_id)
    change = CompanyKindChange.objects.select_for_update().get(id=change_id)
    return change, company


def _decide(
    change: CompanyKindChange,
    status: KindChangeStatus,
    *,
    user_id: uuid.UUID,
    operator: User | None = None,
    note: str = "",
) -> None:
    ensure_transition(
        KIND_CHANGE_TRANSITIONS, current=KindChangeStatus(change.status), target=status
    )
    change.status = status
    change.reviewed_by = operator
    change.review_note = note.strip()
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "reviewed_by", "review_note", "decided_at", "updated_at"])
    _audit(change, str(status), user_id=user_id)


def _audit(change: CompanyKindChange, verb: str, *, user_id: uuid.UUID) -> None:
    audit_record(
        action=f"company_kind_change.{verb}",
        object_type="companies.companykindchange",
        object_id=change.id,
        actor_user_id=user_id,
        company_id=change.company_id,
        data={"from": change.from_kind, "to": change.to_kind, "note": change.review_note},
    )
