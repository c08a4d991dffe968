"""Escrow holds: opening one per order with its payment plan, applying payments to
instalments, releasing to the supplier, refunding to the buyer, cancelling what is unpaid.

Lock order: the hold row, then its instalment, then the ledger accounts (by primary key, in
`ledger_post`). Another app that changes an order's money takes the hold's lock first with
`escrow_lock`, before its own rows (orders: the hold, then the order), so it never waits on a
payment that waits on it. Every money movement is one ledger transaction, idempotent on its
key; the hold's cached amounts and status change in the same database transaction, and the
events are published inside it (the orders handlers run in it too).
"""

import uuid
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.core.events import publish
from tradebridge.core.money import CurrencyMismatch, InvalidAmount, Money
from tradebridge.core.transitions import ensure_transition
from tradebridge.payments.enums import (
    AccountKind,
    EscrowStatus,
    InstalmentKind,
    InstalmentStatus,
    TransactionKind,
)
from tradebridge.payments.errors import (
    EscrowInsufficient,
    EscrowNotFound,
    InstalmentNotFound,
    InstalmentNotPayable,
    InvalidPaymentPlan,
    LedgerKeyConflict,
)
from tradebridge.payments.events import (
    EscrowRefunded,
    EscrowReleased,
    InstalmentPaid,
    PaymentReceived,
)
from tradebridge.payments.ledger import from_minor, split_half_up, to_minor
from tradebridge.payments.models import EscrowHold, Instalment, LedgerAccount, LedgerTransaction
from tradebridge.payments.selectors import EscrowSummary, escrow_summary
from tradebridge.payments.services.ledger import ledger_account, ledger_post
from tradebridge.payments.transitions import (
    ESCROW_TRANSITIONS,
    INSTALMENT_OPEN_STATUSES,
    INSTALMENT_TRANSITIONS,
    escrow_status_for,
)

__all__ = [
    "EscrowSummary",
    "PaymentApplication",
    "escrow_cancel_unpaid",
    "escrow_lock",
    "escrow_open",
    "escrow_refund",
    "escrow_release",
    "escrow_summary",
    "instalment_due_set",
    "instalment_payment_apply",
]

_HUNDRED = Decimal(100)
_PAYMENT_KINDS = frozenset(
    {
        TransactionKind.PAYMENT_RECEIVED,
        TransactionKind.UNAPPLIED_RECEIVED,
        TransactionKind.UNAPPLIED_APPLIED,
    }
)


@dataclass(frozen=True, slots=True)
class PaymentApplication:
    """What a payment did: `applied` went into escrow for the instalment, `unapplied` was not
    needed and is held for review in unapplied funds. `replayed`: the key had been used, this
    describes the first call and nothing changed."""

    transaction: LedgerTransaction
    instalment: Instalment
    applied: Money
    unapplied: Money
    became_paid: bool
    replayed: bool


def escrow_open(
    *,
    order_id: uuid.UUID,
    order_reference: str,
    buyer_id: uuid.UUID,
    supplier_id: uuid.UUID,
    total: Money,
    deposit_percent: Decimal,
    commission_percent: Decimal,
    deposit_due_at: datetime,
) -> EscrowHold:
    """Open the order's escrow hold with its instalments: 100 % -> one `full`; 0 < p < 100 ->
    a `deposit` (p % of the total, half-up to the minor unit) and a `balance` (the rest, due
    date set later by orders); 0 % -> one `balance`. Idempotent on `order_id`.
    Raises InvalidPaymentPlan, InvalidAmount (a total finer than the minor unit)."""
    total_minor = _checked_plan(total, deposit_percent, commission_percent)
    existing = EscrowHold.objects.filter(order_id=order_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            hold = EscrowHold.objects.create(
                order_id=order_id,
                order_reference=order_reference,
                buyer_id=buyer_id,
                supplier_id=supplier_id,
                currency=total.currency,
                total=total.amount,
                commission_percent=commission_percent,
            )
            Instalment.objects.bulk_create(
                _plan(hold, total_minor, deposit_percent, deposit_due_at)
            )
    except IntegrityError:
        found = EscrowHold.objects.filter(order_id=order_id).first()
        if found is None:
            raise
        return found
    return hold


def instalment_due_set(*, instalment_id: uuid.UUID, due_at: datetime) -> Instalment:
    """Set when the instalment is due (a balance becomes due once production is done)."""
    with transaction.atomic():
        instalment = Instalment.objects.select_for_update().filter(pk=instalment_id).first()
        if instalment is None:
            raise InstalmentNotFound(instalment_id=str(instalment_id))
        instalment.due_at = due_at
        instalment.save(update_fields=["due_at", "updated_at"])
    return instalment


def instalment_payment_apply(
    *,
    instalment_id: uuid.UUID,
    amount: Money,
    key: str,
    source: str,
    now: datetime | None = None,
    from_unapplied: bool = False,
) -> PaymentApplication:
    """Apply money received to an instalment: world -> escrow for what is still owed, any
    excess -> unapplied funds (held for review). With `from_unapplied`, money already held in
    unapplied funds is moved to escrow instead (up to what is owed; the rest stays there).

    Publishes PaymentReceived (something applied) and InstalmentPaid (now paid in full) inside
    the transaction. Idempotent on `key`. Raises InstalmentNotFound, CurrencyMismatch,
    InvalidAmount, InstalmentNotPayable (from unapplied funds to a paid or cancelled
    instalment), LedgerInsufficientFunds, LedgerKeyConflict."""
    with transaction.atomic():
        hold = _lock_hold_of_instalment(instalment_id)
        instalment = Instalment.objects.select_for_update().get(pk=instalment_id)
        amount_minor = _checked_amount(amount, instalment.currency)
        existing = _existing(key, kinds=_PAYMENT_KINDS, order_id=hold.order_id)
        if existing is not None:
            return _replayed(existing, instalment)
        applied = min(amount_minor, _owed_minor(instalment))
        if from_unapplied and applied == 0:
            raise InstalmentNotPayable(instalment_id=str(instalment.pk), status=instalment.status)
        entry = _post_payment(hold, instalment, amount_minor, applied, key, source, from_unapplied)
        became_paid = _instalment_credit(instalment, applied, now or timezone.now())
        if applied:
            hold.deposited_minor += applied
            _hold_save(hold)
            _publish_payment(hold, instalment, applied, became_paid)
    currency = instalment.currency
    return PaymentApplication(
        transaction=entry,
        instalment=instalment,
        applied=from_minor(applied, currency),
        unapplied=from_minor(amount_minor - applied, currency),
        became_paid=became_paid,
        replayed=False,
    )


def escrow_lock(*, order_id: uuid.UUID) -> None:
    """Lock the order's escrow hold row inside the caller's transaction (the order has no hold:
    nothing is locked, no error). A caller that goes on to lock its own rows takes this first:
    the hold is the first lock of every money change, so the two never deadlock. Raises
    TransactionManagementError outside a transaction."""
    list(EscrowHold.objects.select_for_update().filter(order_id=order_id).values_list("pk"))


def escrow_release(
    *, order_id: uuid.UUID, key: str, amount: Money | None = None, reason: str
) -> LedgerTransaction:
    """Release held money to the supplier: escrow -> supplier payable (less commission) +
    platform commission (the hold's percent of the amount, half-up). `amount` None releases
    everything held. Idempotent on `key`. Publishes EscrowReleased.
    Raises EscrowNotFound, EscrowInsufficient (409), CurrencyMismatch, InvalidAmount."""
    with transaction.atomic():
        hold = _lock_hold(order_id)
        existing = _existing(key, kinds={TransactionKind.ESCROW_RELEASE}, order_id=order_id)
        if existing is not None:
            return existing
        amount_minor = _amount_out(hold, amount)
        commission, supplier_part = split_half_up(amount_minor, hold.commission_percent)
        entry = ledger_post(
            key=key,
            kind=TransactionKind.ESCROW_RELEASE,
            currency=hold.currency,
            order_id=order_id,
            memo=reason,
            postings=[
                (_escrow_account(hold), -amount_minor),
                (_account(AccountKind.SUPPLIER_PAYABLE, hold, hold.supplier_id), supplier_part),
                (_account(AccountKind.PLATFORM_COMMISSION, hold), commission),
            ],
        )
        hold.released_minor += amount_minor
        _hold_save(hold)
        publish(EscrowReleased(order_id, _amount_str(amount_minor, hold), hold.currency))
    return entry


def escrow_refund(
    *, order_id: uuid.UUID, key: str, amount: Money | None = None, reason: str
) -> LedgerTransaction:
    """Refund held money to the buyer: escrow -> buyer refunds (owed to the buyer until paid
    out). `amount` None refunds everything held; never more than is held, so never more than
    was paid. Idempotent on `key`. Publishes EscrowRefunded. Raises as `escrow_release`."""
    with transaction.atomic():
        hold = _lock_hold(order_id)
        existing = _existing(key, kinds={TransactionKind.ESCROW_REFUND}, order_id=order_id)
        if existing is not None:
            return existing
        amount_minor = _amount_out(hold, amount)
        entry = ledger_post(
            key=key,
            kind=TransactionKind.ESCROW_REFUND,
            currency=hold.currency,
            order_id=order_id,
            memo=reason,
            postings=[
                (_escrow_account(hold), -amount_minor),
                (_account(AccountKind.BUYER_REFUNDS, hold, hold.buyer_id), amount_minor),
            ],
        )
        hold.refunded_minor += amount_minor
        _hold_save(hold)
        publish(EscrowRefunded(order_id, _amount_str(amount_minor, hold), hold.currency))
    return entry


def escrow_cancel_unpaid(*, order_id: uuid.UUID) -> None:
    """Cancel the instalments still pending or partly paid (the order was cancelled); money
    already paid stays held until refunded. Idempotent. Raises EscrowNotFound."""
    with transaction.atomic():
        hold = _lock_hold(order_id)
        open_instalments = Instalment.objects.select_for_update().filter(
            hold=hold, status__in=INSTALMENT_OPEN_STATUSES
        )
        for instalment in open_instalments:
            _instalment_move(instalment, InstalmentStatus.CANCELLED)
            instalment.save(update_fields=["status", "updated_at"])
        _hold_save(hold)


# --- helpers -------------------------------------------------------------------------------


def _checked_plan(total: Money, deposit_percent: Decimal, commission_percent: Decimal) -> int:
    for name, percent in (
        ("deposit_percent", deposit_percent),
        ("commission_percent", commission_percent),
    ):
        if not Decimal(0) <= percent <= _HUNDRED:
            raise InvalidPaymentPlan(field=name, value=str(percent))
    total_minor = to_minor(total)
    if total_minor <= 0:
        raise InvalidPaymentPlan(field="total", value=str(total.amount))
    return total_minor


def _plan(
    hold: EscrowHold, total_minor: int, deposit_percent: Decimal, deposit_due_at: datetime
) -> list[Instalment]:
    deposit, balance = split_half_up(total_minor, deposit_percent)
    parts: list[tuple[InstalmentKind, int, datetime | None]]
    if balance == 0:
        parts = [(InstalmentKind.FULL, total_minor, deposit_due_at)]
    elif deposit == 0:
        parts = [(InstalmentKind.BALANCE, total_minor, None)]
    else:
        parts = [
            (InstalmentKind.DEPOSIT, deposit, deposit_due_at),
            (InstalmentKind.BALANCE, balance, None),
        ]
    return [
        Instalment(
            hold=hold,
            kind=kind,
            position=position,
            amount=from_minor(amount, hold.currency).amount,
            currency=hold.currency,
            due_at=due_at,
        )
        for position, (kind, amount, due_at) in enumerate(parts, start=1)
    ]


def _lock_hold(order_id: uuid.UUID) -> EscrowHold:
    hold = EscrowHold.objects.select_for_update().filter(order_id=order_id).first()
    if hold is None:
        raise EscrowNotFound(order_id=str(order_id))
    return hold


def _lock_hold_of_instalment(instalment_id: uuid.UUID) -> EscrowHold:
    hold_id = Instalment.objects.filter(pk=instalment_id).values_list("hold_id", flat=True).first()
    if hold_id is None:
        raise InstalmentNotFound(instalment_id=str(instalment_id))
    return EscrowHold.objects.select_for_update().get(pk=hold_id)


def _checked_amount(amount: Money, currency: str) -> int:
    if amount.currency != currency:
        raise CurrencyMismatch(left=currency, right=amount.currency)
    amount_minor = to_minor(amount)
    if amount_minor <= 0:
        raise InvalidAmount("The amount must be positive.", amount=str(amount.amount))
    return amount_minor


def _amount_out(hold: EscrowHold, amount: Money | None) -> int:
    held = hold.held_minor
    requested = held if amount is None else _checked_amount(amount, hold.currency)
    if requested <= 0 or requested > held:
        raise EscrowInsufficient(
            held=_amount_str(held, hold),
            requested=_amount_str(requested, hold),
            currency=hold.currency,
        )
    return requested


def _existing(
    key: str, *, kinds: AbstractSet[str], order_id: uuid.UUID
) -> LedgerTransaction | None:
    entry = LedgerTransaction.objects.filter(key=key).first()
    if entry is None:
        return None
    if entry.kind not in kinds or entry.order_id not in (order_id, None):
        raise LedgerKeyConflict(key=key, existing_kind=entry.kind, kind=min(kinds))
    return entry


def _owed_minor(instalment: Instalment) -> int:
    if instalment.status not in INSTALMENT_OPEN_STATUSES:
        return 0
    return to_minor(Money(instalment.amount - instalment.paid_amount, instalment.currency))


def _post_payment(
    hold: EscrowHold,
    instalment: Instalment,
    amount_minor: int,
    applied: int,
    key: str,
    source: str,
    from_unapplied: bool,
) -> LedgerTransaction:
    unapplied = _account(AccountKind.UNAPPLIED_FUNDS, hold)
    if from_unapplied:
        kind = TransactionKind.UNAPPLIED_APPLIED
        postings = [(unapplied, -applied), (_escrow_account(hold), applied)]
    else:
        kind = TransactionKind.PAYMENT_RECEIVED if applied else TransactionKind.UNAPPLIED_RECEIVED
        postings = [
            (_account(AccountKind.WORLD, hold), -amount_minor),
            (_escrow_account(hold), applied),
            (unapplied, amount_minor - applied),
        ]
    return ledger_post(
        key=key,
        kind=kind,
        currency=hold.currency,
        order_id=hold.order_id if applied else None,
        memo=f"{source}: {instalment.reference}",
        postings=postings,
    )


def _instalment_credit(instalment: Instalment, applied: int, now: datetime) -> bool:
    """Add `applied` to the instalment; True when it became paid in full."""
    if applied == 0:
        return False
    paid = instalment.paid_amount + from_minor(applied, instalment.currency).amount
    target = InstalmentStatus.PAID if paid == instalment.amount else InstalmentStatus.PARTIALLY_PAID
    instalment.paid_amount = paid
    if target != instalment.status:
        _instalment_move(instalment, target)
    if target == InstalmentStatus.PAID:
        instalment.paid_at = now
    instalment.save(update_fields=["paid_amount", "status", "paid_at", "updated_at"])
    return target == InstalmentStatus.PAID


def _instalment_move(instalment: Instalment, target: InstalmentStatus) -> None:
    ensure_transition(
        INSTALMENT_TRANSITIONS, current=InstalmentStatus(instalment.status), target=target
    )
    instalment.status = target


def _hold_save(hold: EscrowHold) -> None:
    """Save the hold's amounts with the status they imply (checked against the table)."""
    more_to_come = hold.instalments.filter(status__in=INSTALMENT_OPEN_STATUSES).exists()
    target = escrow_status_for(
        deposited=hold.deposited_minor,
        released=hold.released_minor,
        refunded=hold.refunded_minor,
        more_to_come=more_to_come,
    )
    if target != hold.status:
        ensure_transition(ESCROW_TRANSITIONS, current=EscrowStatus(hold.status), target=target)
        hold.status = target
    hold.save(
        update_fields=[
            "deposited_minor",
            "released_minor",
            "refunded_minor",
            "status",
            "updated_at",
        ]
    )


def _publish_payment(
    hold: EscrowHold, instalment: Instalment, applied: int, became_paid: bool
) -> None:
    publish(
        PaymentReceived(hold.order_id, instalment.pk, _amount_str(applied, hold), hold.currency)
    )
    if became_paid:
        publish(InstalmentPaid(hold.order_id, instalment.pk, instalment.kind))


def _replayed(entry: LedgerTransaction, instalment: Instalment) -> PaymentApplication:
    amounts = list(entry.postings.values_list("account__kind", "amount_minor"))
    applied = sum(amount for kind, amount in amounts if kind == AccountKind.ESCROW)
    received = -sum(amount for _kind, amount in amounts if amount < 0)
    return PaymentApplication(
        transaction=entry,
        instalment=instalment,
        applied=from_minor(applied, entry.currency),
        unapplied=from_minor(received - applied, entry.currency),
        became_paid=False,
        replayed=True,
    )


def _account(
    kind: AccountKind, hold: EscrowHold, company_id: uuid.UUID | None = None
) -> LedgerAccount:
    return ledger_account(kind, hold.currency, company_id=company_id)


def _escrow_account(hold: EscrowHold) -> LedgerAccount:
    return ledger_account(AccountKind.ESCROW, hold.currency, order_id=hold.order_id)


def _amount_str(amount_minor: int, hold: EscrowHold) -> str:
    return str(from_minor(amount_minor, hold.currency).amount)
