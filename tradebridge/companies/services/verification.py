"""Operators' verification of companies."""

import uuid

from django.db import transaction

from tradebridge.accounts.models import User
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.events import CompanyVerificationChanged
from tradebridge.companies.models import Company, CompanyVerificationEvent
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
            CompanyVerificationEvent.objects.create(
                company=company,
                operator=operator,
                from_level=company.verification_level,
                to_level=level,
                note=note.strip(),
            )
            company.verification_level = level
            company.save(update_fields=["verification_level", "updated_at"])
            publish(CompanyVerificationChanged(company_id=company.id))
    return company
