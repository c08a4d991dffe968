"""The sandbox provider and its pages: a deterministic payment per idempotency key, the
buyer's Pay / Decline delivered as a signed event through the webhook path, the return path
confirming without a second capture, and only the buyer's members reaching the pages."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.core.money import Money
from tradebridge.payments.enums import InstalmentStatus, ProviderPaymentStatus
from tradebridge.payments.models import LedgerTransaction, ProviderEvent, ProviderPayment
from tradebridge.payments.provider_selectors import card_payment_panel_for_member
from tradebridge.payments.providers.base import WebhookSignatureInvalid
from tradebridge.payments.providers.registry import sandbox_provider
from tradebridge.payments.providers.sandbox import SandboxPaymentClosed, SandboxProvider
from tradebridge.payments.services.escrow import instalment_due_set
from tradebridge.payments.services.provider_payments import provider_payment_start
from tradebridge.payments.tests.providers.conftest import Trade

T = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def _start(trade: Trade) -> ProviderPayment:
    return provider_payment_start(
        actor=trade.buyer,
        order_id=trade.order_id,
        instalment_id=trade.deposit.pk,
        provider="sandbox",
    )


# --- the provider itself --------------------------------------------------------------------


def test_the_same_idempotency_key_gives_the_same_payment(db: None) -> None:
    sandbox = sandbox_provider()
    args = {"instalment_ref": "ref", "idempotency_key": "sandbox-key-1", "metadata": {}}

    first = sandbox.create_payment(amount=Money.of("12.50", "EUR"), **args)  # type: ignore[arg-type]
    again = sandbox.create_payment(amount=Money.of("99.00", "EUR"), **args)  # type: ignore[arg-type]

    assert again == first
    assert first.amount == Money.of("12.50", "EUR")
    assert first.redirect_url == f"/payments/sandbox/{first.payment_id}/"


def test_the_sandbox_uses_iso_minor_units(db: None) -> None:
    sandbox = sandbox_provider()
    assert sandbox.to_minor(Money.of("5.124", "BHD")) == 5124  # Stripe would refuse this
    assert sandbox.to_minor(Money.of("500", "ISK")) == 500  # Stripe: 50000
    assert sandbox.to_minor(Money.of("1500", "JPY")) == 1500


def test_a_decision_is_a_signed_stripe_shaped_event(db: None) -> None:
    sandbox = sandbox_provider()
    intent = sandbox.create_payment(
        instalment_ref="ref", amount=Money.of("12.50", "EUR"), idempotency_key="k2", metadata={}
    )

    raw_body, headers = sandbox.decide(payment_id=intent.payment_id, pay=True, now=T)
    event = sandbox.parse_webhook(raw_body=raw_body, headers=headers, now=T)

    assert json.loads(raw_body)["data"]["object"]["amount"] == 1250
    assert (event.event_type, event.payment_id, event.status) == (
        "payment_intent.succeeded",
        intent.payment_id,
        ProviderPaymentStatus.SUCCEEDED,
    )
    assert event.amount == Money.of("12.50", "EUR")
    assert sandbox.retrieve(payment_id=intent.payment_id).status == ProviderPaymentStatus.SUCCEEDED
    with pytest.raises(WebhookSignatureInvalid):
        SandboxProvider(secret="another").parse_webhook(raw_body=raw_body, headers=headers, now=T)


def test_declined_then_paid_but_never_declined_after_paid(db: None) -> None:
    sandbox = sandbox_provider()
    intent = sandbox.create_payment(
        instalment_ref="ref", amount=Money.of("1", "EUR"), idempotency_key="k3", metadata={}
    )

    declined, _ = sandbox.decide(payment_id=intent.payment_id, pay=False, now=T)
    paid, _ = sandbox.decide(payment_id=intent.payment_id, pay=True, now=T)

    assert json.loads(declined)["type"] == "payment_intent.payment_failed"
    assert json.loads(paid)["id"] != json.loads(declined)["id"]
    with pytest.raises(SandboxPaymentClosed):
        sandbox.decide(payment_id=intent.payment_id, pay=False, now=T)


# --- the pages -----------------------------------------------------------------------------


def test_the_order_panel_offers_the_instalments_that_are_due(trade: Trade) -> None:
    panel = card_payment_panel_for_member(actor=trade.purchaser, order_id=trade.order_id)

    assert panel.provider == "sandbox"
    assert [(item.instalment_id, item.amount_due) for item in panel.instalments] == [
        (trade.deposit.pk, Money.of("300.00", "EUR"))
    ]


def test_the_balance_is_offered_once_it_falls_due(trade: Trade) -> None:
    instalment_due_set(instalment_id=trade.balance.pk, due_at=timezone.now())

    panel = card_payment_panel_for_member(actor=trade.purchaser, order_id=trade.order_id)

    assert [(item.instalment_id, item.amount_due) for item in panel.instalments] == [
        (trade.deposit.pk, Money.of("300.00", "EUR")),
        (trade.balance.pk, Money.of("700.00", "EUR")),
    ]


@pytest.mark.parametrize("who", ["viewer", "sales", "supplier", "outsider"])
def test_the_order_panel_is_empty_for_those_who_may_not_pay(trade: Trade, who: str) -> None:
    panel = card_payment_panel_for_member(actor=getattr(trade, who), order_id=trade.order_id)
    assert panel.instalments == []


def test_pay_by_card_leads_to_the_sandbox_page_and_back(trade: Trade) -> None:
    client = client_for(trade.buyer)

    started = client.post(
        f"/payments/orders/{trade.order_id}/card/",
        {"instalment_id": str(trade.deposit.pk), "provider": "sandbox", "next": "/orders/x/"},
    )
    payment = ProviderPayment.objects.get()
    page_url = f"/payments/sandbox/{payment.provider_payment_id}/"
    assert started.status_code == 302
    assert started["Location"] == f"{page_url}?next=%2Forders%2Fx%2F"

    page = client.get(started["Location"])
    assert page.status_code == 200
    assert b'id="sandbox-pay"' in page.content
    assert "€300.00" in page.content.decode()

    paid = client.post(f"{page_url}pay/", {"next": "/orders/x/"})
    assert paid["Location"] == f"{page_url}return/?next=%2Forders%2Fx%2F"
    back = client.get(paid["Location"])
    assert back["Location"] == "/orders/x/"

    payment.refresh_from_db()
    trade.deposit.refresh_from_db()
    assert payment.status == ProviderPaymentStatus.SUCCEEDED
    assert (trade.deposit.status, trade.deposit.paid_amount) == (
        InstalmentStatus.PAID,
        Decimal("300.00"),
    )
    assert ProviderEvent.objects.get().processed_at is not None
    assert LedgerTransaction.objects.filter(key__endswith=":captured").count() == 1


def test_decline_then_pay(trade: Trade) -> None:
    payment = _start(trade)
    client = client_for(trade.buyer)
    page_url = f"/payments/sandbox/{payment.provider_payment_id}/"

    client.post(f"{page_url}decline/")
    payment.refresh_from_db()
    assert payment.status == ProviderPaymentStatus.FAILED
    client.post(f"{page_url}pay/")

    payment.refresh_from_db()
    assert payment.status == ProviderPaymentStatus.SUCCEEDED
    assert ProviderEvent.objects.count() == 2


def test_an_outside_next_is_ignored(trade: Trade) -> None:
    response = client_for(trade.buyer).post(
        f"/payments/orders/{trade.order_id}/card/",
        {"instalment_id": str(trade.deposit.pk), "next": "https://evil.example/"},
    )
    payment = ProviderPayment.objects.get()
    assert response["Location"] == f"/payments/sandbox/{payment.provider_payment_id}/"


@pytest.mark.parametrize("who", ["outsider", "supplier"])
def test_another_company_cannot_see_or_pay_the_sandbox_page(trade: Trade, who: str) -> None:
    payment = _start(trade)
    client = client_for(getattr(trade, who))
    page_url = f"/payments/sandbox/{payment.provider_payment_id}/"

    assert client.get(page_url).status_code == 404
    assert client.post(f"{page_url}pay/").status_code == 404
    assert (
        client.post(
            f"/payments/orders/{trade.order_id}/card/", {"instalment_id": str(trade.deposit.pk)}
        ).status_code
        == 404
    )
    payment.refresh_from_db()
    assert payment.status == ProviderPaymentStatus.REQUIRES_PAYMENT
    assert ProviderEvent.objects.count() == 0
    assert ProviderPayment.objects.count() == 1


def test_anonymous_is_sent_to_sign_in(trade: Trade) -> None:
    payment = _start(trade)
    response = Client().post(f"/payments/sandbox/{payment.provider_payment_id}/pay/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert ProviderEvent.objects.count() == 0


def test_the_panel_template_builds_its_context_from_the_order_page(trade: Trade) -> None:
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get(f"/orders/{trade.order_id}/")
    request.user = trade.purchaser.user
    request.session = {}  # type: ignore[assignment]  # the context processors read it
    order = SimpleNamespace(pk=trade.order_id)

    html = render_to_string(
        "payments/order_card_payment.html",
        {"actor": trade.purchaser, "order": order},
        request=request,
    )
    hidden = render_to_string(
        "payments/order_card_payment.html", {"actor": trade.viewer, "order": order}, request=request
    )

    assert f'action="/payments/orders/{trade.order_id}/card/"' in html
    assert f'id="pay-by-card-{trade.deposit.pk}"' in html
    assert f'id="pay-by-card-{trade.balance.pk}"' not in html  # not due yet
    assert f'name="next" value="/orders/{trade.order_id}/"' in html
    assert "Pay €300.00 by card" in html
    assert hidden.strip() == ""


def test_the_web_form_does_not_start_stripe_payments(trade: Trade) -> None:
    response = client_for(trade.buyer).post(
        f"/payments/orders/{trade.order_id}/card/",
        {"instalment_id": str(trade.deposit.pk), "provider": "stripe", "next": "/orders/x/"},
    )

    assert (response.status_code, response["Location"]) == (302, "/orders/x/")
    assert ProviderPayment.objects.count() == 0


def test_a_malformed_instalment_id_is_422(trade: Trade) -> None:
    response = client_for(trade.buyer).post(
        f"/payments/orders/{trade.order_id}/card/", {"instalment_id": "nope"}
    )

    assert response.status_code == 422
    assert ProviderPayment.objects.count() == 0
