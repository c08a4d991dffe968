"""The webhook endpoints API: manage endpoints, rotate the secret, read deliveries with their
attempts, resend, send a test event; input checks; idempotent creation."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from standardwebhooks import Webhook

from tradebridge.companies.models import Membership
from tradebridge.core.models import AuditEvent
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from tradebridge.webhooks.services import deliveries_relay, outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory
from tradebridge.webhooks.tests.receiver import receiving

pytestmark = pytest.mark.django_db

BASE = "/api/v1/webhook-endpoints"


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def post(client: Client, path: str, data: dict[str, Any] | None = None, **headers: str) -> Any:
    return client.post(path, data or {}, content_type="application/json", headers=headers)


def test_an_owner_adds_an_endpoint_and_gets_its_secret(people: People) -> None:
    response = post(
        client_for(people.owner),
        BASE,
        {
            "url": "https://erp.lyon-sports.example/hooks",
            "description": "ERP",
            "event_types": ["order.paid", "order.created"],
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    endpoint = WebhookEndpoint.objects.get()
    assert body == {
        "id": str(endpoint.id),
        "url": "https://erp.lyon-sports.example/hooks",
        "description": "ERP",
        "event_types": ["order.created", "order.paid"],
        "is_active": True,
        "secret": endpoint.secret,
        "previous_secret_expires_at": None,
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    assert body["secret"].startswith("whsec_")
    assert endpoint.company_id == people.company.id
    assert endpoint.created_by_id == people.owner.user_id
    assert AuditEvent.objects.get(action="webhook_endpoint.created").object_id == str(endpoint.id)
    assert endpoint.secret not in str(AuditEvent.objects.get().data)


def test_creation_replays_with_the_same_idempotency_key(people: People) -> None:
    client = client_for(people.admin)
    data = {"url": "https://erp.example/hooks"}

    first = post(client, BASE, data, **{"Idempotency-Key": "k-1"})
    second = post(client, BASE, data, **{"Idempotency-Key": "k-1"})
    other = post(client, BASE, {"url": "https://other.example/"}, **{"Idempotency-Key": "k-1"})

    assert (first.status_code, second.status_code, other.status_code) == (201, 201, 422)
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert other.json()["code"] == "idempotency_key_reused"
    assert WebhookEndpoint.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"url": "http://erp.example/hooks"}, "url"),
        ({"url": "https://user:pw@erp.example/hooks"}, "url"),
        ({"url": "ftp://erp.example/hooks"}, "url"),
    ],
)
def test_unacceptable_urls_are_422(people: People, data: dict[str, Any], field: str) -> None:
    response = post(client_for(people.owner), BASE, data)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"
    assert response.json()["details"]["field"] == field
    assert WebhookEndpoint.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"url": "https://erp.example/", "event_types": ["order.shiped"]},
        {"url": "https://erp.example/", "event_types": ["ping"]},
        {"url": "https://erp.example/", "company_id": "00000000-0000-0000-0000-000000000001"},
        {"url": "https://erp.example/", "secret": "whsec_AAAA"},
        {"url": ""},
    ],
)
def test_bad_input_is_422(people: People, data: dict[str, Any]) -> None:
    response = post(client_for(people.owner), BASE, data)

    assert response.status_code == 422
    assert WebhookEndpoint.objects.count() == 0


def test_members_read_endpoints_but_only_managers_see_the_secret(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    WebhookEndpointFactory.create()  # another company's

    as_owner = client_for(people.owner).get(BASE).json()
    as_viewer = client_for(people.viewer).get(BASE).json()
    one_as_viewer = client_for(people.viewer).get(f"{BASE}/{endpoint.id}").json()

    assert as_owner["count"] == as_viewer["count"] == 1
    assert as_owner["results"][0]["secret"] == endpoint.secret
    assert as_viewer["results"][0]["secret"] is None
    assert one_as_viewer["secret"] is None
    assert one_as_viewer["url"] == endpoint.url


def test_patch_changes_only_the_given_fields(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company, event_types=["order.paid"])

    response = client_for(people.admin).patch(
        f"{BASE}/{endpoint.id}", {"is_active": False}, content_type="application/json"
    )

    assert response.status_code == 200
    assert (response.json()["is_active"], response.json()["event_types"]) == (False, ["order.paid"])
    endpoint.refresh_from_db()
    assert endpoint.is_active is False
    assert endpoint.event_types == ["order.paid"]


def test_delete_removes_the_endpoint_and_its_log(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    outbox_add(company_id=people.company.id, event_type="order.paid", payload={})

    response = client_for(people.owner).delete(f"{BASE}/{endpoint.id}")

    assert response.status_code == 204
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_rotate_secret_keeps_the_previous_one_for_a_day(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company)
    old = endpoint.secret

    response = post(client_for(people.owner), f"{BASE}/{endpoint.id}/rotate-secret")

    assert response.status_code == 200
    endpoint.refresh_from_db()
    assert response.json()["secret"] == endpoint.secret != old
    assert endpoint.previous_secret == old
    assert endpoint.previous_secret_expires_at is not None
    overlap = endpoint.previous_secret_expires_at - endpoint.updated_at
    assert timedelta(hours=23, minutes=59) < overlap < timedelta(hours=24, seconds=1)


def test_deliveries_with_attempts_then_resend(people: People) -> None:
    client = client_for(people.owner)
    with receiving((500, "busy"), (200, "ok")) as receiver:
        endpoint = WebhookEndpointFactory.create(company=people.company, url=receiver.url)
        event = outbox_add(company_id=people.company.id, event_type="order.paid", payload={"n": 1})
        assert event is not None
        deliveries_relay(unit=lambda: 0.5)

        listed = client.get(f"{BASE}/{endpoint.id}/deliveries").json()
        [delivery] = listed["results"]
        resent = post(client, f"{BASE}/{endpoint.id}/deliveries/{delivery['id']}/resend")
        deliveries_relay()

    assert listed["count"] == 1
    assert delivery["event_id"] == event.event_id
    assert delivery["event_type"] == "order.paid"
    assert delivery["status"] == DeliveryStatus.FAILED
    assert delivery["attempt_count"] == 1
    assert delivery["last_status_code"] == 500
    assert delivery["last_response_body"] == "busy"
    assert delivery["data"] == {"n": 1}
    assert [(a["status_code"], a["error"]) for a in delivery["attempts"]] == [(500, "")]
    assert resent.status_code == 200
    assert resent.json()["status"] == DeliveryStatus.PENDING
    assert [r.headers["webhook-id"] for r in receiver.requests] == [event.event_id] * 2
    succeeded = client.get(f"{BASE}/{endpoint.id}/deliveries?status=succeeded").json()
    assert succeeded["count"] == 1
    assert [a["status_code"] for a in succeeded["results"][0]["attempts"]] == [500, 200]
    assert client.get(f"{BASE}/{endpoint.id}/deliveries?status=failed").json()["count"] == 0


def test_send_a_test_event(people: People) -> None:
    with receiving() as receiver:
        endpoint = WebhookEndpointFactory.create(company=people.company, url=receiver.url)
        response = post(client_for(people.owner), f"{BASE}/{endpoint.id}/test")
        deliveries_relay()

    assert response.status_code == 201
    assert response.json()["event_type"] == "ping"
    assert response.json()["status"] == DeliveryStatus.PENDING
    [received] = receiver.requests
    assert Webhook(endpoint.secret).verify(received.body, received.headers)["type"] == "ping"


def test_a_test_event_to_a_disabled_endpoint_is_409(people: People) -> None:
    endpoint = WebhookEndpointFactory.create(company=people.company, is_active=False)

    response = post(client_for(people.owner), f"{BASE}/{endpoint.id}/test")

    assert response.status_code == 409
    assert response.json()["code"] == "webhook_endpoint_inactive"
    assert not OutboxEvent.objects.exists()


def test_the_limit_of_endpoints(people: People) -> None:
    for n in range(20):
        WebhookEndpointFactory.create(company=people.company, url=f"https://h{n}.example/")

    response = post(client_for(people.owner), BASE, {"url": "https://one-more.example/"})

    assert response.status_code == 409
    assert response.json()["code"] == "webhook_endpoint_limit"
    assert WebhookEndpoint.objects.count() == 20
