"""Events the companies domain publishes (see `tradebridge.core.events`).

They are published inside the transaction of the change (handlers run at once), so what the
catalog writes in reaction (its change feed) commits or rolls back with the change itself.
"""

import uuid
from dataclasses import dataclass

from tradebridge.core.events import Event


@dataclass(frozen=True, slots=True)
class CompanySuspended(Event):
    """An operator suspended the company: its listings must disappear everywhere."""

    company_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CompanyReinstated(Event):
    """An operator reinstated a suspended company: its listings may show again."""

    company_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CompanyVerificationChanged(Event):
    """An operator changed the company's verification level (a filter and badge buyers see)."""

    company_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CompanyProfileEdited(Event):
    """The company's display name, country or province changed (shown with its products)."""

    company_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class VerificationDocumentReviewed(Event):
    """An operator approved or rejected a verification document (its status says which)."""

    document_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CompanyKindChanged(Event):
    """An operator approved the company's change of kind: its products show only while it is a
    supplier (or both), so every copy of the catalog re-reads them."""

    company_id: uuid.UUID
