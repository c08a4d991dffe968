"""Who may do what with webhook endpoints, through the API (reliability anchors X13): another
company's endpoint or delivery is 404, as a missing one; members without MANAGE_COMPANY read
but every change is 403; anonymous is 401. Every denial changes nothing."""

import uuid
from typing import Any

import pytest
from django.test import Client

from tradebridge.core.models import AuditEvent
from tradebridge.webhooks.models import (
    OutboxEvent,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from tradebridge.webhooks.services import outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/webhook-endpoints"


def snapshot() -> list[Any]:
    return [
        list(WebhookEndpoint.objects.order_by("pk").values()),
        list(WebhookDelivery.objects.order_by("pk").values()),
        list(OutboxEvent.objects.order_by("pk").values()),
        list(WebhookAttempt.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    ]


@pytest.fixture
def target(people: People) -> dict[str, str]:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    event = outbox_add(company_id=people.company.id, event_type="order.paid", payload={})
    assert event is not None
    return {"endpoint": str(endpoint.id), "delivery": str(event.deliveries.get().id)}


type Call = tuple[str, str, dict[str, Any] | None]

CREATE: Call = ("post", "", {"url": "https://x.example/"})
WRITES_ON_ONE: list[Call] = [
    ("patch", "/{endpoint}", {"is_active": False}),
    ("delete", "/{endpoint}", None),
    ("post", "/{endpoint}/rotate-secret", None),
    ("post", "/{endpoint}/deliveries/{delivery}/resend", None),
    ("post", "/{endpoint}/test", None),
]
WRITES: list[Call] = [CREATE, *WRITES_ON_ONE]
READS_OF_ONE: list[Call] = [("get", "/{endpoint}", None), ("get", "/{endpoint}/deliveries", None)]
READS: list[Call] = [("get", "", None), *READS_OF_ONE]


def _call(client: Client, method: str, path: str, data: dict[str, Any] | None) -> Any:
    if data is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, data, content_type="application/json")


def _client(people: People, actor: str) -> Client:
    client = Client()
    if actor != "anonymous":
        client.force_login(people.member(actor).user)
    return client


@pytest.mark.parametrize(("method", "path", "data"), WRITES_ON_ONE + READS_OF_ONE)
def test_another_company_gets_404_and_nothing_changes(
    people: People, target: dict[str, str], method: str, path: str, data: dict[str, Any] | None
) -> None:
    """The same answer as for an id that does not exist."""
    before = snapshot()
    client = _client(people, "other_owner")

    response = _call(client, method, BASE + path.format(**target), data)
    missing = _call(
        client,
        method,
        BASE + path.format(endpoint=uuid.uuid4(), delivery=target["delivery"]),
        data,
    )

    assert response.status_code == missing.status_code == 404
    assert response.json()["code"] == missing.json()["code"] == "not_found"
    assert response.json()["message"] == missing.json()["message"]
    assert snapshot() == before


def test_another_company_lists_only_its_own(people: People, target: dict[str, str]) -> None:
    response = _client(people, "other_owner").get(BASE)

    assert response.json()["count"] == 0
    assert target["endpoint"] not in response.content.decode()


def test_a_delivery_of_another_endpoint_is_404(people: People, target: dict[str, str]) -> None:
    own = WebhookEndpointFactory.create(company=people.other_owner.company)
    before = snapshot()

    response = _client(people, "other_owner").post(
        f"{BASE}/{own.id}/deliveries/{target['delivery']}/resend"
    )

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("actor", ["viewer", "purchaser", "sales"])
@pytest.mark.parametrize(("method", "path", "data"), WRITES)
def test_members_without_manage_company_may_not_change_anything(
    people: People,
    target: dict[str, str],
    actor: str,
    method: str,
    path: str,
    data: dict[str, Any] | None,
) -> None:
    before = snapshot()

    response = _call(_client(people, actor), method, BASE + path.format(**target), data)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert snapshot() == before


@pytest.mark.parametrize("actor", ["viewer", "purchaser", "sales", "admin", "owner"])
@pytest.mark.parametrize(("method", "path", "data"), READS)
def test_every_member_reads(
    people: People,
    target: dict[str, str],
    actor: str,
    method: str,
    path: str,
    data: dict[str, Any] | None,
) -> None:
    response = _call(_client(people, actor), method, BASE + path.format(**target), data)

    assert response.status_code == 200


@pytest.mark.parametrize(("method", "path", "data"), WRITES + READS)
def test_anonymous_gets_401_and_nothing_changes(
    people: People, target: dict[str, str], method: str, path: str, data: dict[str, Any] | None
) -> None:
    before = snapshot()

    response = _call(_client(people, "anonymous"), method, BASE + path.format(**target), data)

    assert response.status_code == 401
    assert snapshot() == before


def test_an_inactive_membership_gets_404(people: People, target: dict[str, str]) -> None:
    people.owner.is_active = False
    people.owner.save()
    before = snapshot()

    response = _client(people, "owner").post(f"{BASE}/{target['endpoint']}/rotate-secret")

    assert response.status_code == 404
    assert snapshot() == before
