"""The cast and the checks shared by the attack tests on orders and payments: a buyer and a
supplier with a member of every role and two outsiders, a snapshot of everything an attack
must leave unchanged, and orders in the states the attacks need."""

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderEvent
from tradebridge.orders.tests.lifecycle.conftest import DAY, Parties, pay, place, set_status
from tradebridge.payments.models import (
    Dispute,
    Instalment,
    Posting,
    ProviderPayment,
)
from tradebridge.webhooks.models import OutboxEvent, WebhookDelivery

DISPUTE = {
    "reason": "quality",
    "description": "Seams split after one match.",
    "requested_refund": {"amount": "100.00", "currency": "EUR"},
}


def member(company: Any, role: Role = Role.OWNER) -> Membership:
    return MembershipFactory.create(company=company, role=role)


def make_parties() -> Parties:
    buyer = CompanyFactory.create(kind=CompanyKind.BUYER, country="FR")
    supplier = SupplierFactory.create()
    return Parties(
        buyer=member(buyer),
        purchaser=member(buyer, Role.PURCHASER),
        buyer_viewer=member(buyer, Role.VIEWER),
        buyer_sales=member(buyer, Role.SALES),
        supplier=member(supplier),
        sales=member(supplier, Role.SALES),
        supplier_viewer=member(supplier, Role.VIEWER),
        supplier_purchaser=member(supplier, Role.PURCHASER),
        outsider=member(CompanyFactory.create(kind=CompanyKind.BUYER)),
        outsider_supplier=member(SupplierFactory.create()),
    )


def login(member: Membership) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def post(client: Client, path: str, body: object = None, **headers: str) -> Any:
    return client.post(
        path, json.dumps(body or {}), content_type="application/json", headers=headers
    )


@dataclass(frozen=True)
class Snapshot:
    """What an attack must leave as it found it."""

    statuses: dict[uuid.UUID, str]
    events: int
    postings: int
    disputes: list[tuple[uuid.UUID, str]]
    outbox: int
    deliveries: int
    payments: int
    instalments: list[tuple[uuid.UUID, str, Decimal]]


def snapshot() -> Snapshot:
    return Snapshot(
        statuses=dict(Order.objects.values_list("id", "status")),
        events=OrderEvent.objects.count(),
        postings=Posting.objects.count(),
        disputes=list(Dispute.objects.order_by("id").values_list("id", "status")),
        outbox=OutboxEvent.objects.count(),
        deliveries=WebhookDelivery.objects.count(),
        payments=ProviderPayment.objects.count(),
        instalments=list(
            Instalment.objects.order_by("id").values_list("id", "status", "paid_amount")
        ),
    )


def prepaid(parties: Parties, status: OrderStatus, **fields: object) -> Order:
    order = place(parties, deposit_percent="100")
    pay(order, "full")
    return set_status(order, status, **fields)


def delivered(parties: Parties) -> Order:
    now = timezone.now()
    return prepaid(
        parties, OrderStatus.DELIVERED, delivered_at=now, protection_ends_at=now + 30 * DAY
    )


def disputed(parties: Parties) -> tuple[Order, Dispute]:
    order = delivered(parties)
    response = post(login(parties.buyer), f"/api/v1/orders/{order.pk}/dispute", DISPUTE)
    assert response.status_code in {200, 201}, response.content
    return order, Dispute.objects.get(order_id=order.pk)


def instalment(order: Order, kind: str = "deposit") -> Instalment:
    return Instalment.objects.get(hold__order_id=order.pk, kind=kind)
