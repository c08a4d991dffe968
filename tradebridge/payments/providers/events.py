"""Reading Stripe-shaped event bodies (the sandbox sends the same shape).

`{"id": "evt_...", "type": "payment_intent.succeeded", "created": 1765000000,
"data": {"object": {"id": "pi_...", "object": "payment_intent", "amount": 1250,
"currency": "eur", ...}}}`; for `charge.*` events the object is a charge whose
`payment_intent` names the payment.
"""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tradebridge.core.errors import DomainError
from tradebridge.core.money import Money
from tradebridge.payments.enums import ProviderPaymentStatus
from tradebridge.payments.providers.base import ProviderWebhookEvent, WebhookPayloadInvalid

FromMinor = Callable[[int, str], Money]

# What each event type says a payment became; other types are stored and change nothing.
STATUS_BY_EVENT_TYPE: dict[str, ProviderPaymentStatus] = {
    "payment_intent.succeeded": ProviderPaymentStatus.SUCCEEDED,
    "payment_intent.payment_failed": ProviderPaymentStatus.FAILED,
    "payment_intent.processing": ProviderPaymentStatus.PROCESSING,
    "payment_intent.canceled": ProviderPaymentStatus.CANCELLED,
    "charge.refunded": ProviderPaymentStatus.REFUNDED,
}


def event_parse(raw_body: bytes, *, from_minor: FromMinor) -> ProviderWebhookEvent:
    """The event in `raw_body` (already verified). Raises WebhookPayloadInvalid."""
    try:
        payload = json.loads(raw_body)
        event_id, event_type = str(payload["id"]), str(payload["type"])
        obj = payload["data"]["object"]
    except (ValueError, KeyError, TypeError):
        raise WebhookPayloadInvalid() from None
    if not event_id or not isinstance(obj, dict):
        raise WebhookPayloadInvalid()
    payment_id, amount = _payment_of(event_type, obj, from_minor)
    return ProviderWebhookEvent(
        event_id=event_id,
        event_type=event_type,
        payment_id=payment_id,
        amount=amount,
        status=STATUS_BY_EVENT_TYPE.get(event_type) if payment_id else None,
        occurred_at=_created(payload.get("created")),
        payload=payload,
    )


def _payment_of(
    event_type: str, obj: dict[str, Any], from_minor: FromMinor
) -> tuple[str, Money | None]:
    if event_type.startswith("payment_intent."):
        payment_id = obj.get("id")
    elif event_type.startswith("charge."):
        payment_id = obj.get("payment_intent")
    else:
        return "", None
    if not isinstance(payment_id, str) or not payment_id:
        return "", None
    return payment_id, _amount(obj, from_minor)


def _amount(obj: dict[str, Any], from_minor: FromMinor) -> Money | None:
    amount, currency = obj.get("amount"), obj.get("currency")
    if not isinstance(amount, int) or isinstance(amount, bool) or not isinstance(currency, str):
        return None
    try:
        return from_minor(amount, currency)
    except (ValueError, DomainError):  # an unknown currency: no amount to compare
        return None


def _created(value: object) -> datetime | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, tz=UTC)
    return None
