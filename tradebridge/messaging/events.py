"""Events of messaging (see core/events.py; reactions are mapped in config/event_handlers.py)."""

import uuid
from dataclasses import dataclass

from tradebridge.core.events import Event


@dataclass(frozen=True, slots=True)
class ResponseRequestChanged(Event):
    """A supplier was asked something, or answered: its response stats are due a refresh."""

    supplier_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class SupplierResponseStatsChanged(Event):
    """A supplier's response rate or time changed (search shows them on its document)."""

    company_id: uuid.UUID
