"""The digest e-mail of new matching RFQs: one e-mail per supplier and run, to its members who
may quote (owners, admins, sales), each in their language, listing the RFQs it was notified
of since its last digest, with why each fits.

An invitation is e-mailed at most once: the run claims it (`emailed_at`) under a row lock in
the transaction that sends, so a second run, or two runs at once, skip it; a failed send
rolls the claim back and the next run tries again. RFQs that closed or whose deadline passed
before the digest went out are left out (and stay unclaimed, never to be sent).
"""

import logging
import uuid
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from tradebridge.catalog.selectors import SUPPLIER_KINDS
from tradebridge.companies.emails import company_recipients
from tradebridge.companies.models import Company
from tradebridge.companies.permissions import Permission
from tradebridge.core.emails import email_language, email_send
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.matching.selectors import shown_reasons
from tradebridge.rfq.models import RFQInvitation

TEMPLATE = "rfq/email/matches_digest"
logger = logging.getLogger(__name__)

INBOX_URL_NAME = "rfq_inbox"  # the supplier's "RFQs for you" page (rfq/web)


def rfq_match_digests_send(*, now: datetime | None = None, base_url: str = "") -> int:
    """Send every supplier with unsent notified invitations its digest; returns how many
    suppliers were e-mailed. Idempotent (see the module docstring)."""
    moment = now or timezone.now()
    suppliers = _pending(moment).values_list("supplier_id", flat=True).distinct()
    sent = 0
    for supplier_id in sorted(set(suppliers)):
        try:
            sent += _supplier_digest_send(supplier_id, moment, base_url)
        except Exception:  # one supplier's failed send must not hold back the others
            logger.exception(
                "RFQ digest for supplier %s not sent; the next run retries", supplier_id
            )
    return sent


def _pending(now: datetime) -> QuerySet[RFQInvitation]:
    return RFQInvitation.objects.filter(
        notified_at__isnull=False,
        emailed_at__isnull=True,
        rfq__status=RFQStatus.OPEN,
        rfq__quote_deadline__gt=now,
        supplier__is_active=True,
        supplier__kind__in=SUPPLIER_KINDS,
    )


def _supplier_digest_send(supplier_id: uuid.UUID, now: datetime, base_url: str) -> bool:
    with transaction.atomic():
        claimed = list(
            _pending(now)
            .filter(supplier_id=supplier_id)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("rfq", "rfq__category")
            .order_by("rank", "rfq__quote_deadline", "id")
        )
        if not claimed:
            return False
        RFQInvitation.objects.filter(id__in=[row.id for row in claimed]).update(emailed_at=now)
        company = Company.objects.get(id=supplier_id)
        recipients = company_recipients(company_id=supplier_id, permission=Permission.SUBMIT_QUOTES)
        for recipient in recipients:
            email_send(
                to=recipient.email,
                language=recipient.language,
                template=TEMPLATE,
                context=_context(company, claimed, recipient.language),
                base_url=base_url or None,
            )
    return bool(recipients)


def _context(company: Company, rows: list[RFQInvitation], language: str) -> dict[str, Any]:
    with translation.override(email_language(language)):
        items = [
            {"rfq": row.rfq, "invited": row.source == "invited", "reasons": _texts(row)}
            for row in rows
        ]
    return {"company": company, "items": items, "path": _inbox_path()}


def _texts(row: RFQInvitation) -> list[str]:
    return [reason.text for reason in shown_reasons(row.reasons) if reason.text]


def _inbox_path() -> str:
    try:
        return reverse(INBOX_URL_NAME)
    except NoReverseMatch:  # the pages are not mounted (an API-only deployment)
        return "/"
