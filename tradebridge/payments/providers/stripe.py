"""The Stripe adapter: PaymentIntents through the official `stripe` library, and Stripe's
webhook signature checked with the library's own `WebhookSignature.verify_header`.

Amounts use Stripe's minor units, not ISO 4217's (https://docs.stripe.com/currencies):
zero-decimal currencies (JPY, KRW...) are sent as whole units; three-decimal currencies
(BHD, JOD, KWD, OMR, TND) in thousandths whose last digit must be 0; ISK (ISO: 0 decimals)
stays two-decimal at Stripe in multiples of 100; every other currency is two-decimal.
An amount Stripe cannot take exactly is refused (AmountNotSupported), never rounded.

Outgoing calls go to `api_base` (settings `STRIPE_API_BASE`): tests point it at a fake
Stripe on 127.0.0.1.
"""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

import stripe

from tradebridge.core.money import Money
from tradebridge.payments.enums import ProviderPaymentStatus
from tradebridge.payments.providers.base import (
    AmountNotSupported,
    ProviderIntent,
    ProviderRefused,
    ProviderUnavailable,
    ProviderWebhookEvent,
    WebhookSignatureInvalid,
)
from tradebridge.payments.providers.events import event_parse
from tradebridge.payments.providers.signatures import header_parse, timestamp_check

SIGNATURE_HEADER = "Stripe-Signature"
ZERO_DECIMAL = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)
THREE_DECIMAL = frozenset(["BHD", "JOD", "KWD", "OMR", "TND"])
# Currencies whose Stripe amount must be a multiple of this many minor units.
MINOR_STEP = {**dict.fromkeys(THREE_DECIMAL, 10), "ISK": 100}

_STATUSES = {
    "requires_payment_method": ProviderPaymentStatus.REQUIRES_PAYMENT,
    "requires_confirmation": ProviderPaymentStatus.REQUIRES_PAYMENT,
    "requires_action": ProviderPaymentStatus.REQUIRES_PAYMENT,
    "processing": ProviderPaymentStatus.PROCESSING,
    "requires_capture": ProviderPaymentStatus.PROCESSING,
    "succeeded": ProviderPaymentStatus.SUCCEEDED,
    "canceled": ProviderPaymentStatus.CANCELLED,
}
# IdempotencyError: the same key is being served for a concurrent request (Stripe's 409).
_RETRYABLE = (
    stripe.APIConnectionError,
    stripe.RateLimitError,
    stripe.APIError,
    stripe.IdempotencyError,
)


def stripe_exponent(currency: str) -> int:
    """Digits after the point in Stripe's amounts for `currency` (ISO code, any case)."""
    code = currency.upper()
    if code in ZERO_DECIMAL:
        return 0
    return 3 if code in THREE_DECIMAL else 2


class StripeProvider:
    name = "stripe"

    def __init__(
        self,
        *,
        secret_key: str,
        webhook_secret: str,
        api_base: str,
        timeout_seconds: float = 20,
        max_network_retries: int = 2,
    ) -> None:
        self._webhook_secret = webhook_secret
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": api_base},
            max_network_retries=max_network_retries,
            http_client=stripe.RequestsClient(timeout=timeout_seconds),
        )

    def to_minor(self, amount: Money) -> int:
        scaled = amount.amount.scaleb(stripe_exponent(amount.currency))
        step = MINOR_STEP.get(amount.currency, 1)
        if scaled != scaled.to_integral_value() or int(scaled) % step:
            raise AmountNotSupported(
                amount=str(amount.amount), currency=amount.currency, provider=self.name
            )
        return int(scaled)

    def from_minor(self, amount_minor: int, currency: str) -> Money:
        code = currency.upper()
        return Money(Decimal(amount_minor).scaleb(-stripe_exponent(code)), code)

    def create_payment(
        self,
        *,
        instalment_ref: str,
        amount: Money,
        idempotency_key: str,
        metadata: Mapping[str, str],
    ) -> ProviderIntent:
        params: dict[str, Any] = {
            "amount": self.to_minor(amount),
            "currency": amount.currency.lower(),
            "description": instalment_ref,
            "metadata": dict(metadata),
            "automatic_payment_methods": {"enabled": True},
        }
        intent = self._call(
            lambda: self._client.v1.payment_intents.create(
                params=params,  # type: ignore[arg-type]  # a plain dict of the TypedDict's keys
                options={"idempotency_key": idempotency_key},
            )
        )
        return self._intent(intent)

    def retrieve(self, *, payment_id: str) -> ProviderIntent:
        return self._intent(
            self._call(lambda: self._client.v1.payment_intents.retrieve(payment_id))
        )

    def parse_webhook(
        self, *, raw_body: bytes, headers: Mapping[str, str], now: datetime | None = None
    ) -> ProviderWebhookEvent:
        header = headers.get(SIGNATURE_HEADER)
        try:
            # tolerance=None: the library checks only the past, by the wall clock; the
            # window (both ways, injectable clock) is checked below.
            stripe.WebhookSignature.verify_header(raw_body, header, self._webhook_secret, None)
        except (stripe.SignatureVerificationError, UnicodeDecodeError):
            raise WebhookSignatureInvalid() from None
        timestamp, _ = header_parse(header)
        timestamp_check(timestamp, now=now)
        return event_parse(raw_body, from_minor=self.from_minor)

    def _call(self, request: Any) -> stripe.PaymentIntent:
        try:
            result: stripe.PaymentIntent = request()
        except _RETRYABLE as error:
            raise ProviderUnavailable(
                provider=self.name, detail=str(error.user_message or "")
            ) from None
        except stripe.StripeError as error:
            raise ProviderRefused(provider=self.name, provider_code=error.code or "") from None
        return result

    def _intent(self, intent: stripe.PaymentIntent) -> ProviderIntent:
        return ProviderIntent(
            payment_id=intent.id,
            status=_STATUSES.get(intent.status, ProviderPaymentStatus.REQUIRES_PAYMENT),
            amount=self.from_minor(intent.amount, intent.currency),
            client_secret=intent.client_secret or "",
        )
