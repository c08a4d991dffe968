"""The API: starting a card payment (amount from the server, X7; authorization X13) and the
inbound webhook (raw-body signatures, no auth, no CSRF, 2xx on duplicates), end to end with
the Stripe adapter against a fake Stripe on 127.0.0.1."""

import json
import time
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tradebridge.companies.models import Membership
from tradebridge.payments.enums import InstalmentStatus, ProviderPaymentStatus
from tradebridge.payments.models import LedgerTransaction, ProviderEvent, ProviderPayment
from tradebridge.payments.tests.providers.conftest import Trade
from tradebridge.payments.tests.providers.fake_stripe import FakeStripe
from tradebridge.payments.tests.providers.stripe_events import (
    event_body,
    payment_intent_object,
    stripe_headers,
)


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def _start(client: Client, trade: Trade, **body: Any) -> Any:
    payload = {"instalment_id": str(trade.deposit.pk), "provider": "sandbox", **body}
    return client.post(
        f"/api/v1/orders/{trade.order_id}/payments",
        data=json.dumps(payload),
        content_type="application/json",
    )


def _webhook(body: bytes, headers: dict[str, str], provider: str = "stripe") -> Any:
    return Client(enforce_csrf_checks=True).post(
        f"/api/v1/payments/webhooks/{provider}",
        data=body,
        content_type="application/json",
        headers=headers,
    )


def _stripe_event(payment: ProviderPayment, event_type: str, status: str, event_id: str) -> bytes:
    obj = payment_intent_object(
        payment.provider_payment_id,
        amount=int(payment.amount * 100),
        currency=payment.currency.lower(),
        status=status,
        metadata={"instalment_id": str(payment.instalment_id)},
    )
    return event_body(event_id, event_type, obj, created=int(time.time()))


# --- POST /orders/{id}/payments -------------------------------------------------------------


def test_start_with_the_sandbox_answers_its_page(trade: Trade) -> None:
    response = _start(client_for(trade.buyer), trade)

    assert response.status_code == 201, response.content
    body = response.json()
    payment = ProviderPayment.objects.get()
    assert body == {
        "id": str(payment.pk),
        "provider": "sandbox",
        "payment_id": payment.provider_payment_id,
        "instalment_id": str(trade.deposit.pk),
        "status": "requires_payment",
        "amount": {"amount": "300.00", "currency": "EUR"},
        "client_secret": "",
        "redirect_url": f"/payments/sandbox/{payment.provider_payment_id}/",
    }


def test_x7_an_amount_or_currency_from_the_client_is_ignored(trade: Trade) -> None:
    response = _start(client_for(trade.buyer), trade, amount="3.00", currency="JPY")

    assert response.status_code == 201
    assert response.json()["amount"] == {"amount": "300.00", "currency": "EUR"}
    payment = ProviderPayment.objects.get()
    assert (payment.amount, payment.currency) == (Decimal("300.00"), "EUR")
    state = cache.get(f"payments:sandbox:{payment.provider_payment_id}")
    assert (state["amount_minor"], state["currency"]) == (30000, "EUR")


def test_start_with_stripe_creates_a_payment_intent(trade: Trade, fake_stripe: FakeStripe) -> None:
    response = _start(client_for(trade.buyer), trade, provider="stripe")

    assert response.status_code == 201, response.content
    (request,) = fake_stripe.requests
    assert request.headers["Idempotency-Key"] == f"tradebridge:{trade.deposit.pk}:0.0000:0"
    assert request.form["amount"] == "30000"
    assert request.form["currency"] == "eur"
    assert request.form["metadata[order_id]"] == str(trade.order_id)
    assert request.form["metadata[instalment_id]"] == str(trade.deposit.pk)
    assert request.form["description"] == trade.deposit.reference
    body = response.json()
    assert (body["payment_id"], body["client_secret"], body["redirect_url"]) == (
        "pi_fake0001",
        "pi_fake0001_secret_fake",
        "",
    )


def test_an_idempotent_retry_replays_the_answer(trade: Trade, fake_stripe: FakeStripe) -> None:
    client = client_for(trade.buyer)
    payload = json.dumps({"instalment_id": str(trade.deposit.pk), "provider": "stripe"})
    url = f"/api/v1/orders/{trade.order_id}/payments"

    first = client.post(url, payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    again = client.post(url, payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert len(fake_stripe.requests) == 1


def test_anonymous_is_401(trade: Trade) -> None:
    response = _start(Client(), trade)

    assert response.status_code == 401
    assert ProviderPayment.objects.count() == 0


@pytest.mark.parametrize("who", ["outsider", "supplier"])
def test_x13_another_companys_order_is_404(trade: Trade, who: str) -> None:
    response = _start(client_for(getattr(trade, who)), trade)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert ProviderPayment.objects.count() == 0


def test_a_viewer_is_403(trade: Trade) -> None:
    response = _start(client_for(trade.viewer), trade)

    assert response.status_code == 403
    assert ProviderPayment.objects.count() == 0


def test_an_unknown_provider_is_422(trade: Trade) -> None:
    response = _start(client_for(trade.buyer), trade, provider="paypal")

    assert response.status_code == 422
    assert ProviderPayment.objects.count() == 0


# --- POST /payments/webhooks/{provider} -------------------------------------------------


@pytest.fixture
def stripe_payment(trade: Trade) -> ProviderPayment:
    response = _start(client_for(trade.buyer), trade, provider="stripe")
    assert response.status_code == 201
    return ProviderPayment.objects.get()


def test_a_signed_success_captures(trade: Trade, stripe_payment: ProviderPayment) -> None:
    body = _stripe_event(stripe_payment, "payment_intent.succeeded", "succeeded", "evt_ok")

    response = _webhook(body, stripe_headers(body, timestamp=int(time.time())))

    assert response.status_code == 200, response.content
    assert response.json() == {"received": True}
    stripe_payment.refresh_from_db()
    trade.deposit.refresh_from_db()
    assert stripe_payment.status == ProviderPaymentStatus.SUCCEEDED
    assert trade.deposit.status == InstalmentStatus.PAID
    assert ProviderEvent.objects.get().payload == json.loads(body)


def test_a_redelivered_event_is_200_and_changes_nothing(
    trade: Trade, stripe_payment: ProviderPayment
) -> None:
    body = _stripe_event(stripe_payment, "payment_intent.succeeded", "succeeded", "evt_ok")
    headers = stripe_headers(body, timestamp=int(time.time()))

    statuses = [_webhook(body, headers).status_code for _ in range(2)]

    assert statuses == [200, 200]
    assert ProviderEvent.objects.count() == 1
    assert LedgerTransaction.objects.filter(key__endswith=":captured").count() == 1


@pytest.mark.parametrize("tamper", ["bad_hmac", "re_serialised", "stale", "unsigned"])
def test_x6_a_bad_signature_is_400_and_stores_nothing(
    trade: Trade, stripe_payment: ProviderPayment, tamper: str
) -> None:
    body = _stripe_event(stripe_payment, "payment_intent.succeeded", "succeeded", "evt_x")
    now = int(time.time())
    headers = stripe_headers(body, timestamp=now - 361 if tamper == "stale" else now)
    if tamper == "bad_hmac":
        headers = stripe_headers(body, timestamp=now, secret="whsec_attacker")
    elif tamper == "re_serialised":
        body = json.dumps(json.loads(body)).encode()
    elif tamper == "unsigned":
        headers = {}

    response = _webhook(body, headers)

    assert response.status_code == 400
    expected = "webhook_timestamp_stale" if tamper == "stale" else "webhook_signature_invalid"
    assert response.json()["code"] == expected
    assert ProviderEvent.objects.count() == 0
    assert LedgerTransaction.objects.count() == 0


def test_an_unknown_event_type_is_200(stripe_payment: ProviderPayment) -> None:
    body = event_body(
        "evt_c", "customer.created", {"id": "cus_1", "object": "customer"}, created=int(time.time())
    )

    response = _webhook(body, stripe_headers(body, timestamp=int(time.time())))

    assert response.status_code == 200
    assert ProviderEvent.objects.get().event_type == "customer.created"


def test_a_webhook_for_an_unknown_provider_is_404() -> None:
    body = b"{}"
    response = _webhook(body, stripe_headers(body, timestamp=int(time.time())), provider="paypal")

    assert response.status_code == 404
    assert response.json()["code"] == "provider_not_enabled"


def test_a_stripe_webhook_signed_for_the_sandbox_is_refused(
    trade: Trade, stripe_payment: ProviderPayment
) -> None:
    body = _stripe_event(stripe_payment, "payment_intent.succeeded", "succeeded", "evt_s")

    response = _webhook(
        body, stripe_headers(body, timestamp=int(time.time()), secret="sandbox-test-secret")
    )

    assert response.status_code == 400
    assert ProviderEvent.objects.count() == 0


def test_stripe_unreachable_is_503_and_nothing_is_recorded(
    trade: Trade, fake_stripe: FakeStripe, settings: Any
) -> None:
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there

    response = _start(client_for(trade.buyer), trade, provider="stripe")

    assert response.status_code == 503
    assert response.json()["code"] == "provider_unavailable"
    assert ProviderPayment.objects.count() == 0


def test_the_openapi_document_describes_both_operations(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    start = paths["/api/v1/orders/{order_id}/payments"]["post"]
    webhook = paths["/api/v1/payments/webhooks/{provider}"]["post"]

    assert {"201", "401", "403", "404", "409", "422", "503"} <= set(map(str, start["responses"]))
    assert "security" not in webhook
    assert "requestBody" not in webhook  # the raw body is read as received, never parsed
