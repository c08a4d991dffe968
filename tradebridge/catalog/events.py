"""Events the catalog publishes (handlers are mapped in `config/event_handlers.py`)."""

from dataclasses import dataclass
from uuid import UUID

from tradebridge.core.events import Event


@dataclass(frozen=True, slots=True)
class ProductChanged(Event):
    """A product was created, edited, changed status or was deleted; published after commit.

    Consumers (the search index) reload the product by id and treat "gone" as deleted.
    """

    product_id: UUID
