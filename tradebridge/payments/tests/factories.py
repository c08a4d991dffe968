"""Test helpers for payments: open an escrow hold through the real service, pay it.

`open_hold()` makes a buyer and a supplier company and opens the escrow of a made-up order
(payments knows orders only by id), so payments' tests need no orders.
"""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from tradebridge.companies.models import Company
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.money import Money
from tradebridge.payments.models import EscrowHold, Instalment
from tradebridge.payments.services.escrow import (
    PaymentApplication,
    escrow_open,
    instalment_payment_apply,
)

DUE = datetime(2026, 12, 14, 12, 0, tzinfo=UTC)


def open_hold(
    total: str = "1000.00",
    currency: str = "EUR",
    *,
    deposit_percent: str = "30",
    commission_percent: str = "3.00",
    buyer: Company | None = None,
    supplier: Company | None = None,
    order_id: uuid.UUID | None = None,
) -> EscrowHold:
    order_id = order_id or uuid.uuid4()
    return escrow_open(
        order_id=order_id,
        order_reference=f"ORD-{order_id.hex[:8].upper()}",
        buyer_id=(buyer or CompanyFactory.create()).pk,
        supplier_id=(supplier or CompanyFactory.create()).pk,
        total=Money.of(total, currency),
        deposit_percent=Decimal(deposit_percent),
        commission_percent=Decimal(commission_percent),
        deposit_due_at=DUE,
    )


def instalments(hold: EscrowHold) -> list[Instalment]:
    return list(hold.instalments.order_by("position"))


def pay(
    instalment: Instalment, amount: str | None = None, *, key: str | None = None
) -> PaymentApplication:
    """Pay `amount` (default: what is still owed) to the instalment by bank transfer."""
    value = (
        Money.of(amount, instalment.currency)
        if amount is not None
        else Money(instalment.amount - instalment.paid_amount, instalment.currency)
    )
    return instalment_payment_apply(
        instalment_id=instalment.pk,
        amount=value,
        key=key or f"test-pay-{uuid.uuid4()}",
        source="bank_transfer",
        now=DUE,
    )
