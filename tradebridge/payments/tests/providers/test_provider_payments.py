"""Starting provider payments and applying provider events: exactly one capture per
payment, duplicates ignored, out-of-order events converging, forged or mismatched events
stored and flagged without moving money (X6)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tradebridge.core.errors import NotFound, PermissionDenied
from tradebridge.core.models import AuditEvent
from tradebridge.core.money import Money
from tradebridge.payments.enums import InstalmentStatus, ProviderPaymentStatus
from tradebridge.payments.errors import InstalmentNotPayable
from tradebridge.payments.events import InstalmentPaid
from tradebridge.payments.models import LedgerTransaction, ProviderEvent, ProviderPayment
from tradebridge.payments.providers.base import ProviderNotEnabled, ProviderWebhookEvent
from tradebridge.payments.services.provider_payments import (
    capture_key,
    provider_event_process,
    provider_payment_start,
)
from tradebridge.payments.tests.providers.conftest import Trade

S = ProviderPaymentStatus
T = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _event(
    payment: ProviderPayment,
    event_type: str,
    status: ProviderPaymentStatus | None,
    *,
    event_id: str | None = None,
    amount: Money | None = None,
    instalment_id: str | None = None,
) -> ProviderWebhookEvent:
    metadata = {"instalment_id": instalment_id or str(payment.instalment_id)}
    return ProviderWebhookEvent(
        event_id=event_id or f"evt_{event_type}_{payment.provider_payment_id}",
        event_type=event_type,
        payment_id=payment.provider_payment_id,
        amount=amount or Money(payment.amount, payment.currency),
        status=status,
        occurred_at=T,
        payload={"type": event_type, "data": {"object": {"metadata": metadata}}},
    )


def _succeeded(payment: ProviderPayment, **kwargs: object) -> ProviderWebhookEvent:
    return _event(payment, "payment_intent.succeeded", S.SUCCEEDED, **kwargs)  # type: ignore[arg-type]


def _captures(payment: ProviderPayment) -> int:
    key = capture_key(provider=payment.provider, provider_payment_id=payment.provider_payment_id)
    return LedgerTransaction.objects.filter(key=key).count()


def _start(trade: Trade, provider: str = "sandbox") -> ProviderPayment:
    return provider_payment_start(
        actor=trade.buyer,
        order_id=trade.order_id,
        instalment_id=trade.deposit.pk,
        provider=provider,
    )


# --- starting ---------------------------------------------------------------------------


def test_start_charges_what_is_left_of_the_instalment(trade: Trade) -> None:
    payment = _start(trade)

    assert (payment.provider, payment.instalment_id) == ("sandbox", trade.deposit.pk)
    assert (payment.amount, payment.currency) == (Decimal("300.00"), "EUR")
    assert payment.status == S.REQUIRES_PAYMENT
    assert payment.provider_payment_id.startswith("sbx_pi_")
    assert (
        AuditEvent.objects.filter(
            action="payments.provider_payment_started", object_id=str(payment.pk)
        ).count()
        == 1
    )


def test_a_purchaser_may_pay(trade: Trade) -> None:
    payment = provider_payment_start(
        actor=trade.purchaser,
        order_id=trade.order_id,
        instalment_id=trade.balance.pk,
        provider="sandbox",
    )
    assert payment.amount == Decimal("700.00")


def test_a_second_start_reuses_the_live_payment(trade: Trade) -> None:
    first = _start(trade)
    second = _start(trade)

    assert second.pk == first.pk
    assert ProviderPayment.objects.count() == 1


def test_a_declined_payment_is_offered_again(trade: Trade) -> None:
    first = _start(trade)
    provider_event_process(
        provider="sandbox", event=_event(first, "payment_intent.payment_failed", S.FAILED), now=T
    )

    assert _start(trade).pk == first.pk


def test_after_a_partial_bank_payment_a_new_payment_asks_for_the_rest(trade: Trade) -> None:
    from tradebridge.payments.services.escrow import instalment_payment_apply

    first = _start(trade)
    instalment_payment_apply(
        instalment_id=trade.deposit.pk,
        amount=Money.of("100.00", "EUR"),
        key="bank:1",
        source="manual",
    )

    second = _start(trade)

    assert second.pk != first.pk
    assert (second.amount, second.currency) == (Decimal("200.00"), "EUR")


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_roles_without_place_orders_may_not_pay(trade: Trade, role: str) -> None:
    with pytest.raises(PermissionDenied):
        provider_payment_start(
            actor=getattr(trade, role),
            order_id=trade.order_id,
            instalment_id=trade.deposit.pk,
            provider="sandbox",
        )
    assert ProviderPayment.objects.count() == 0


@pytest.mark.parametrize("who", ["supplier", "outsider"])
def test_another_companys_instalment_is_not_found(trade: Trade, who: str) -> None:
    with pytest.raises(NotFound):
        provider_payment_start(
            actor=getattr(trade, who),
            order_id=trade.order_id,
            instalment_id=trade.deposit.pk,
            provider="sandbox",
        )
    assert ProviderPayment.objects.count() == 0


def test_an_instalment_of_another_order_is_not_found(trade: Trade) -> None:
    import uuid

    with pytest.raises(NotFound):
        provider_payment_start(
            actor=trade.buyer,
            order_id=uuid.uuid4(),
            instalment_id=trade.deposit.pk,
            provider="sandbox",
        )


def test_a_disabled_provider_is_refused(trade: Trade, settings: object) -> None:
    settings.PAYMENT_PROVIDERS = ["sandbox"]  # type: ignore[attr-defined]
    with pytest.raises(ProviderNotEnabled):
        _start(trade, provider="stripe")


def test_a_paid_instalment_cannot_be_paid_again(trade: Trade) -> None:
    provider_event_process(provider="sandbox", event=_succeeded(_start(trade)), now=T)

    with pytest.raises(InstalmentNotPayable):
        _start(trade)


# --- events: exactly once ----------------------------------------------------------------


def test_a_success_captures_the_instalment(trade: Trade, published: list[object]) -> None:
    payment = _start(trade)

    provider_event_process(provider="sandbox", event=_succeeded(payment), now=T)

    payment.refresh_from_db()
    trade.deposit.refresh_from_db()
    assert (payment.status, payment.succeeded_at, payment.last_event_at) == (S.SUCCEEDED, T, T)
    assert payment.ledger_key == f"sandbox:{payment.provider_payment_id}:captured"
    assert (trade.deposit.status, trade.deposit.paid_amount) == (
        InstalmentStatus.PAID,
        Decimal("300.00"),
    )
    assert _captures(payment) == 1
    assert [type(event) for event in published if isinstance(event, InstalmentPaid)] == [
        InstalmentPaid
    ]
    record = ProviderEvent.objects.get()
    assert (record.event_type, record.processed_at) == ("payment_intent.succeeded", T)


def test_the_same_event_twice_captures_once(trade: Trade) -> None:
    payment = _start(trade)
    event = _succeeded(payment)

    provider_event_process(provider="sandbox", event=event, now=T)
    provider_event_process(provider="sandbox", event=event, now=T)

    assert ProviderEvent.objects.count() == 1
    assert _captures(payment) == 1


def test_two_different_success_events_capture_once(trade: Trade) -> None:
    payment = _start(trade)

    provider_event_process(provider="sandbox", event=_succeeded(payment, event_id="evt_a"), now=T)
    provider_event_process(provider="sandbox", event=_succeeded(payment, event_id="evt_b"), now=T)

    assert ProviderEvent.objects.count() == 2
    assert _captures(payment) == 1
    trade.deposit.refresh_from_db()
    assert trade.deposit.paid_amount == Decimal("300.00")


def test_failed_then_succeeded_converges_to_a_capture(trade: Trade) -> None:
    payment = _start(trade)

    provider_event_process(
        provider="sandbox", event=_event(payment, "payment_intent.payment_failed", S.FAILED), now=T
    )
    payment.refresh_from_db()
    assert payment.status == S.FAILED
    provider_event_process(provider="sandbox", event=_succeeded(payment), now=T)

    payment.refresh_from_db()
    assert payment.status == S.SUCCEEDED
    assert _captures(payment) == 1


@pytest.mark.parametrize(
    ("event_type", "status"),
    [
        ("payment_intent.payment_failed", S.FAILED),
        ("payment_intent.processing", S.PROCESSING),
        ("payment_intent.canceled", S.CANCELLED),
    ],
)
def test_a_late_event_never_downgrades_a_success(
    trade: Trade, event_type: str, status: ProviderPaymentStatus
) -> None:
    payment = _start(trade)
    provider_event_process(provider="sandbox", event=_succeeded(payment), now=T)

    provider_event_process(provider="sandbox", event=_event(payment, event_type, status), now=T)

    payment.refresh_from_db()
    assert payment.status == S.SUCCEEDED
    assert _captures(payment) == 1


@pytest.mark.parametrize("refund_first", [True, False])
def test_refund_and_success_converge_in_either_order(trade: Trade, refund_first: bool) -> None:
    payment = _start(trade)
    refund = _event(payment, "charge.refunded", S.REFUNDED)
    events = [refund, _succeeded(payment)] if refund_first else [_succeeded(payment), refund]

    for event in events:
        provider_event_process(provider="sandbox", event=event, now=T)

    payment.refresh_from_db()
    trade.deposit.refresh_from_db()
    assert payment.status == S.REFUNDED
    assert _captures(payment) == 1
    assert trade.deposit.paid_amount == Decimal("300.00")
    assert (
        AuditEvent.objects.filter(
            action="payments.provider_refund_recorded", object_id=str(payment.pk)
        ).count()
        == 1
    )


def test_an_event_type_without_effect_is_stored_and_done(trade: Trade) -> None:
    event = ProviderWebhookEvent(
        event_id="evt_customer",
        event_type="customer.created",
        payment_id="",
        amount=None,
        status=None,
        occurred_at=T,
        payload={"id": "evt_customer"},
    )

    provider_event_process(provider="stripe", event=event, now=T)

    record = ProviderEvent.objects.get()
    assert (record.provider, record.event_type, record.processed_at) == (
        "stripe",
        "customer.created",
        T,
    )
    assert LedgerTransaction.objects.count() == 0


# --- X6: events that do not match what we created ------------------------------------------


def _flags() -> list[str]:
    return [
        event.data["problem"]
        for event in AuditEvent.objects.filter(action="payments.provider_event_flagged")
    ]


def _nothing_moved(trade: Trade) -> None:
    trade.deposit.refresh_from_db()
    assert trade.deposit.paid_amount == Decimal(0)
    assert LedgerTransaction.objects.count() == 0


def test_an_event_for_a_payment_we_never_created_is_flagged(trade: Trade) -> None:
    payment = _start(trade)
    forged = ProviderWebhookEvent(
        event_id="evt_forged",
        event_type="payment_intent.succeeded",
        payment_id="sbx_pi_unknown",
        amount=Money(payment.amount, payment.currency),
        status=S.SUCCEEDED,
        occurred_at=T,
        payload={},
    )

    provider_event_process(provider="sandbox", event=forged, now=T)

    assert ProviderEvent.objects.get().processed_at is None
    assert _flags() == ["unknown_payment"]
    _nothing_moved(trade)


@pytest.mark.parametrize(
    "amount", [Money.of("3.00", "EUR"), Money.of("300", "JPY"), Money.of("300.01", "EUR")]
)
def test_an_event_with_another_amount_or_currency_is_flagged(trade: Trade, amount: Money) -> None:
    payment = _start(trade)

    provider_event_process(provider="sandbox", event=_succeeded(payment, amount=amount), now=T)

    payment.refresh_from_db()
    assert payment.status == S.REQUIRES_PAYMENT
    assert _flags() == ["amount_mismatch"]
    _nothing_moved(trade)


def test_an_event_naming_another_companys_instalment_is_flagged(trade: Trade) -> None:
    from tradebridge.payments.tests.providers.conftest import trade_open

    ours = _start(trade)
    other_hold = trade_open(trade.outsider.company, trade.supplier.company)
    other_deposit = other_hold.instalments.order_by("position").first()
    assert other_deposit is not None
    # our payment's id, but metadata pointing at the other company's instalment
    forged = _succeeded(ours, instalment_id=str(other_deposit.pk))

    provider_event_process(provider="sandbox", event=forged, now=T)

    other_deposit.refresh_from_db()
    assert other_deposit.paid_amount == Decimal(0)
    assert _flags() == ["instalment_mismatch"]
    _nothing_moved(trade)


def test_the_same_payment_id_at_another_provider_is_unknown(trade: Trade) -> None:
    payment = _start(trade)

    provider_event_process(provider="stripe", event=_succeeded(payment), now=T)

    assert _flags() == ["unknown_payment"]
    _nothing_moved(trade)
