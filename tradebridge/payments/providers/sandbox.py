"""The sandbox provider: a deterministic, in-process stand-in for a card provider, used by
the demo and by development setups without a Stripe account.

Creating a payment answers a local page (`/payments/sandbox/<id>/`) where the buyer clicks
"Pay" or "Decline". The click is the provider's decision: the sandbox then signs an event of
Stripe's shape with `PAYMENTS_SANDBOX_SECRET` (Stripe's `t=,v1=` scheme) and hands it to the
same webhook path a real provider's delivery takes (`parse_webhook`, then
`provider_event_process`). Its own side of each payment (amount, status) lives in the
Django cache, shared by every web process; amounts use ISO 4217 minor units.
"""

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, TypedDict

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tradebridge.core.errors import Conflict, NotFound
from tradebridge.core.money import Money, minor_units
from tradebridge.payments.enums import ProviderPaymentStatus
from tradebridge.payments.providers.base import (
    AmountNotSupported,
    ProviderIntent,
    ProviderWebhookEvent,
)
from tradebridge.payments.providers.events import event_parse
from tradebridge.payments.providers.signatures import signature_header, signature_verify

SIGNATURE_HEADER = "Tradebridge-Sandbox-Signature"
_CACHE_PREFIX = "payments:sandbox:"
_CACHE_SECONDS = 30 * 24 * 3600
_OPEN = {ProviderPaymentStatus.REQUIRES_PAYMENT, ProviderPaymentStatus.FAILED}
_EVENT_TYPES = {
    ProviderPaymentStatus.SUCCEEDED: "payment_intent.succeeded",
    ProviderPaymentStatus.FAILED: "payment_intent.payment_failed",
}


class SandboxPaymentClosed(Conflict):
    """details: `status`. The sandbox payment already succeeded (or was cancelled)."""

    code = "sandbox_payment_closed"
    default_message = "This sandbox payment can no longer be paid or declined."


def sandbox_page_url(payment_id: str) -> str:
    """The sandbox's payment page (a path on this site)."""
    return reverse("payments_sandbox_page", args=[payment_id])


class _State(TypedDict):
    id: str
    amount_minor: int
    currency: str
    status: str
    attempts: int
    metadata: dict[str, str]


class SandboxProvider:
    name = "sandbox"

    def __init__(self, *, secret: str) -> None:
        self._secret = secret

    def to_minor(self, amount: Money) -> int:
        scaled = amount.amount.scaleb(minor_units(amount.currency))
        if scaled != scaled.to_integral_value():
            raise AmountNotSupported(
                amount=str(amount.amount), currency=amount.currency, provider=self.name
            )
        return int(scaled)

    def from_minor(self, amount_minor: int, currency: str) -> Money:
        code = currency.upper()
        return Money(Decimal(amount_minor).scaleb(-minor_units(code)), code)

    def create_payment(
        self,
        *,
        instalment_ref: str,
        amount: Money,
        idempotency_key: str,
        metadata: Mapping[str, str],
    ) -> ProviderIntent:
        payment_id = "sbx_pi_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:24]
        state: _State = {
            "id": payment_id,
            "amount_minor": self.to_minor(amount),
            "currency": amount.currency,
            "status": ProviderPaymentStatus.REQUIRES_PAYMENT.value,
            "attempts": 0,
            "metadata": {**metadata, "instalment_ref": instalment_ref},
        }
        cache.add(_CACHE_PREFIX + payment_id, state, _CACHE_SECONDS)  # same key: kept as is
        return self._intent(self._state(payment_id))

    def retrieve(self, *, payment_id: str) -> ProviderIntent:
        return self._intent(self._state(payment_id))

    def parse_webhook(
        self, *, raw_body: bytes, headers: Mapping[str, str], now: datetime | None = None
    ) -> ProviderWebhookEvent:
        signature_verify(
            raw_body=raw_body, header=headers.get(SIGNATURE_HEADER), secret=self._secret, now=now
        )
        return event_parse(raw_body, from_minor=self.from_minor)

    def decide(
        self, *, payment_id: str, pay: bool, now: datetime | None = None
    ) -> tuple[bytes, dict[str, str]]:
        """The buyer's click on the sandbox page: the payment succeeds (`pay`) or is declined
        (it may be paid after a decline). Returns the signed event (raw body, headers) to
        deliver. Raises NotFound, SandboxPaymentClosed."""
        state = self._state(payment_id)
        if state["status"] not in _OPEN:
            raise SandboxPaymentClosed(status=state["status"])
        status = ProviderPaymentStatus.SUCCEEDED if pay else ProviderPaymentStatus.FAILED
        state["status"], state["attempts"] = status.value, state["attempts"] + 1
        cache.set(_CACHE_PREFIX + payment_id, state, _CACHE_SECONDS)
        moment = now or timezone.now()
        raw_body = json.dumps(self._event(state, status, moment), separators=(",", ":")).encode()
        header = signature_header(
            raw_body=raw_body, secret=self._secret, timestamp=int(moment.timestamp())
        )
        return raw_body, {SIGNATURE_HEADER: header, "Content-Type": "application/json"}

    def _event(
        self, state: _State, status: ProviderPaymentStatus, moment: datetime
    ) -> dict[str, Any]:
        return {
            "id": f"evt_{state['id']}_{state['attempts']}",
            "object": "event",
            "type": _EVENT_TYPES[status],
            "created": int(moment.timestamp()),
            "livemode": False,
            "data": {
                "object": {
                    "id": state["id"],
                    "object": "payment_intent",
                    "amount": state["amount_minor"],
                    "currency": state["currency"].lower(),
                    "status": status.value,
                    "metadata": state["metadata"],
                }
            },
        }

    def _state(self, payment_id: str) -> _State:
        state: _State | None = cache.get(_CACHE_PREFIX + payment_id)
        if state is None:
            raise NotFound(payment_id=payment_id)
        return state

    def _intent(self, state: _State) -> ProviderIntent:
        return ProviderIntent(
            payment_id=state["id"],
            status=ProviderPaymentStatus(state["status"]),
            amount=self.from_minor(state["amount_minor"], state["currency"]),
            redirect_url=sandbox_page_url(state["id"]),
        )
