"""Events the orders domain publishes (handlers are mapped in `config/event_handlers.py`).

`OrderStatusChanged` is published **inside** the transaction that moves the order (the
default `publish`), so a handler's work commits with the move or not at all: e.g. issuing the
commercial invoice and the packing list when an order ships (a failure to issue them rolls the
shipment back). Slow or external work (e-mails) belongs in a task the handler enqueues after
the commit.
"""

import uuid
from dataclasses import dataclass

from tradebridge.core.events import Event


@dataclass(frozen=True, slots=True)
class OrderStatusChanged(Event):
    """An order moved from `previous` to `status` (`OrderStatus` values); `by` is the verb,
    event or timer that moved it (e.g. `confirm`, `ship`, `deposit_paid`,
    `confirmation_expired`)."""

    order_id: uuid.UUID
    buyer_id: uuid.UUID
    supplier_id: uuid.UUID
    previous: str
    status: str
    by: str
