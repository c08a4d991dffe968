"""Events the payments domain publishes (handlers are mapped in `config/event_handlers.py`).

Published inside the transaction that moved the money (the default `publish`): the orders
handlers change the order in the same transaction, and a handler's error rolls the payment
back. Amounts are decimal strings with the currency beside them.
"""

import uuid
from dataclasses import dataclass

from tradebridge.core.events import Event


@dataclass(frozen=True, slots=True)
class PaymentReceived(Event):
    """Money was applied to an instalment (bank transfer or provider); `amount` is the part
    applied, not any excess held for review."""

    order_id: uuid.UUID
    instalment_id: uuid.UUID
    amount: str
    currency: str


@dataclass(frozen=True, slots=True)
class InstalmentPaid(Event):
    """An instalment became paid in full; `kind` is an `InstalmentKind` value."""

    order_id: uuid.UUID
    instalment_id: uuid.UUID
    kind: str


@dataclass(frozen=True, slots=True)
class EscrowReleased(Event):
    """Money held for an order went to the supplier (less commission); `amount` is gross."""

    order_id: uuid.UUID
    amount: str
    currency: str


@dataclass(frozen=True, slots=True)
class EscrowRefunded(Event):
    """Money held for an order is owed back to the buyer."""

    order_id: uuid.UUID
    amount: str
    currency: str


@dataclass(frozen=True, slots=True)
class DisputeOpened(Event):
    order_id: uuid.UUID
    dispute_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class DisputeUpdated(Event):
    """A dispute moved (countered, escalated, withdrawn...); `status` is a `DisputeStatus`."""

    order_id: uuid.UUID
    dispute_id: uuid.UUID
    status: str


@dataclass(frozen=True, slots=True)
class DisputeResolved(Event):
    """`resolution` is a `DisputeResolution` value; `refund_amount` a decimal string ("0" for
    a release)."""

    order_id: uuid.UUID
    dispute_id: uuid.UUID
    resolution: str
    refund_amount: str
    currency: str
