"""Bank transfers (T/T): recording each credit on the platform's account, matching it to an
instalment by its payment reference, and the operator's matching and returns.

Money is never lost: a credit that pays an instalment goes world -> escrow, anything that
cannot be applied (an unknown reference, another currency, an instalment already paid, the
excess of an over-payment) goes world -> unapplied_funds and the transfer stays held for
review (`unmatched` or `partially_matched`) until an operator applies it to an instalment
(unapplied_funds -> escrow) or returns it to the payer (unapplied_funds -> world).

Every ledger transaction has a key derived from the transfer (`transfer:<id>:apply`,
`:receive`, `:match:<instalment id>`, `:return`), so a retry never books twice; the transfer
row is locked before any change (lock order: transfer, then escrow hold, instalment,
ledger accounts), so two operators acting on one transfer produce one effect.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.permissions import ensure_operator
from tradebridge.core.money import Money
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.payments.bank_errors import TransferNotFound, TransferNotHeld
from tradebridge.payments.bank_selectors import transfer_held
from tradebridge.payments.bank_transitions import TRANSFER_TRANSITIONS
from tradebridge.payments.enums import AccountKind, TransactionKind, TransferSource, TransferStatus
from tradebridge.payments.errors import InstalmentNotFound
from tradebridge.payments.ledger import to_minor
from tradebridge.payments.models import IncomingTransfer, Instalment
from tradebridge.payments.references import reference_find
from tradebridge.payments.services.escrow import PaymentApplication, instalment_payment_apply
from tradebridge.payments.services.ledger import ledger_account, ledger_post
from tradebridge.payments.statements.lines import StatementLine
from tradebridge.payments.transitions import INSTALMENT_OPEN_STATUSES

_OBJECT_TYPE = "payments.incomingtransfer"


@dataclass(frozen=True, slots=True)
class RecordedTransfer:
    """The transfer of a statement line, and whether this call recorded it (False: the line
    had been imported before and nothing changed)."""

    transfer: IncomingTransfer
    created: bool


def transfer_record(
    *, line: StatementLine, source: TransferSource, now: datetime | None = None
) -> IncomingTransfer:
    """Record a bank credit and match it by its payment reference (see the module's rules).
    Idempotent on (source, line.source_ref): recording it again returns the first record and
    books nothing. Raises InvalidAmount for an amount finer than the currency's minor unit."""
    return transfer_record_line(line=line, source=source, now=now).transfer


def transfer_record_line(
    *, line: StatementLine, source: TransferSource, now: datetime | None = None
) -> RecordedTransfer:
    """`transfer_record`, telling a new record from a line seen before."""
    now = now or timezone.now()
    to_minor(line.amount)  # refuse sub-minor amounts before anything is written
    with transaction.atomic():
        try:
            with transaction.atomic():
                transfer = IncomingTransfer.objects.create(
                    source=source,
                    source_ref=line.source_ref,
                    amount=line.amount.amount,
                    currency=line.amount.currency,
                    reference_text=line.reference_text,
                    payer_name=line.payer_name[:200],
                    value_date=line.value_date,
                )
        except IntegrityError:
            existing = IncomingTransfer.objects.filter(
                source=source, source_ref=line.source_ref
            ).first()
            if existing is None:
                raise
            return RecordedTransfer(existing, created=False)
        _auto_match(transfer, now)
        audit_record(
            action="transfer.recorded",
            object_type=_OBJECT_TYPE,
            object_id=transfer.pk,
            data=_audit_data(transfer),
            occurred_at=now,
        )
    return RecordedTransfer(transfer, created=True)


def transfer_match(
    *,
    operator: User,
    transfer_id: uuid.UUID,
    instalment_id: uuid.UUID,
    now: datetime | None = None,
) -> IncomingTransfer:
    """Apply what the transfer still holds to an instalment (unapplied_funds -> escrow, up to
    what the instalment still owes; any rest stays held). Operators only.
    Raises PermissionDenied, TransferNotFound, TransferNotHeld (409: matched in full or
    returned already, e.g. by another operator a moment before), InstalmentNotFound,
    InstalmentNotPayable (409), CurrencyMismatch (422)."""
    ensure_operator(operator)
    now = now or timezone.now()
    with transaction.atomic():
        transfer = _lock_held(transfer_id)
        if not Instalment.objects.filter(pk=instalment_id).exists():
            raise InstalmentNotFound(instalment_id=str(instalment_id))
        application = instalment_payment_apply(
            instalment_id=instalment_id,
            amount=transfer_held(transfer),
            key=f"transfer:{transfer.pk}:match:{instalment_id}",
            source=f"bank transfer {transfer.source_ref} (operator)",
            now=now,
            from_unapplied=True,
        )
        _applied(transfer, application, operator=operator, now=now)
        audit_record(
            action="transfer.matched",
            object_type=_OBJECT_TYPE,
            object_id=transfer.pk,
            actor_user_id=operator.pk,
            data={**_audit_data(transfer), "applied": str(application.applied.amount)},
            occurred_at=now,
        )
    return transfer


def transfer_return(
    *, operator: User, transfer_id: uuid.UUID, note: str, now: datetime | None = None
) -> IncomingTransfer:
    """Send what the transfer still holds back to the payer (unapplied_funds -> world): the
    operator makes the bank transfer; this books it. Operators only. Raises
    PermissionDenied, TransferNotFound, TransferNotHeld (409)."""
    ensure_operator(operator)
    now = now or timezone.now()
    with transaction.atomic():
        transfer = _lock_held(transfer_id)
        returned = transfer_held(transfer)
        held = to_minor(returned)
        key = f"transfer:{transfer.pk}:return"
        ledger_post(
            key=key,
            kind=TransactionKind.REFUND_PAID_OUT,
            currency=transfer.currency,
            order_id=None,
            memo=f"returned to the payer: bank transfer {transfer.source_ref}",
            postings=[
                (ledger_account(AccountKind.UNAPPLIED_FUNDS, transfer.currency), -held),
                (ledger_account(AccountKind.WORLD, transfer.currency), held),
            ],
        )
        _move(transfer, TransferStatus.REFUNDED)
        transfer.refund_ledger_key = key
        transfer.note = _noted(transfer.note, note.strip())
        transfer.matched_by, transfer.matched_at = operator, now
        transfer.save()
        audit_record(
            action="transfer.returned",
            object_type=_OBJECT_TYPE,
            object_id=transfer.pk,
            actor_user_id=operator.pk,
            data={**_audit_data(transfer), "returned": str(returned.amount), "note": note},
            occurred_at=now,
        )
    return transfer


# --- helpers -------------------------------------------------------------------------------


def _auto_match(transfer: IncomingTransfer, now: datetime) -> None:
    """Apply a new transfer to the instalment its text names, or hold it for review."""
    reference = reference_find(transfer.reference_text)
    instalment = (
        Instalment.objects.filter(reference=reference).first() if reference is not None else None
    )
    problem = _why_not_applicable(reference, instalment, transfer.currency)
    if problem or instalment is None:
        _hold_for_review(transfer, problem)
        return
    key = f"transfer:{transfer.pk}:apply"
    application = instalment_payment_apply(
        instalment_id=instalment.pk,
        amount=Money(transfer.amount, transfer.currency),
        key=key,
        source=f"bank transfer {transfer.source_ref}",
        now=now,
    )
    transfer.ledger_key = key
    if application.applied.is_zero():  # paid in full by something else a moment before
        transfer.note = _noted(transfer.note, f"{reference}: the instalment takes no more")
        transfer.save()
        return
    _applied(transfer, application, operator=None, now=now)


def _why_not_applicable(reference: str | None, instalment: Instalment | None, currency: str) -> str:
    if reference is None:
        return "no payment reference in the text"
    if instalment is None:
        return f"{reference}: no instalment has this reference"
    if instalment.currency != currency:
        return f"{reference}: the instalment is in {instalment.currency}"
    if instalment.status not in INSTALMENT_OPEN_STATUSES:
        return f"{reference}: the instalment is {instalment.status}"
    return ""


def _hold_for_review(transfer: IncomingTransfer, why: str) -> None:
    amount = to_minor(Money(transfer.amount, transfer.currency))
    key = f"transfer:{transfer.pk}:receive"
    ledger_post(
        key=key,
        kind=TransactionKind.UNAPPLIED_RECEIVED,
        currency=transfer.currency,
        order_id=None,
        memo=f"held for review: bank transfer {transfer.source_ref}",
        postings=[
            (ledger_account(AccountKind.WORLD, transfer.currency), -amount),
            (ledger_account(AccountKind.UNAPPLIED_FUNDS, transfer.currency), amount),
        ],
    )
    transfer.ledger_key = key
    transfer.note = _noted(transfer.note, why)
    transfer.save()


def _applied(
    transfer: IncomingTransfer,
    application: PaymentApplication,
    *,
    operator: User | None,
    now: datetime,
) -> None:
    """Count what `application` applied on the transfer and move its status."""
    transfer.applied_amount += application.applied.amount
    held = transfer.amount - transfer.applied_amount
    _move(transfer, TransferStatus.MATCHED if held == 0 else TransferStatus.PARTIALLY_MATCHED)
    transfer.instalment = transfer.instalment or application.instalment
    if operator is not None:
        transfer.applied_ledger_key = application.transaction.key
        transfer.matched_by = operator
    transfer.matched_at = now
    reference = application.instalment.reference
    transfer.note = _noted(transfer.note, f"{application.applied} applied to {reference}")
    transfer.save()


def _lock_held(transfer_id: uuid.UUID) -> IncomingTransfer:
    transfer = IncomingTransfer.objects.select_for_update().filter(pk=transfer_id).first()
    if transfer is None:
        raise TransferNotFound(transfer_id=str(transfer_id))
    if transfer_held(transfer).is_zero():
        raise TransferNotHeld(transfer_id=str(transfer.pk), status=transfer.status)
    return transfer


def _move(transfer: IncomingTransfer, target: TransferStatus) -> None:
    ensure_transition(TRANSFER_TRANSITIONS, current=TransferStatus(transfer.status), target=target)
    transfer.status = target


def _noted(note: str, line: str) -> str:
    return f"{note}\n{line}".strip() if line else note


def _audit_data(transfer: IncomingTransfer) -> dict[str, str]:
    return {
        "source": transfer.source,
        "source_ref": transfer.source_ref,
        "amount": str(transfer.amount),
        "currency": transfer.currency,
        "status": transfer.status,
        "applied": str(transfer.applied_amount),
    }
