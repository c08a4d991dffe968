"""The payment-provider interface, its value types and errors.

A provider creates a payment for an amount (the server's instalment amount, never the
client's), answers what a payment's status is now (`retrieve`), and turns an inbound webhook
into a `ProviderWebhookEvent` after checking its signature over the raw body (`parse_webhook`).
Amounts cross the wire in the provider's own minor units: each adapter keeps its own table
(Stripe's differs from ISO 4217: ISK, three-decimal currencies).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from tradebridge.core.errors import BadRequest, DomainError, NotFound, ValidationFailed
from tradebridge.core.money import Money
from tradebridge.payments.enums import ProviderPaymentStatus

SIGNATURE_TOLERANCE_SECONDS = 300


class WebhookSignatureInvalid(BadRequest):
    """The webhook's signature is missing, malformed or does not match its raw body."""

    code = "webhook_signature_invalid"
    default_message = "The webhook signature is not valid."


class WebhookTimestampStale(WebhookSignatureInvalid):
    """details: `timestamp`, `tolerance` (seconds). Signed too long ago, or in the future."""

    code = "webhook_timestamp_stale"
    default_message = "The webhook timestamp is outside the tolerance window."


class WebhookPayloadInvalid(BadRequest):
    """A correctly signed body that is not an event we can read."""

    code = "webhook_payload_invalid"
    default_message = "The webhook body is not a valid event."


class ProviderNotEnabled(NotFound):
    """details: `provider`. Unknown, or not enabled in `PAYMENT_PROVIDERS`."""

    code = "provider_not_enabled"
    default_message = "This payment provider is not enabled."


class AmountNotSupported(ValidationFailed):
    """details: `amount`, `currency`, `provider`. The provider cannot charge this exact amount
    (too many decimals for its minor unit, or a currency rule such as Stripe's multiples of
    10 for three-decimal currencies). Never rounded: a rounded charge would not pay the
    instalment."""

    code = "amount_not_supported_by_provider"
    default_message = "The payment provider cannot charge this exact amount."


class ProviderUnavailable(DomainError):
    """The provider could not be reached or failed; safe to retry (idempotency key)."""

    code = "provider_unavailable"
    http_status = 503
    default_message = "The payment provider is unavailable; try again."


class ProviderRefused(ValidationFailed):
    """details: `provider_code`. The provider refused the request."""

    code = "provider_refused"
    default_message = "The payment provider refused the request."


@dataclass(frozen=True, slots=True)
class ProviderIntent:
    """A payment at the provider as it is now. `status` is a `ProviderPaymentStatus` value;
    the buyer finishes paying with `client_secret` (Stripe.js) or at `redirect_url`."""

    payment_id: str
    status: ProviderPaymentStatus
    amount: Money
    client_secret: str = ""
    redirect_url: str = ""


@dataclass(frozen=True, slots=True)
class ProviderWebhookEvent:
    """A verified inbound event. `payment_id` is "" and `amount` None when the event is about
    no payment we know the shape of; `status` is what the event says the payment became
    (None: nothing to apply)."""

    event_id: str
    event_type: str
    payment_id: str
    amount: Money | None
    status: ProviderPaymentStatus | None
    occurred_at: datetime | None
    payload: dict[str, Any] = field(default_factory=dict)


class PaymentProvider(Protocol):
    """What every adapter offers (`registry.provider_get(name)` returns one)."""

    name: str

    def create_payment(
        self,
        *,
        instalment_ref: str,
        amount: Money,
        idempotency_key: str,
        metadata: Mapping[str, str],
    ) -> ProviderIntent:
        """Create (or, for the same idempotency key, return again) a payment of `amount`.
        Raises AmountNotSupported, ProviderRefused, ProviderUnavailable."""
        ...

    def retrieve(self, *, payment_id: str) -> ProviderIntent:
        """The payment's current state at the provider. Raises ProviderUnavailable."""
        ...

    def parse_webhook(
        self, *, raw_body: bytes, headers: Mapping[str, str], now: datetime | None = None
    ) -> ProviderWebhookEvent:
        """Verify the signature over `raw_body` (tolerance SIGNATURE_TOLERANCE_SECONDS either
        way) and read the event. Raises WebhookSignatureInvalid, WebhookTimestampStale,
        WebhookPayloadInvalid."""
        ...

    def to_minor(self, amount: Money) -> int:
        """The amount in the provider's minor units. Raises AmountNotSupported."""
        ...

    def from_minor(self, amount_minor: int, currency: str) -> Money:
        """The provider's minor units back to Money (currency in any case)."""
        ...
