"""The order page's reminder while the order waits for the buyer's money (the deposit, the full
price or the balance): which instalment, what is left to pay, what was already received, by
when, and the payment reference to quote. Pure presentation over payments' escrow summary."""

from dataclasses import dataclass
from datetime import datetime

from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order
from tradebridge.orders.web.display import money_text
from tradebridge.payments.enums import InstalmentKind, InstalmentStatus
from tradebridge.payments.errors import EscrowNotFound
from tradebridge.payments.selectors import InstalmentView, escrow_summary

# The instalments each waiting status waits for.
_AWAITED = {
    OrderStatus.AWAITING_DEPOSIT: frozenset({InstalmentKind.DEPOSIT, InstalmentKind.FULL}),
    OrderStatus.AWAITING_BALANCE: frozenset({InstalmentKind.BALANCE}),
}
_OPEN = frozenset({InstalmentStatus.PENDING, InstalmentStatus.PARTIALLY_PAID})


@dataclass(frozen=True)
class PaymentDue:
    kind: str  # an InstalmentKind value: deposit, full, balance
    amount: str  # the instalment's whole amount
    left: str  # what is still to pay
    paid: str  # what was already received ("" when nothing yet)
    due_at: datetime | None
    reference: str  # the payment reference to quote on the transfer


def payment_due(order: Order) -> PaymentDue | None:
    """The instalment the order waits for, when it waits for one that is still open; None in
    every other status (and for an order without escrow)."""
    awaited = (
        _AWAITED.get(OrderStatus(order.status)) if order.status in OrderStatus.values else None
    )
    if awaited is None:
        return None
    try:
        instalments = escrow_summary(order_id=order.pk).instalments
    except EscrowNotFound:
        return None
    found = next(
        (item for item in instalments if item.kind in awaited and item.status in _OPEN), None
    )
    return _due(found) if found is not None else None


def _due(instalment: InstalmentView) -> PaymentDue:
    currency = instalment.amount.currency
    left = instalment.amount.amount - instalment.paid_amount.amount
    paid = instalment.paid_amount.amount
    return PaymentDue(
        kind=instalment.kind,
        amount=money_text(instalment.amount.amount, currency),
        left=money_text(left, currency),
        paid=money_text(paid, currency) if paid > 0 else "",
        due_at=instalment.due_at,
        reference=instalment.reference,
    )
