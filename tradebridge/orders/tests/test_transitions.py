"""The order status table, checked over every (current, target) pair."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from tradebridge.core.errors import InvalidTransition
from tradebridge.core.transitions import ensure_transition
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.transitions import (
    CANCELLABLE_BEFORE_PRODUCTION,
    FINAL_STATUSES,
    ORDER_ACTIONS,
    ORDER_TRANSITIONS,
    RECEIVABLE_STATUSES,
    SHIP_DEADLINE_STATUSES,
    OrderAction,
    OrderSide,
    actions_open,
)

S = OrderStatus
LEGAL = {
    (S.AWAITING_CONFIRMATION, S.AWAITING_DEPOSIT),
    (S.AWAITING_CONFIRMATION, S.IN_PRODUCTION),
    (S.AWAITING_CONFIRMATION, S.CANCELLED),
    (S.AWAITING_DEPOSIT, S.IN_PRODUCTION),
    (S.AWAITING_DEPOSIT, S.CANCELLED),
    (S.IN_PRODUCTION, S.AWAITING_BALANCE),
    (S.IN_PRODUCTION, S.READY_TO_SHIP),
    (S.IN_PRODUCTION, S.CANCELLED),
    (S.AWAITING_BALANCE, S.READY_TO_SHIP),
    (S.AWAITING_BALANCE, S.CANCELLED),
    (S.READY_TO_SHIP, S.SHIPPED),
    (S.READY_TO_SHIP, S.CANCELLED),
    (S.SHIPPED, S.DELIVERED),
    (S.SHIPPED, S.COMPLETED),
    (S.SHIPPED, S.DISPUTED),
    (S.DELIVERED, S.COMPLETED),
    (S.DELIVERED, S.DISPUTED),
    (S.DISPUTED, S.COMPLETED),
    (S.DISPUTED, S.SHIPPED),
    (S.DISPUTED, S.DELIVERED),
}
PAIRS = list(itertools.product(OrderStatus, repeat=2))


def test_every_status_has_a_row() -> None:
    assert set(ORDER_TRANSITIONS) == set(OrderStatus)


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_every_legal_edge_passes(current: OrderStatus, target: OrderStatus) -> None:
    ensure_transition(ORDER_TRANSITIONS, current=current, target=target)


@pytest.mark.parametrize(("current", "target"), [p for p in PAIRS if p not in LEGAL])
def test_every_other_pair_is_refused(current: OrderStatus, target: OrderStatus) -> None:
    with pytest.raises(InvalidTransition) as raised:
        ensure_transition(ORDER_TRANSITIONS, current=current, target=target)

    assert raised.value.code == "invalid_transition"
    assert raised.value.details["allowed"] == sorted(str(s) for s in ORDER_TRANSITIONS[current])


def test_completed_and_cancelled_are_final() -> None:
    assert {S.COMPLETED, S.CANCELLED} == FINAL_STATUSES
    assert all(ORDER_TRANSITIONS[status] == frozenset() for status in FINAL_STATUSES)


def test_the_buyer_cannot_cancel_while_the_balance_is_awaited_or_after_shipping() -> None:
    cancellable = {s for s, nxt in ORDER_TRANSITIONS.items() if S.CANCELLED in nxt}
    by_buyer = ORDER_ACTIONS["cancel"].sources

    assert by_buyer == CANCELLABLE_BEFORE_PRODUCTION | SHIP_DEADLINE_STATUSES
    assert not by_buyer & (RECEIVABLE_STATUSES | {S.AWAITING_BALANCE, S.DISPUTED})
    # Awaiting the balance, only the supplier cancels (the buyer defaulted past the grace).
    assert cancellable == by_buyer | {S.AWAITING_BALANCE}
    assert ORDER_ACTIONS["cancel-unpaid"] == OrderAction(
        OrderSide.SUPPLIER, frozenset({S.AWAITING_BALANCE})
    )


NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_every_action_starts_only_where_the_table_lets_it_go() -> None:
    for action in ORDER_ACTIONS.values():
        for status in action.sources:
            assert ORDER_TRANSITIONS[status], status


@pytest.mark.parametrize(
    ("status", "side", "expected"),
    [
        (S.AWAITING_CONFIRMATION, OrderSide.SUPPLIER, ["confirm", "decline"]),
        (S.AWAITING_CONFIRMATION, OrderSide.BUYER, ["cancel"]),
        (S.AWAITING_DEPOSIT, OrderSide.SUPPLIER, []),
        (S.AWAITING_DEPOSIT, OrderSide.BUYER, ["cancel"]),
        (S.IN_PRODUCTION, OrderSide.SUPPLIER, ["production-done"]),
        (S.AWAITING_BALANCE, OrderSide.BUYER, []),
        (S.READY_TO_SHIP, OrderSide.SUPPLIER, ["ship"]),
        (S.SHIPPED, OrderSide.SUPPLIER, ["mark-delivered"]),
        (S.SHIPPED, OrderSide.BUYER, ["confirm-receipt", "dispute"]),
        (S.DELIVERED, OrderSide.BUYER, ["confirm-receipt", "dispute"]),
        (S.DELIVERED, OrderSide.SUPPLIER, []),
        (S.DISPUTED, OrderSide.BUYER, []),
        (S.COMPLETED, OrderSide.BUYER, []),
        (S.CANCELLED, OrderSide.SUPPLIER, []),
    ],
)
def test_actions_open_by_status_and_side(
    status: OrderStatus, side: OrderSide, expected: list[str]
) -> None:
    assert actions_open(status=status, side=side, now=NOW) == expected


@pytest.mark.parametrize("status", [S.IN_PRODUCTION, S.READY_TO_SHIP])
def test_the_buyer_may_cancel_in_production_only_past_the_shipping_deadline(
    status: OrderStatus,
) -> None:
    def buyer(ship_by: datetime | None) -> list[str]:
        return actions_open(status=status, side=OrderSide.BUYER, now=NOW, ship_by=ship_by)

    assert buyer(None) == []
    assert buyer(NOW + HOUR) == []
    assert buyer(NOW) == ["cancel"]
    assert buyer(NOW - HOUR) == ["cancel"]


def test_a_delivered_order_may_be_disputed_only_within_its_protection_window() -> None:
    def buyer(ends: datetime) -> list[str]:
        return actions_open(
            status=S.DELIVERED, side=OrderSide.BUYER, now=NOW, protection_ends_at=ends
        )

    assert buyer(NOW + HOUR) == ["confirm-receipt", "dispute"]
    assert buyer(NOW) == ["confirm-receipt"]


@pytest.mark.parametrize(
    ("grace_ends_at", "expected"),
    [(None, []), (NOW + HOUR, []), (NOW, ["cancel-unpaid"]), (NOW - HOUR, ["cancel-unpaid"])],
)
def test_the_supplier_may_cancel_an_unpaid_balance_only_once_the_grace_ended(
    grace_ends_at: datetime | None, expected: list[str]
) -> None:
    opened = actions_open(
        status=S.AWAITING_BALANCE,
        side=OrderSide.SUPPLIER,
        now=NOW,
        balance_grace_ends_at=grace_ends_at,
    )

    assert opened == expected
