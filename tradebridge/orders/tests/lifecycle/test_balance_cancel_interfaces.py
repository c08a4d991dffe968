"""The supplier's `cancel-unpaid` through the API and the order page: offered and done only
once the balance is unpaid past the grace period."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order
from tradebridge.orders.services.lifecycle import order_confirm, order_production_done
from tradebridge.orders.tests.lifecycle.conftest import DAY, HOUR, T0, Parties, pay, place, reload
from tradebridge.payments.models import Instalment

pytestmark = pytest.mark.django_db


def client_for(member: Membership) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def awaiting_balance(parties: Parties) -> Order:
    """Awaiting a balance that fell due at T0 + 17 days (long past, on the real clock)."""
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    pay(order, "deposit", now=T0 + DAY)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    return order


def api_post(member: Membership, order: Order) -> Any:
    return client_for(member).post(
        f"/api/v1/orders/{order.pk}/cancel-unpaid",
        {"note": "Never paid"},
        content_type="application/json",
    )


def test_the_api_offers_and_takes_the_cancellation_once_the_grace_ended(
    parties: Parties,
) -> None:
    order = awaiting_balance(parties)
    detail = client_for(parties.sales).get(f"/api/v1/orders/{order.pk}").json()
    assert detail["actions"] == ["cancel-unpaid"]

    response = api_post(parties.sales, order)

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["cancel_reason"]) == (
        "cancelled",
        "balance_unpaid",
    )


def test_the_api_refuses_it_within_the_grace_and_writes_nothing(parties: Parties) -> None:
    order = awaiting_balance(parties)
    due = timezone.now() - DAY
    Instalment.objects.filter(hold__order_id=order.pk, kind="balance").update(due_at=due)
    detail = client_for(parties.sales).get(f"/api/v1/orders/{order.pk}").json()
    assert detail["actions"] == []

    response = api_post(parties.sales, order)

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["details"]["grace_ends_at"] == (due + 7 * DAY).isoformat()
    assert reload(order).status == OrderStatus.AWAITING_BALANCE


def test_the_order_page_cancels_it_for_the_supplier(parties: Parties) -> None:
    order = awaiting_balance(parties)
    client = client_for(parties.supplier)

    page = client.get(f"/orders/{order.pk}/cancel-unpaid/")
    assert page.status_code == 200
    assert "the deposit held in escrow is released to your company" in page.content.decode()
    response = client.post(f"/orders/{order.pk}/cancel-unpaid/", {"note": "Never paid"})

    assert response.status_code == 302
    assert reload(order).status == OrderStatus.CANCELLED
