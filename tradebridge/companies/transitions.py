"""Status changes of the companies domain, checked with `core.transitions.ensure_transition`."""

from typing import Final

from tradebridge.companies.enums import DocumentStatus, KindChangeStatus

DOCUMENT_TRANSITIONS: Final = {
    DocumentStatus.PENDING: frozenset({DocumentStatus.APPROVED, DocumentStatus.REJECTED}),
    DocumentStatus.APPROVED: frozenset[DocumentStatus](),
    DocumentStatus.REJECTED: frozenset[DocumentStatus](),
}

KIND_CHANGE_TRANSITIONS: Final = {
    KindChangeStatus.PENDING: frozenset(
        {KindChangeStatus.APPROVED, KindChangeStatus.REJECTED, KindChangeStatus.WITHDRAWN}
    ),
    KindChangeStatus.APPROVED: frozenset[KindChangeStatus](),
    KindChangeStatus.REJECTED: frozenset[KindChangeStatus](),
    KindChangeStatus.WITHDRAWN: frozenset[KindChangeStatus](),
}
