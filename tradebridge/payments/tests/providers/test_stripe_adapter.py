"""The Stripe adapter against a fake Stripe on 127.0.0.1, and its webhook signatures checked
on recorded-shaped events signed here with a test secret."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tradebridge.core.money import Money
from tradebridge.payments.enums import ProviderPaymentStatus
from tradebridge.payments.providers.base import (
    AmountNotSupported,
    ProviderRefused,
    ProviderUnavailable,
    WebhookSignatureInvalid,
    WebhookTimestampStale,
)
from tradebridge.payments.providers.stripe import StripeProvider
from tradebridge.payments.tests.providers.fake_stripe import FakeStripe, fake_stripe_server
from tradebridge.payments.tests.providers.stripe_events import (
    TEST_WEBHOOK_SECRET,
    charge_object,
    event_body,
    payment_intent_object,
    stripe_headers,
    stripe_signature,
)

T = 1_765_100_000
AT_T = datetime.fromtimestamp(T, tz=UTC)


def _provider(api_base: str = "http://127.0.0.1:9") -> StripeProvider:
    return StripeProvider(
        secret_key="sk_test_fake",
        webhook_secret=TEST_WEBHOOK_SECRET,
        api_base=api_base,
        max_network_retries=0,
    )


@pytest.fixture
def fake() -> Iterator[FakeStripe]:
    with fake_stripe_server() as server:
        yield server


def _succeeded_body(event_id: str = "evt_1QrecordedSucceeded") -> bytes:
    obj = payment_intent_object(
        "pi_3Qrecorded0001", amount=125_000, currency="eur", status="succeeded", metadata={}
    )
    return event_body(event_id, "payment_intent.succeeded", obj, created=T)


# --- minor units: Stripe's table, not ISO's -------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("12.50", "EUR", 1250),
        ("0.01", "USD", 1),
        ("1500", "JPY", 1500),
        ("10000", "KRW", 10000),
        ("5.120", "BHD", 5120),
        ("5.12", "KWD", 5120),
        ("500", "ISK", 50000),  # ISO: 0 decimals; Stripe: two, in multiples of 100
    ],
)
def test_to_minor_uses_stripes_exponents(amount: str, currency: str, minor: int) -> None:
    assert _provider().to_minor(Money.of(amount, currency)) == minor


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        ("12.505", "EUR"),  # below the minor unit
        ("1500.5", "JPY"),  # zero-decimal
        ("0.5", "KRW"),
        ("5.124", "BHD"),  # three-decimal: the last digit must be 0
        ("500.50", "ISK"),  # whole krónur only
    ],
)
def test_to_minor_refuses_what_stripe_cannot_charge_exactly(amount: str, currency: str) -> None:
    with pytest.raises(AmountNotSupported) as raised:
        _provider().to_minor(Money.of(amount, currency))
    assert raised.value.details == {"amount": amount, "currency": currency, "provider": "stripe"}


@pytest.mark.parametrize(
    ("minor", "currency", "expected"),
    [
        (1250, "eur", Money.of("12.50", "EUR")),
        (1500, "jpy", Money.of("1500", "JPY")),
        (5120, "bhd", Money.of("5.120", "BHD")),
        (50000, "isk", Money.of("500", "ISK")),
    ],
)
def test_from_minor(minor: int, currency: str, expected: Money) -> None:
    assert _provider().from_minor(minor, currency) == expected


# --- outgoing calls against the fake Stripe -----------------------------------------


def test_create_payment_sends_stripes_request_shape(fake: FakeStripe) -> None:
    intent = _provider(fake.base_url).create_payment(
        instalment_ref="TB-7K3M-9QXD-4",
        amount=Money.of("1250.00", "EUR"),
        idempotency_key="tb:instalment-1:1",
        metadata={"order_id": "order-1", "instalment_id": "instalment-1"},
    )

    (request,) = fake.requests
    assert (request.method, request.path) == ("POST", "/v1/payment_intents")
    assert request.headers["Idempotency-Key"] == "tb:instalment-1:1"
    assert request.headers["Authorization"] == "Bearer sk_test_fake"
    assert request.form == {
        "amount": "125000",
        "currency": "eur",
        "description": "TB-7K3M-9QXD-4",
        "metadata[order_id]": "order-1",
        "metadata[instalment_id]": "instalment-1",
        "automatic_payment_methods[enabled]": "true",
    }
    assert intent.payment_id == "pi_fake0001"
    assert intent.client_secret == "pi_fake0001_secret_fake"
    assert intent.status == ProviderPaymentStatus.REQUIRES_PAYMENT
    assert intent.amount == Money.of("1250.00", "EUR")


def test_create_payment_in_a_zero_decimal_currency(fake: FakeStripe) -> None:
    _provider(fake.base_url).create_payment(
        instalment_ref="ref", amount=Money.of("150000", "JPY"), idempotency_key="k", metadata={}
    )

    assert (fake.requests[0].form["amount"], fake.requests[0].form["currency"]) == (
        "150000",
        "jpy",
    )


def test_create_payment_refuses_an_inexact_amount_without_calling_stripe(
    fake: FakeStripe,
) -> None:
    with pytest.raises(AmountNotSupported):
        _provider(fake.base_url).create_payment(
            instalment_ref="ref", amount=Money.of("5.125", "KWD"), idempotency_key="k", metadata={}
        )

    assert fake.requests == []


def test_retrieve_maps_stripes_status(fake: FakeStripe) -> None:
    provider = _provider(fake.base_url)
    created = provider.create_payment(
        instalment_ref="ref", amount=Money.of("10.00", "USD"), idempotency_key="k", metadata={}
    )
    fake.set_status(created.payment_id, "succeeded")

    intent = provider.retrieve(payment_id=created.payment_id)

    assert fake.requests[-1].method == "GET"
    assert fake.requests[-1].path == f"/v1/payment_intents/{created.payment_id}"
    assert intent.status == ProviderPaymentStatus.SUCCEEDED
    assert intent.amount == Money(Decimal("10.00"), "USD")


def test_a_server_error_is_provider_unavailable(fake: FakeStripe) -> None:
    fake.fail_with = 500
    with pytest.raises(ProviderUnavailable):
        _provider(fake.base_url).retrieve(payment_id="pi_x")


def test_a_refused_request_is_provider_refused(fake: FakeStripe) -> None:
    fake.fail_with = 400
    with pytest.raises(ProviderRefused) as raised:
        _provider(fake.base_url).retrieve(payment_id="pi_x")
    assert raised.value.details == {"provider": "stripe", "provider_code": "fake_error"}


# --- inbound webhooks: Stripe's signature over the raw body -----------------------------


def test_a_well_signed_event_is_read() -> None:
    body = _succeeded_body()

    event = _provider().parse_webhook(
        raw_body=body, headers=stripe_headers(body, timestamp=T), now=AT_T
    )

    assert event.event_id == "evt_1QrecordedSucceeded"
    assert event.event_type == "payment_intent.succeeded"
    assert event.payment_id == "pi_3Qrecorded0001"
    assert event.amount == Money.of("1250.00", "EUR")
    assert event.status == ProviderPaymentStatus.SUCCEEDED
    assert event.occurred_at == AT_T


def test_a_bad_hmac_is_refused() -> None:
    body = _succeeded_body()
    headers = stripe_headers(body, timestamp=T, secret="whsec_someone_else")

    with pytest.raises(WebhookSignatureInvalid) as raised:
        _provider().parse_webhook(raw_body=body, headers=headers, now=AT_T)
    assert raised.value.code == "webhook_signature_invalid"


def test_a_re_serialised_body_no_longer_matches() -> None:
    body = _succeeded_body()
    headers = stripe_headers(body, timestamp=T)
    re_serialised = json.dumps(json.loads(body)).encode()

    with pytest.raises(WebhookSignatureInvalid):
        _provider().parse_webhook(raw_body=re_serialised, headers=headers, now=AT_T)


def test_a_changed_amount_no_longer_matches() -> None:
    body = _succeeded_body()
    headers = stripe_headers(body, timestamp=T)

    with pytest.raises(WebhookSignatureInvalid):
        _provider().parse_webhook(
            raw_body=body.replace(b"125000", b"100"), headers=headers, now=AT_T
        )


@pytest.mark.parametrize("skew", [-301, 301])
def test_a_timestamp_beyond_300_seconds_either_way_is_stale(skew: int) -> None:
    body = _succeeded_body()
    now = datetime.fromtimestamp(T + skew, tz=UTC)

    with pytest.raises(WebhookTimestampStale) as raised:
        _provider().parse_webhook(raw_body=body, headers=stripe_headers(body, timestamp=T), now=now)
    assert raised.value.http_status == 400
    assert raised.value.details == {"timestamp": T, "tolerance": 300}


@pytest.mark.parametrize("skew", [-300, 300])
def test_a_timestamp_within_300_seconds_is_accepted(skew: int) -> None:
    body = _succeeded_body()
    now = datetime.fromtimestamp(T + skew, tz=UTC)

    event = _provider().parse_webhook(
        raw_body=body, headers=stripe_headers(body, timestamp=T), now=now
    )
    assert event.event_id == "evt_1QrecordedSucceeded"


def test_one_matching_signature_among_several_is_enough() -> None:
    body = _succeeded_body()
    old = stripe_signature(body, timestamp=T, secret="whsec_rotated_out")
    good = stripe_signature(body, timestamp=T)
    headers = {"Stripe-Signature": f"t={T},v1={old},v0=deadbeef,v1={good}"}

    assert _provider().parse_webhook(raw_body=body, headers=headers, now=AT_T).event_id


@pytest.mark.parametrize("header", [None, "", "garbage", f"t={T}", "v1=abc", "t=notanumber,v1=abc"])
def test_a_missing_or_malformed_header_is_refused(header: str | None) -> None:
    headers = {} if header is None else {"Stripe-Signature": header}
    with pytest.raises(WebhookSignatureInvalid):
        _provider().parse_webhook(raw_body=_succeeded_body(), headers=headers, now=AT_T)


def test_a_body_that_is_not_utf8_is_refused() -> None:
    body = b"\xff\xfe" + _succeeded_body()
    with pytest.raises(WebhookSignatureInvalid):
        _provider().parse_webhook(
            raw_body=body, headers=stripe_headers(body, timestamp=T), now=AT_T
        )


def test_a_refund_event_names_its_payment_intent() -> None:
    obj = charge_object(
        "pi_3Qrecorded0001", amount=125_000, currency="eur", amount_refunded=125_000
    )
    body = event_body("evt_1QrecordedRefunded", "charge.refunded", obj, created=T)

    event = _provider().parse_webhook(
        raw_body=body, headers=stripe_headers(body, timestamp=T), now=AT_T
    )

    assert (event.payment_id, event.status) == ("pi_3Qrecorded0001", ProviderPaymentStatus.REFUNDED)
    assert event.amount == Money.of("1250.00", "EUR")


def test_an_unknown_event_type_is_read_with_nothing_to_apply() -> None:
    body = event_body(
        "evt_1Qcustomer", "customer.created", {"id": "cus_1", "object": "customer"}, created=T
    )

    event = _provider().parse_webhook(
        raw_body=body, headers=stripe_headers(body, timestamp=T), now=AT_T
    )

    assert (event.event_type, event.payment_id, event.amount, event.status) == (
        "customer.created",
        "",
        None,
        None,
    )
