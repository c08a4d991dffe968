"""Every action from every status, through the services: where `actions_open` (the table and
its deadline guards) allows it, it moves the order along a legal edge; everywhere else it
answers 409 `invalid_transition` and writes nothing (M10)."""

from collections.abc import Callable
from typing import Any

import pytest

from tradebridge.companies.models import Membership
from tradebridge.core.errors import InvalidTransition
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.services import lifecycle
from tradebridge.orders.tests.lifecycle.conftest import DAY, T0, Parties, pay, place, set_status
from tradebridge.orders.transitions import ORDER_ACTIONS, ORDER_TRANSITIONS, OrderSide, actions_open

pytestmark = pytest.mark.django_db

type Verb = Callable[[Membership, Any], object]

VERBS: dict[str, Verb] = {
    "confirm": lambda a, o: lifecycle.order_confirm(actor=a, order_id=o, now=T0),
    "decline": lambda a, o: lifecycle.order_decline(actor=a, order_id=o, now=T0),
    "production-done": lambda a, o: lifecycle.order_production_done(actor=a, order_id=o, now=T0),
    "ship": lambda a, o: lifecycle.order_ship(
        actor=a, order_id=o, carrier="DHL", tracking_number="1Z", now=T0
    ),
    "mark-delivered": lambda a, o: lifecycle.order_mark_delivered(actor=a, order_id=o, now=T0),
    "cancel-unpaid": lambda a, o: lifecycle.order_cancel_unpaid_balance(
        actor=a, order_id=o, now=T0
    ),
    "cancel": lambda a, o: lifecycle.order_cancel(actor=a, order_id=o, now=T0),
    "confirm-receipt": lambda a, o: lifecycle.order_confirm_receipt(actor=a, order_id=o, now=T0),
    "dispute": lambda a, o: lifecycle.order_dispute_open(
        actor=a,
        order_id=o,
        reason="quality",
        description="Torn.",
        requested_refund=Money.of("100", "EUR"),
        now=T0,
    ),
}
DEADLINES = {"ship_by": T0 - DAY, "protection_ends_at": T0 + DAY, "delivered_at": T0 - DAY}


def test_every_action_has_a_service() -> None:
    assert set(VERBS) == set(ORDER_ACTIONS)


@pytest.mark.parametrize("status", list(OrderStatus))
@pytest.mark.parametrize("action", list(ORDER_ACTIONS))
def test_an_action_moves_along_the_table_or_changes_nothing(
    parties: Parties, action: str, status: OrderStatus
) -> None:
    order = place(parties, deposit_percent="100")
    pay(order, "full", now=T0 - DAY)
    order = set_status(order, status, **DEADLINES)
    side = ORDER_ACTIONS[action].side
    actor = parties.supplier if side == OrderSide.SUPPLIER else parties.buyer
    events = order.events.count()
    legal = action in actions_open(
        status=status, side=side, now=T0, ship_by=T0 - DAY, protection_ends_at=T0 + DAY
    )

    if legal:
        VERBS[action](actor, order.pk)
        order.refresh_from_db()
        assert order.status in ORDER_TRANSITIONS[status]
        assert order.events.count() > events
    else:
        with pytest.raises(InvalidTransition) as raised:
            VERBS[action](actor, order.pk)
        assert raised.value.http_status == 409
        order.refresh_from_db()
        assert order.status == status
        assert order.events.count() == events
