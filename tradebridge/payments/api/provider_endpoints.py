"""Card and wallet payments through a provider, and the providers' inbound webhooks.

`POST /orders/{order_id}/payments` starts paying one instalment: the amount and currency are
the instalment's (what is left of it), never the client's; any amount or currency in the body
is ignored. The answer carries `client_secret` (Stripe: confirm with Stripe.js) or
`redirect_url` (the sandbox's page). A second start while a payment of the same amount is
still waiting returns that payment.

`POST /payments/webhooks/{provider}` is for the provider itself: no authentication and no
CSRF; the signature over the raw body is the proof (400 `webhook_signature_invalid` /
`webhook_timestamp_stale`). The body is read as received, never parsed by the API first. A
redelivered or unknown event answers 200 and changes nothing.
"""

from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from tradebridge.companies.api.auth import auth_membership
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.money import Money
from tradebridge.payments.models import ProviderPayment
from tradebridge.payments.providers.registry import redirect_url_for
from tradebridge.payments.services.provider_payments import (
    provider_payment_start,
    provider_webhook_receive,
)

router = Router(tags=["Payment providers"])

_PROVIDER_UNAVAILABLE = {
    "description": "The payment provider could not be reached or failed "
    "(`provider_unavailable`): send the same request again (same `Idempotency-Key`).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


class PaymentStartIn(Schema):
    instalment_id: UUID = Field(
        ..., description="The instalment to pay (deposit, balance or full)."
    )
    provider: Literal["sandbox", "stripe"] = Field(
        ..., description="An enabled provider (settings `PAYMENT_PROVIDERS`)."
    )


class AmountOut(Schema):
    amount: str = Field(..., description="Decimal string with the currency's minor digits.")
    currency: str = Field(..., description="ISO 4217 code.")


class ProviderPaymentOut(Schema):
    id: UUID = Field(..., description="Tradebridge's id of this payment.")
    provider: str
    payment_id: str = Field(..., description="The provider's id (a Stripe PaymentIntent id).")
    instalment_id: UUID
    status: str = Field(..., description="requires_payment, processing, succeeded, failed...")
    amount: AmountOut = Field(..., description="The instalment's amount left to pay.")
    client_secret: str = Field(..., description='Stripe\'s client secret ("" for the sandbox).')
    redirect_url: str = Field(..., description='Where the buyer pays ("" for Stripe).')


class WebhookAckOut(Schema):
    received: bool


def provider_payment_out(payment: ProviderPayment) -> ProviderPaymentOut:
    return ProviderPaymentOut(
        id=payment.pk,
        provider=payment.provider,
        payment_id=payment.provider_payment_id,
        instalment_id=payment.instalment_id,
        status=payment.status,
        amount=AmountOut(**Money(payment.amount, payment.currency).as_dict()),
        client_secret=payment.client_secret,
        redirect_url=redirect_url_for(
            provider=payment.provider, provider_payment_id=payment.provider_payment_id
        ),
    )


@router.post(
    "/orders/{order_id}/payments",
    response={201: ProviderPaymentOut},
    summary="Pay an instalment by card or wallet",
    openapi_extra={
        "responses": {**error_responses(409)["responses"], "503": _PROVIDER_UNAVAILABLE}
    },
)
@idempotent
def payment_start(
    request: HttpRequest, order_id: UUID, payload: PaymentStartIn
) -> Status[ProviderPaymentOut]:
    payment = provider_payment_start(
        actor=auth_membership(request),
        order_id=order_id,
        instalment_id=payload.instalment_id,
        provider=payload.provider,
    )
    return Status(201, provider_payment_out(payment))


@router.post(
    "/payments/webhooks/{provider}",
    auth=None,
    response={200: WebhookAckOut},
    summary="Inbound webhook of a payment provider (signed; no authentication)",
    openapi_extra=error_responses(400),
)
def webhook_receive(request: HttpRequest, provider: str) -> WebhookAckOut:
    provider_webhook_receive(provider=provider, raw_body=request.body, headers=request.headers)
    return WebhookAckOut(received=True)
