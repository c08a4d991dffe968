"""The delivery log costs the same number of queries for 1 delivery as for 10 (each with its
attempts), through the API and on the endpoint's page."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tradebridge.webhooks.models import WebhookAttempt, WebhookEndpoint
from tradebridge.webhooks.services import outbox_add
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def _deliveries(people: People, count: int) -> None:
    for _ in range(count):
        event = outbox_add(company_id=people.company.id, event_type="order.paid", payload={})
        assert event is not None
        for code in (500, 502):
            WebhookAttempt.objects.create(
                delivery=event.deliveries.get(), attempted_at=timezone.now(), status_code=code
            )


def _queries(fetch: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return len(queries)


@pytest.mark.parametrize("surface", ["api", "page"])
def test_the_log_does_not_grow_in_queries(people: People, surface: str) -> None:
    endpoint: WebhookEndpoint = WebhookEndpointFactory.create(company=people.company)
    client = Client()
    client.force_login(people.owner.user)
    path = (
        f"/api/v1/webhook-endpoints/{endpoint.id}/deliveries"
        if surface == "api"
        else reverse("webhook", args=[endpoint.id])
    )
    client.get(path)  # warm the session and the caches
    _deliveries(people, 1)
    one = _queries(lambda: client.get(path))
    _deliveries(people, 9)
    ten = _queries(lambda: client.get(path))

    assert one == ten
