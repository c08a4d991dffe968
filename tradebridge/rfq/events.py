"""Events the RFQ domain publishes (handlers are mapped in `config/event_handlers.py`).

The RFQ services publish them after the commit (`publish(..., after_commit=True)`): a handler
never sees a change that was rolled back, and its failure never undoes the RFQ's. Handlers
should enqueue a task that takes the ids and no-ops when the work is already done.
"""

import uuid
from dataclasses import dataclass

from tradebridge.core.events import Event


@dataclass(frozen=True, slots=True)
class RFQOpened(Event):
    """An RFQ opened to suppliers (posted open, opened from a draft, or reopened with a later
    deadline). Matching ranks and notifies suppliers on it; `reopened` tells a reopening apart,
    so that suppliers already notified are not told twice."""

    rfq_id: uuid.UUID
    buyer_id: uuid.UUID
    reopened: bool = False


@dataclass(frozen=True, slots=True)
class RFQClosed(Event):
    """An open RFQ stopped taking quotes; `reason` is an `RFQClosedReason` value
    (deadline, by_buyer, cap)."""

    rfq_id: uuid.UUID
    buyer_id: uuid.UUID
    reason: str


@dataclass(frozen=True, slots=True)
class RFQCancelled(Event):
    """The buyer cancelled an RFQ (a draft, an open or a closed one)."""

    rfq_id: uuid.UUID
    buyer_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class RFQAwarded(Event):
    """The buyer accepted a quote on the RFQ: `deal_id` is the agreed deal."""

    rfq_id: uuid.UUID
    buyer_id: uuid.UUID
    deal_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class DealAgreed(Event):
    """The buyer accepted a quote: its terms are frozen in the deal `deal_id` (`reference`).
    Published after the commit by `quote_accept`; the orders app turns the deal into an
    order. Both companies are named so that handlers notify each side."""

    deal_id: uuid.UUID
    reference: str
    rfq_id: uuid.UUID
    quote_id: uuid.UUID
    buyer_id: uuid.UUID
    supplier_id: uuid.UUID
