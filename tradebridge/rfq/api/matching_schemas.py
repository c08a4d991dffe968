"""Response bodies of the matching API: an RFQ's ranked suppliers (its buyer, the operator)
and a supplier's "RFQs for you" inbox. Reasons come as `{"code", "text", "params"}`: the
code and parameters for scripts, the text in the request's language for people."""

import uuid
from dataclasses import asdict
from datetime import datetime
from typing import Any

from ninja import Schema

from tradebridge.rfq.matching.selectors import inbox_fit, inbox_reasons, shown_reasons
from tradebridge.rfq.models import RFQ, RFQInvitation


class ReasonOut(Schema):
    code: str
    text: str
    params: dict[str, str | int]


class SupplierMatchOut(Schema):
    """One ranked supplier of an RFQ."""

    slug: str
    name: str
    score: float
    rank: int
    source: str  # "invited" (by the buyer) or "matched"
    notified: bool
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_slug(row: RFQInvitation) -> str:
        return row.supplier.slug

    @staticmethod
    def resolve_name(row: RFQInvitation) -> str:
        return row.supplier.display_name

    @staticmethod
    def resolve_notified(row: RFQInvitation) -> bool:
        return row.notified_at is not None

    @staticmethod
    def resolve_reasons(row: RFQInvitation) -> list[dict[str, Any]]:
        return [asdict(reason) for reason in shown_reasons(row.reasons)]


class InboxRFQOut(Schema):
    """An open RFQ the supplier may quote on, with its fit for that supplier only."""

    id: uuid.UUID
    reference: str
    title: str
    quantity: int
    unit: str
    destination_country: str
    category: str | None
    quote_deadline: datetime
    visibility: str
    source: str | None  # "invited", "matched", or null (open to all, not matched)
    score: float | None
    rank: int | None
    is_new: bool
    has_quoted: bool
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_category(rfq: RFQ) -> str | None:
        return rfq.category.name if rfq.category else None

    @staticmethod
    def resolve_source(rfq: RFQ) -> str | None:
        return inbox_fit(rfq).source

    @staticmethod
    def resolve_score(rfq: RFQ) -> float | None:
        return inbox_fit(rfq).score

    @staticmethod
    def resolve_rank(rfq: RFQ) -> int | None:
        return inbox_fit(rfq).rank

    @staticmethod
    def resolve_is_new(rfq: RFQ) -> bool:
        return inbox_fit(rfq).is_new

    @staticmethod
    def resolve_has_quoted(rfq: RFQ) -> bool:
        return inbox_fit(rfq).has_quoted

    @staticmethod
    def resolve_reasons(rfq: RFQ) -> list[dict[str, Any]]:
        return [asdict(reason) for reason in inbox_reasons(rfq)]
