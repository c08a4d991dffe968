"""Card and wallet payments of instalments through a payment provider, and the provider's
inbound events.

Who may pay: an active member of the instalment's buyer company with PLACE_ORDERS (owner,
admin, purchaser): paying the deposit or balance is part of buying, as placing the order is;
MANAGE_PAYMENTS (owner, admin) adds nothing a purchaser lacks here. Another company's order
or instalment answers NotFound.

Exactly-once capture (C8): every path that learns of a success (a webhook event, the buyer's
return from the provider, a poll) captures through `instalment_payment_apply` with the key
`<provider>:<payment id>:captured`, so two events or an event and a return capture once.
Events are deduplicated by inserting `ProviderEvent` (unique provider + event id) in the same
transaction as their effect. Out-of-order events converge: a success or a refund always
captures (a refund means the money was taken); a failure, a cancellation or `processing`
never moves a succeeded or refunded payment back.
"""

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.money import Money
from tradebridge.core.services.audit import audit_record
from tradebridge.payments.enums import ProviderPaymentStatus, TransferSource
from tradebridge.payments.errors import InstalmentNotPayable
from tradebridge.payments.models import Instalment, ProviderEvent, ProviderPayment
from tradebridge.payments.provider_selectors import (
    PAYABLE_INSTALMENT_STATUSES,
    instalment_get_for_buyer,
    provider_payment_find,
    provider_payment_get_for_buyer,
    provider_payment_live,
)
from tradebridge.payments.providers.base import ProviderIntent, ProviderWebhookEvent
from tradebridge.payments.providers.registry import provider_get
from tradebridge.payments.services.escrow import instalment_payment_apply

logger = logging.getLogger(__name__)

S = ProviderPaymentStatus
# Statuses a payment may still leave for failed / cancelled / processing.
_UNSETTLED = frozenset({S.REQUIRES_PAYMENT, S.PROCESSING, S.FAILED})
_MOVES_IF_UNSETTLED = frozenset({S.FAILED, S.CANCELLED, S.PROCESSING, S.REQUIRES_PAYMENT})


def capture_key(*, provider: str, provider_payment_id: str) -> str:
    """The ledger key of a provider payment's capture: one per payment, whoever reports it."""
    return f"{provider}:{provider_payment_id}:captured"


def provider_payment_start(
    *, actor: Membership, order_id: UUID, instalment_id: UUID, provider: str
) -> ProviderPayment:
    """Start paying what is left of the instalment at `provider`, or return the live payment
    already started for that amount. The amount and currency are the instalment's, never the
    client's. Raises NotFound, PermissionDenied, InstalmentNotPayable, ProviderNotEnabled and
    the provider's errors (AmountNotSupported, ProviderRefused, ProviderUnavailable).
    Idempotent: starts while the amount owed is unchanged use one provider idempotency key,
    so simultaneous starts and retries after a lost answer give one payment."""
    instalment = instalment_get_for_buyer(
        actor=actor, order_id=order_id, instalment_id=instalment_id
    )
    ensure_can(actor, Permission.PLACE_ORDERS)
    adapter = provider_get(provider)
    due = _outstanding(instalment)
    live = provider_payment_live(instalment_id=instalment.pk, provider=provider)
    if live is not None and Money(live.amount, live.currency) == due:
        return live
    intent = adapter.create_payment(
        instalment_ref=instalment.reference,
        amount=due,
        idempotency_key=_idempotency_key(instalment, provider),
        metadata={
            "order_id": str(order_id),
            "order_reference": instalment.hold.order_reference,
            "instalment_id": str(instalment.pk),
        },
    )
    return _payment_record(instalment=instalment, provider=provider, intent=intent, actor=actor)


def provider_event_process(
    *, provider: str, event: ProviderWebhookEvent, now: datetime | None = None
) -> None:
    """Apply a verified provider event once. In one transaction: record the event (a
    redelivered event id is a no-op), then its effect. An event about a payment we did not
    create, or whose amount, currency or instalment differ from ours, is stored, flagged for
    the operator (audit `payments.provider_event_flagged`, `processed_at` left empty) and
    moves no money."""
    moment = now or timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = ProviderEvent.objects.create(
                    provider=provider,
                    event_id=event.event_id,
                    event_type=event.event_type,
                    payload=event.payload,
                    received_at=moment,
                )
        except IntegrityError:
            logger.info("Provider event %s:%s already processed", provider, event.event_id)
            return
        problem = _event_apply(provider=provider, event=event, now=moment)
        if problem is not None:
            _flag(record, problem=problem, event=event)
            return
        record.processed_at = moment
        record.save(update_fields=["processed_at"])


def provider_payment_confirm(
    *, actor: Membership, payment_id: UUID, now: datetime | None = None
) -> ProviderPayment:
    """The buyer's return from the provider (or a poll): ask the provider for the payment's
    state now and apply it, as an event would. Captures at most once with the webhook (same
    key). Raises NotFound (not the actor's company's payment) and the provider's errors."""
    payment = provider_payment_get_for_buyer(actor=actor, payment_id=payment_id)
    intent = provider_get(payment.provider).retrieve(payment_id=payment.provider_payment_id)
    if intent.amount != Money(payment.amount, payment.currency):
        logger.warning("Provider payment %s: the provider reports another amount", payment.pk)
        return payment
    with transaction.atomic():
        locked = ProviderPayment.objects.select_for_update().get(pk=payment.pk)
        _status_apply(locked, status=intent.status, now=now or timezone.now())
    return locked


def provider_webhook_receive(
    *, provider: str, raw_body: bytes, headers: Mapping[str, str], now: datetime | None = None
) -> ProviderWebhookEvent:
    """An inbound webhook as received: verify its signature over the raw body, then process
    it. Raises ProviderNotEnabled, WebhookSignatureInvalid, WebhookTimestampStale,
    WebhookPayloadInvalid (nothing stored then)."""
    event = provider_get(provider).parse_webhook(raw_body=raw_body, headers=headers, now=now)
    provider_event_process(provider=provider, event=event, now=now)
    return event


def _idempotency_key(instalment: Instalment, provider: str) -> str:
    """The same for every start while nothing changed (two clicks, two tabs, a retry: one
    payment); new once the amount owed changed or the earlier payments were cancelled. A
    count of earlier starts would race: a start that commits between another's reads would
    make it create a second payment."""
    cancelled = ProviderPayment.objects.filter(
        instalment=instalment, provider=provider, status=ProviderPaymentStatus.CANCELLED
    ).count()
    return f"tradebridge:{instalment.pk}:{instalment.paid_amount}:{cancelled}"


def _outstanding(instalment: Instalment) -> Money:
    if instalment.status not in PAYABLE_INSTALMENT_STATUSES:
        raise InstalmentNotPayable(instalment_id=str(instalment.pk), status=instalment.status)
    return Money(instalment.amount - instalment.paid_amount, instalment.currency)


def _payment_record(
    *, instalment: Instalment, provider: str, intent: ProviderIntent, actor: Membership
) -> ProviderPayment:
    try:
        with transaction.atomic():
            payment = ProviderPayment.objects.create(
                provider=provider,
                provider_payment_id=intent.payment_id,
                instalment=instalment,
                amount=intent.amount.amount,
                currency=intent.amount.currency,
                status=intent.status,
                client_secret=intent.client_secret,
            )
            audit_record(
                action="payments.provider_payment_started",
                object_type="provider_payment",
                object_id=payment.pk,
                actor_user_id=actor.user_id,
                company_id=actor.company_id,
                data={"provider": provider, "instalment_id": str(instalment.pk)},
            )
            return payment
    except IntegrityError:  # a concurrent start got the same intent (same idempotency key)
        return ProviderPayment.objects.get(provider=provider, provider_payment_id=intent.payment_id)


def _event_apply(*, provider: str, event: ProviderWebhookEvent, now: datetime) -> str | None:
    """The event's effect, or the problem that stops it (nothing moved then)."""
    if event.status is None:
        return None  # an event type we keep but do not act on
    found = provider_payment_find(provider=provider, provider_payment_id=event.payment_id)
    if found is None:
        return "unknown_payment"
    payment = ProviderPayment.objects.select_for_update().get(pk=found.pk)
    if event.amount != Money(payment.amount, payment.currency):
        return "amount_mismatch"
    if _metadata_instalment(event.payload) not in (None, str(payment.instalment_id)):
        return "instalment_mismatch"
    _status_apply(payment, status=event.status, now=now, occurred_at=event.occurred_at)
    return None


def _status_apply(
    payment: ProviderPayment,
    *,
    status: ProviderPaymentStatus,
    now: datetime,
    occurred_at: datetime | None = None,
) -> None:
    """Move a locked payment toward `status` by the convergence rules (module docstring)."""
    current = ProviderPaymentStatus(payment.status)
    if status in (S.SUCCEEDED, S.REFUNDED):
        _capture(payment, now=now)
        new = S.REFUNDED if S.REFUNDED in (status, current) else S.SUCCEEDED
    elif status in _MOVES_IF_UNSETTLED and current in _UNSETTLED:
        new = status
    else:
        new = current
    if new == S.REFUNDED and current != S.REFUNDED:
        _refund_note(payment)
    payment.status = new
    if occurred_at is not None and (payment.last_event_at or occurred_at) <= occurred_at:
        payment.last_event_at = occurred_at
    payment.save(
        update_fields=["status", "last_event_at", "succeeded_at", "ledger_key", "updated_at"]
    )


def _capture(payment: ProviderPayment, *, now: datetime) -> None:
    key = capture_key(provider=payment.provider, provider_payment_id=payment.provider_payment_id)
    instalment_payment_apply(
        instalment_id=payment.instalment_id,
        amount=Money(payment.amount, payment.currency),
        key=key,
        source=TransferSource.PROVIDER,
        now=now,
    )
    payment.ledger_key = key
    payment.succeeded_at = payment.succeeded_at or now


def _refund_note(payment: ProviderPayment) -> None:
    """A refund made at the provider moved money outside the escrow ledger: the operator
    settles it (escrow_refund) by hand; this records that it is needed."""
    audit_record(
        action="payments.provider_refund_recorded",
        object_type="provider_payment",
        object_id=payment.pk,
        data={"provider": payment.provider, "provider_payment_id": payment.provider_payment_id},
    )


def _metadata_instalment(payload: dict[str, Any]) -> str | None:
    obj = payload.get("data", {}).get("object", {})
    metadata = obj.get("metadata") if isinstance(obj, dict) else None
    value = metadata.get("instalment_id") if isinstance(metadata, dict) else None
    return value if isinstance(value, str) else None


def _flag(record: ProviderEvent, *, problem: str, event: ProviderWebhookEvent) -> None:
    logger.warning("Provider event %s:%s flagged (%s)", record.provider, record.event_id, problem)
    audit_record(
        action="payments.provider_event_flagged",
        object_type="provider_event",
        object_id=str(record.pk),
        data={
            "problem": problem,
            "provider": record.provider,
            "event_id": record.event_id,
            "event_type": record.event_type,
            "payment_id": event.payment_id,
            "amount": event.amount.as_dict() if event.amount else None,
        },
    )
