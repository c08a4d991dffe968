"""Races on PostgreSQL (C8, X6): the same event delivered in parallel, and a webhook racing
the buyer's return from the provider, each capture exactly once."""

import time
from functools import partial

import pytest

from tradebridge.core.tests.concurrency import race
from tradebridge.payments.enums import InstalmentStatus, ProviderPaymentStatus
from tradebridge.payments.models import (
    EscrowHold,
    LedgerTransaction,
    ProviderEvent,
    ProviderPayment,
)
from tradebridge.payments.providers.registry import provider_get
from tradebridge.payments.services.provider_payments import (
    capture_key,
    provider_payment_confirm,
    provider_payment_start,
    provider_webhook_receive,
)
from tradebridge.payments.tests.providers.conftest import Trade, trade_open
from tradebridge.payments.tests.providers.fake_stripe import FakeStripe
from tradebridge.payments.tests.providers.stripe_events import (
    event_body,
    payment_intent_object,
    stripe_headers,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _stripe_payment(trade: Trade, hold: EscrowHold) -> ProviderPayment:
    deposit = hold.instalments.order_by("position").first()
    assert deposit is not None
    return provider_payment_start(
        actor=trade.buyer, order_id=hold.order_id, instalment_id=deposit.pk, provider="stripe"
    )


def _succeeded(payment: ProviderPayment, event_id: str) -> tuple[bytes, dict[str, str]]:
    obj = payment_intent_object(
        payment.provider_payment_id,
        amount=int(payment.amount * 100),
        currency="eur",
        status="succeeded",
        metadata={"instalment_id": str(payment.instalment_id)},
    )
    body = event_body(event_id, "payment_intent.succeeded", obj, created=int(time.time()))
    return body, stripe_headers(body, timestamp=int(time.time()))


def _captures(payment: ProviderPayment) -> int:
    key = capture_key(provider=payment.provider, provider_payment_id=payment.provider_payment_id)
    return LedgerTransaction.objects.filter(key=key).count()


def test_one_event_delivered_ten_times_at_once_captures_once(trade: Trade) -> None:
    payment = _stripe_payment(trade, trade.hold)
    body, headers = _succeeded(payment, "evt_parallel")

    def deliver() -> None:
        provider_webhook_receive(provider="stripe", raw_body=body, headers=headers)

    assert race([deliver] * 10) == ["ok"] * 10

    assert ProviderEvent.objects.filter(event_id="evt_parallel").count() == 1
    assert _captures(payment) == 1
    trade.hold.refresh_from_db()
    assert trade.hold.deposited_minor == 30000


def test_c8_the_webhook_racing_the_return_path_captures_once(
    trade: Trade, fake_stripe: FakeStripe
) -> None:
    provider_get("stripe")  # enabled
    for round_number in range(20):
        hold = trade_open(trade.buyer.company, trade.supplier.company)
        payment = _stripe_payment(trade, hold)
        fake_stripe.set_status(payment.provider_payment_id, "succeeded")  # paid at Stripe
        body, headers = _succeeded(payment, f"evt_c8_{round_number}")

        webhook = partial(
            provider_webhook_receive, provider="stripe", raw_body=body, headers=headers
        )
        buyer_returns = partial(provider_payment_confirm, actor=trade.buyer, payment_id=payment.pk)

        assert race([webhook, buyer_returns]) == ["ok", "ok"]

        payment.refresh_from_db()
        hold.refresh_from_db()
        deposit = hold.instalments.get(position=payment.instalment.position)
        assert _captures(payment) == 1, round_number
        assert payment.status == ProviderPaymentStatus.SUCCEEDED
        assert (deposit.status, hold.deposited_minor) == (InstalmentStatus.PAID, 30000)


@pytest.mark.parametrize("provider", ["sandbox", "stripe"])
def test_five_starts_at_once_make_one_payment(
    trade: Trade, fake_stripe: FakeStripe, provider: str
) -> None:
    start = partial(
        provider_payment_start,
        actor=trade.buyer,
        order_id=trade.order_id,
        instalment_id=trade.deposit.pk,
        provider=provider,
    )

    assert race([start] * 5) == ["ok"] * 5

    assert ProviderPayment.objects.filter(instalment=trade.deposit).count() == 1
    if provider == "stripe":
        assert len(fake_stripe.intents) == 1
