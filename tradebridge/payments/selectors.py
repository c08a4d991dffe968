"""Reads of the payments domain: the operator's payment settings and escrow summaries.

Escrow reads take an `order_id` and do no authorization: orders checks the actor against
the order before asking (payments knows orders only by id).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tradebridge.core.money import Money
from tradebridge.payments.errors import EscrowNotFound
from tradebridge.payments.ledger import from_minor, to_minor
from tradebridge.payments.models import EscrowHold, Instalment, PaymentSettings


def payment_settings() -> PaymentSettings:
    """The operator's payment settings (the one row, created with its defaults on first read)."""
    row, _created = PaymentSettings.objects.get_or_create(id=1)
    return row


@dataclass(frozen=True, slots=True)
class InstalmentView:
    id: uuid.UUID
    kind: str
    amount: Money
    paid_amount: Money
    due_at: datetime | None
    reference: str
    status: str
    position: int
    paid_at: datetime | None


@dataclass(frozen=True, slots=True)
class EscrowSummary:
    order_id: uuid.UUID
    currency: str
    total: Money
    deposited: Money
    released: Money
    refunded: Money
    held: Money
    status: str
    commission_percent: str
    instalments: list[InstalmentView]


def escrow_summary(*, order_id: uuid.UUID) -> EscrowSummary:
    """The escrow of an order: amounts, status and instalments (by position).
    Raises EscrowNotFound. Two queries."""
    hold = EscrowHold.objects.filter(order_id=order_id).first()
    if hold is None:
        raise EscrowNotFound(order_id=str(order_id))
    return escrow_summary_of(hold, list(hold.instalments.order_by("position")))


def escrow_summaries(*, order_ids: list[uuid.UUID]) -> dict[uuid.UUID, EscrowSummary]:
    """The escrow summaries of many orders at once (orders without a hold are left out).
    Two queries, whatever the number of orders."""
    holds = list(EscrowHold.objects.filter(order_id__in=order_ids))
    instalments: dict[uuid.UUID, list[Instalment]] = {hold.pk: [] for hold in holds}
    for instalment in Instalment.objects.filter(hold__in=holds).order_by("hold", "position"):
        instalments[instalment.hold_id].append(instalment)
    return {hold.order_id: escrow_summary_of(hold, instalments[hold.pk]) for hold in holds}


def escrow_summary_of(hold: EscrowHold, instalments: list[Instalment]) -> EscrowSummary:
    currency = hold.currency
    return EscrowSummary(
        order_id=hold.order_id,
        currency=currency,
        total=_money(hold.total, currency),
        deposited=from_minor(hold.deposited_minor, currency),
        released=from_minor(hold.released_minor, currency),
        refunded=from_minor(hold.refunded_minor, currency),
        held=from_minor(hold.held_minor, currency),
        status=hold.status,
        commission_percent=str(hold.commission_percent),
        instalments=[_instalment_view(instalment) for instalment in instalments],
    )


def _money(amount: Decimal, currency: str) -> Money:
    """A stored amount with the currency's minor digits (stored amounts are whole minor units)."""
    return from_minor(to_minor(Money(amount, currency)), currency)


def _instalment_view(instalment: Instalment) -> InstalmentView:
    return InstalmentView(
        id=instalment.pk,
        kind=instalment.kind,
        amount=_money(instalment.amount, instalment.currency),
        paid_amount=_money(instalment.paid_amount, instalment.currency),
        due_at=instalment.due_at,
        reference=instalment.reference,
        status=instalment.status,
        position=instalment.position,
        paid_at=instalment.paid_at,
    )
