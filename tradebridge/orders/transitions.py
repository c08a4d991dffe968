"""The order status table: which status an order may move to from which, and why.

Each edge names the verb or the event that takes it (services: `orders.services.lifecycle`,
timers: `orders.services.timers`); the services add the guards a table cannot express
(whose turn it is, deadlines, what is paid):

- awaiting_confirmation
  → awaiting_deposit: the supplier confirms (`confirm`) and an upfront instalment (the deposit,
    or the full price) is still to pay;
  → in_production: the supplier confirms and nothing is to pay upfront (no deposit, or the
    buyer paid before the confirmation);
  → cancelled: the supplier declines (`decline`), the buyer cancels (`cancel`), or the
    confirmation deadline passes (timer).
- awaiting_deposit
  → in_production: the upfront instalment is paid (event InstalmentPaid);
  → cancelled: the buyer cancels, or the deposit deadline passes (timer; partial payments are
    refunded).
- in_production
  → awaiting_balance: the supplier finishes production (`production-done`) and the balance is
    due before shipment and not paid yet;
  → ready_to_ship: production done with nothing left to pay before shipment;
  → cancelled: only once the shipping deadline (`ship_by`) has passed: the buyer cancels with
    a full refund. Before production starts the buyer cancels freely; during production, not.
- awaiting_balance
  → ready_to_ship: the balance is paid (event InstalmentPaid). The shipping deadline does not
    run against the supplier here (it waits for the buyer's money);
  → cancelled: the supplier cancels (`cancel-unpaid`) once the balance is still unpaid
    ORDER_BALANCE_GRACE_DAYS after its due date: the deposit is released to the supplier, the
    stock goes back (the buyer defaulted; see docs/architecture.md, "Order timers").
- ready_to_ship
  → shipped: the supplier ships (`ship`: carrier, tracking number);
  → cancelled: only once the shipping deadline has passed (the buyer, full refund).
- shipped
  → delivered: the supplier marks it delivered (`mark-delivered`), or the long-transit timer
    does (shipped longer than the protection days + 30 days with no news);
  → completed: the buyer confirms receipt (`confirm-receipt`; escrow released);
  → disputed: the buyer opens a dispute (`dispute`, e.g. not received).
- delivered
  → completed: the buyer confirms receipt, or the protection window closes (timer; escrow
    released);
  → disputed: the buyer opens a dispute within the protection window.
- disputed
  → completed: the dispute is resolved (refund, partial refund or release; event);
  → shipped / delivered: the buyer withdraws the dispute; the order returns to the status it
    had when the dispute opened (its timers resume).
- completed, cancelled: final.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from tradebridge.orders.enums import OrderStatus

type OrderTable = dict[OrderStatus, frozenset[OrderStatus]]

ORDER_TRANSITIONS: Final[OrderTable] = {
    OrderStatus.AWAITING_CONFIRMATION: frozenset(
        {OrderStatus.AWAITING_DEPOSIT, OrderStatus.IN_PRODUCTION, OrderStatus.CANCELLED}
    ),
    OrderStatus.AWAITING_DEPOSIT: frozenset({OrderStatus.IN_PRODUCTION, OrderStatus.CANCELLED}),
    OrderStatus.IN_PRODUCTION: frozenset(
        {OrderStatus.AWAITING_BALANCE, OrderStatus.READY_TO_SHIP, OrderStatus.CANCELLED}
    ),
    OrderStatus.AWAITING_BALANCE: frozenset({OrderStatus.READY_TO_SHIP, OrderStatus.CANCELLED}),
    OrderStatus.READY_TO_SHIP: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset(
        {OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.DISPUTED}
    ),
    OrderStatus.DELIVERED: frozenset({OrderStatus.COMPLETED, OrderStatus.DISPUTED}),
    OrderStatus.DISPUTED: frozenset(
        {OrderStatus.COMPLETED, OrderStatus.SHIPPED, OrderStatus.DELIVERED}
    ),
    OrderStatus.COMPLETED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

# Before production starts the buyer may cancel at will (everything paid is refunded).
CANCELLABLE_BEFORE_PRODUCTION: Final = frozenset(
    {OrderStatus.AWAITING_CONFIRMATION, OrderStatus.AWAITING_DEPOSIT}
)
# The supplier owes a shipment here: past `ship_by` the buyer may cancel with a full refund.
SHIP_DEADLINE_STATUSES: Final = frozenset({OrderStatus.IN_PRODUCTION, OrderStatus.READY_TO_SHIP})
# Goods are on their way or arrived: the buyer may confirm receipt or open a dispute.
RECEIVABLE_STATUSES: Final = frozenset({OrderStatus.SHIPPED, OrderStatus.DELIVERED})
# Nothing moves any more.
FINAL_STATUSES: Final = frozenset({OrderStatus.COMPLETED, OrderStatus.CANCELLED})


class OrderSide(StrEnum):
    """Which party of an order a company is."""

    BUYER = "buyer"
    SUPPLIER = "supplier"


@dataclass(frozen=True, slots=True)
class OrderAction:
    """A verb of the API (`POST /api/v1/orders/{id}/{action}`): the side that may take it and
    the statuses it starts from (the services add the deadline guards: see `actions_open`)."""

    side: OrderSide
    sources: frozenset[OrderStatus]


ORDER_ACTIONS: Final[dict[str, OrderAction]] = {
    "confirm": OrderAction(OrderSide.SUPPLIER, frozenset({OrderStatus.AWAITING_CONFIRMATION})),
    "decline": OrderAction(OrderSide.SUPPLIER, frozenset({OrderStatus.AWAITING_CONFIRMATION})),
    "production-done": OrderAction(OrderSide.SUPPLIER, frozenset({OrderStatus.IN_PRODUCTION})),
    "ship": OrderAction(OrderSide.SUPPLIER, frozenset({OrderStatus.READY_TO_SHIP})),
    "mark-delivered": OrderAction(OrderSide.SUPPLIER, frozenset({OrderStatus.SHIPPED})),
    "cancel-unpaid": OrderAction(OrderSide.SUPPLIER, frozenset({OrderStatus.AWAITING_BALANCE})),
    "cancel": OrderAction(OrderSide.BUYER, CANCELLABLE_BEFORE_PRODUCTION | SHIP_DEADLINE_STATUSES),
    "confirm-receipt": OrderAction(OrderSide.BUYER, RECEIVABLE_STATUSES),
    "dispute": OrderAction(OrderSide.BUYER, RECEIVABLE_STATUSES),
}


def actions_open(
    *,
    status: OrderStatus,
    side: OrderSide,
    now: datetime,
    ship_by: datetime | None = None,
    protection_ends_at: datetime | None = None,
    balance_grace_ends_at: datetime | None = None,
) -> list[str]:
    """The actions `side` may take now on an order in `status`, in ORDER_ACTIONS' order (the
    order page shows these buttons; the services check the same rules): `cancel` in
    production or ready to ship only once `ship_by` has passed; `dispute` on a delivered order
    only before `protection_ends_at`; `cancel-unpaid` only once `balance_grace_ends_at` (the
    unpaid balance's due date + the grace days) has passed. Roles are not considered here."""
    return [
        name
        for name, action in ORDER_ACTIONS.items()
        if action.side == side
        and status in action.sources
        and _deadline_allows(name, status, now, ship_by, protection_ends_at)
        and (name != "cancel-unpaid" or _passed(balance_grace_ends_at, now))
    ]


def _passed(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and deadline <= now


def _deadline_allows(
    name: str,
    status: OrderStatus,
    now: datetime,
    ship_by: datetime | None,
    protection_ends_at: datetime | None,
) -> bool:
    if name == "cancel" and status in SHIP_DEADLINE_STATUSES:
        return ship_by is not None and ship_by <= now
    if name == "dispute" and status == OrderStatus.DELIVERED:
        return protection_ends_at is None or now < protection_ends_at
    return True
