"""Stripe event bodies shaped as Stripe delivers them (API version 2024-06-20 field set,
pretty-printed with two spaces, as Stripe sends them), and signing helpers that sign the raw
bytes in the test with a test secret, by Stripe's scheme."""

import hashlib
import hmac
import json
from typing import Any

TEST_WEBHOOK_SECRET = "whsec_test_0123456789abcdefghijklmnopqrstuv"


def payment_intent_object(
    payment_id: str, *, amount: int, currency: str, status: str, metadata: dict[str, str]
) -> dict[str, Any]:
    return {
        "id": payment_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_received": amount if status == "succeeded" else 0,
        "capture_method": "automatic",
        "client_secret": f"{payment_id}_secret_recorded",
        "confirmation_method": "automatic",
        "created": 1765100000,
        "currency": currency,
        "description": "TB-7K3M-9QXD-4",
        "last_payment_error": None
        if status != "requires_payment_method"
        else {"code": "card_declined", "decline_code": "generic_decline", "type": "card_error"},
        "latest_charge": "ch_3QrecordedCharge0001",
        "livemode": False,
        "metadata": metadata,
        "payment_method_types": ["card"],
        "status": status,
    }


def charge_object(
    payment_id: str, *, amount: int, currency: str, amount_refunded: int
) -> dict[str, Any]:
    return {
        "id": "ch_3QrecordedCharge0001",
        "object": "charge",
        "amount": amount,
        "amount_captured": amount,
        "amount_refunded": amount_refunded,
        "captured": True,
        "currency": currency,
        "livemode": False,
        "paid": True,
        "payment_intent": payment_id,
        "refunded": amount_refunded == amount,
        "status": "succeeded",
    }


def event_body(event_id: str, event_type: str, obj: dict[str, Any], *, created: int) -> bytes:
    event = {
        "id": event_id,
        "object": "event",
        "api_version": "2024-06-20",
        "created": created,
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }
    return (json.dumps(event, indent=2) + "\n").encode()


def stripe_signature(raw_body: bytes, *, timestamp: int, secret: str = TEST_WEBHOOK_SECRET) -> str:
    signed = f"{timestamp}.".encode() + raw_body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def stripe_headers(
    raw_body: bytes, *, timestamp: int, secret: str = TEST_WEBHOOK_SECRET
) -> dict[str, str]:
    signature = stripe_signature(raw_body, timestamp=timestamp, secret=secret)
    return {"Stripe-Signature": f"t={timestamp},v1={signature}"}
