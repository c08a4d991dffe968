"""Status changes of the companies domain, checked with `core.transitions.ensure_transition`."""

from typing import Final

from tradebridge.companies.enums import DocumentStatus

DOCUMENT_TRANSITIONS: Final = {
    DocumentStatus.PENDING: frozenset({DocumentStatus.APPROVED, DocumentStatus.REJECTED}),
    DocumentStatus.APPROVED: frozenset[DocumentStatus](),
    DocumentStatus.REJECTED: frozenset[DocumentStatus](),
}
