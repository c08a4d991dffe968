"""Events the companies domain publishes (see `tradebridge.core.events`)."""

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
