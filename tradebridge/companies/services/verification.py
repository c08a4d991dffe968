"""Operators' verification of companies."""

import uuid

from django.db import transaction

from tradebridge.accounts.models import User
from tradebridge.accounts.selectors import user_has_verified_email
from tradebridge.companies.enums import Role, VerificationLevel
from tradebridge.companies.events import CompanyVerificationChanged
from tradebridge.companies.models import Company, CompanyVerificationEvent, Membership
from tradebridge.companies.permissions import ensure_operator
from tradebridge.core.errors import NotFound, ValidationFailed
from tradebridge.core.events import publish


def company_set_verification(
    *, operator: User, company_id: uuid.UUID, level: str, note: str = ""
) -> Company:
    """Set a company's verification level and record who did it, when, from, to and why;
    publish CompanyVerificationChanged in the transaction when the level changed.

    Only active platform operators (`is_staff`) may. Idempotent: setting the current level again
    records nothing. Raises PermissionDenied, NotFound, ValidationFailed (unknown level).
    """
    ensure_operator(operator)
    if level not in VerificationLevel.values:
        raise ValidationFailed("Unknown verification level.", field="level")
    with transaction.atomic():
        company = Company.objects.select_for_update().filter(id=company_id).first()
        if company is None:
            raise NotFound()
        if company.verification_level != level:
            _level_change(company, level=level, operator=operator, note=note.strip())
    return company


def _level_change(company: Company, *, level: str, operator: User | None, note: str) -> None:
    """Record the change in the company's history, apply it and publish it (in the caller's
    transaction, the company locked). No operator: the platform did it."""
    CompanyVerificationEvent.objects.create(
        company=company,
        operator=operator,
        from_level=company.verification_level,
        to_level=level,
        note=note,
    )
    company.verification_level = level
    company.save(update_fields=["verification_level", "updated_at"])
    publish(CompanyVerificationChanged(company_id=company.id))


EMAIL_VERIFIED_NOTE = "The owner's e-mail address is confirmed."


def company_verify_email(*, user: User) -> list[Company]:
    """The level a confirmed e-mail earns: each active company that `user` owns and that is
    still unverified becomes *e-mail verified*, recorded in its history without an operator;
    publishes CompanyVerificationChanged for each. Returns the companies raised.

    Idempotent (a company above *unverified* is left alone); does nothing while the user's
    address is unconfirmed.
    """
    if not user_has_verified_email(user=user, email=user.email):
        return []
    owned = Membership.objects.filter(user=user, role=Role.OWNER, is_active=True)
    raised = []
    with transaction.atomic():
        companies = Company.objects.select_for_update().filter(
            id__in=owned.values("company_id"),
            is_active=True,
            verification_level=VerificationLevel.UNVERIFIED,
        )
        for company in companies.order_by("id"):
            _level_change(
                company,
                level=VerificationLevel.EMAIL_VERIFIED,
                operator=None,
                note=EMAIL_VERIFIED_NOTE,
            )
            raised.append(company)
    return raised
