"""Events the catalog publishes (handlers are mapped in `config/event_handlers.py`)."""

import uuid
from dataclasses import dataclass

from tradebridge.core.events import Event


@dataclass(frozen=True, slots=True)
class CatalogChanged(Event):
    """The change feed (`ProductChange`) has new rows; published after the commit, once per
    transaction that wrote rows.

    Consumers (the search index) read the feed after their own position
    (`catalog.selectors.product_changes_after`): the event carries nothing, so two events
    folded into one, or one lost, cost nothing but a little delay until the next.

    In tests that run inside one transaction, an announcement still pending from an earlier
    change covers the later ones: run each change's commit callbacks
    (`django_capture_on_commit_callbacks(execute=True)`) to see one event per change.
    """


@dataclass(frozen=True, slots=True)
class ProductApproved(Event):
    """An operator approved a product pending review: it is published. Published in the
    approval's transaction; the supplier is told by e-mail after the commit."""

    product_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class ProductSuspended(Event):
    """An operator suspended a product, with a reason the supplier sees (`status_reason`)."""

    product_id: uuid.UUID
