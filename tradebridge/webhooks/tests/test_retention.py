"""Retention of the outbox and the delivery log (`webhook_events_prune`): events whose
deliveries all finished and sat untouched past WEBHOOKS_RETENTION_DAYS go, with their
deliveries and attempts, in batches; anything still pending or retrying stays. The daily
housekeeping runs it; the delivery log and the API show what is left."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from tradebridge.core.services.pruning import prune_expired
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models import (
    OutboxEvent,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from tradebridge.webhooks.services import webhook_events_prune
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FINISHED = (DeliveryStatus.SUCCEEDED, DeliveryStatus.DEAD)


def _event(
    endpoints: list[WebhookEndpoint],
    statuses: tuple[DeliveryStatus, ...],
    *,
    age_days: float,
    touched_days: float | None = None,
) -> OutboxEvent:
    """An event created `age_days` before NOW with one delivery per status (one attempt each),
    the deliveries last changed `touched_days` before NOW (default: when the event was)."""
    event = OutboxEvent.objects.create(
        company_id=endpoints[0].company_id,
        event_type="order.paid",
        created_at=NOW - timedelta(days=age_days),
    )
    for endpoint, status in zip(endpoints, statuses, strict=False):
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, status=status)
        WebhookAttempt.objects.create(
            delivery=delivery, attempted_at=event.created_at, status_code=200
        )
    touched = age_days if touched_days is None else touched_days
    WebhookDelivery.objects.filter(event=event).update(updated_at=NOW - timedelta(days=touched))
    return event


def _left() -> tuple[set[int], int, int]:
    return (
        set(OutboxEvent.objects.values_list("id", flat=True)),
        WebhookDelivery.objects.count(),
        WebhookAttempt.objects.count(),
    )


@pytest.fixture
def endpoints(people: People) -> list[WebhookEndpoint]:
    return [WebhookEndpointFactory.create(company=people.company) for _ in range(2)]


@pytest.mark.django_db
@pytest.mark.parametrize("finished", FINISHED)
def test_a_finished_event_past_the_retention_goes_with_its_deliveries_and_attempts(
    endpoints: list[WebhookEndpoint], finished: DeliveryStatus
) -> None:
    old = _event(endpoints, (finished, DeliveryStatus.SUCCEEDED), age_days=31)
    recent = _event(endpoints, (finished,), age_days=29)

    assert webhook_events_prune(now=NOW, retention_days=30) == 1

    assert _left() == ({recent.id}, 1, 1)
    assert not WebhookDelivery.objects.filter(event_id=old.id).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("open_status", [DeliveryStatus.PENDING, DeliveryStatus.FAILED])
def test_an_event_with_a_delivery_pending_or_retrying_is_never_pruned(
    endpoints: list[WebhookEndpoint], open_status: DeliveryStatus
) -> None:
    alone = _event(endpoints, (open_status,), age_days=400)
    beside_a_finished_one = _event(endpoints, (DeliveryStatus.SUCCEEDED, open_status), age_days=400)

    assert webhook_events_prune(now=NOW, retention_days=30) == 0

    assert _left() == ({alone.id, beside_a_finished_one.id}, 3, 3)


@pytest.mark.django_db
def test_an_old_event_resent_within_the_retention_stays(
    endpoints: list[WebhookEndpoint],
) -> None:
    resent = _event(endpoints, (DeliveryStatus.SUCCEEDED,), age_days=90, touched_days=2)

    assert webhook_events_prune(now=NOW, retention_days=30) == 0
    assert webhook_events_prune(now=NOW + timedelta(days=28, seconds=1), retention_days=30) == 1
    assert not OutboxEvent.objects.filter(id=resent.id).exists()


@pytest.mark.django_db
def test_the_retention_is_counted_to_the_second(endpoints: list[WebhookEndpoint]) -> None:
    _event(endpoints, (DeliveryStatus.SUCCEEDED,), age_days=30)

    assert webhook_events_prune(now=NOW, retention_days=30) == 0
    assert webhook_events_prune(now=NOW + timedelta(seconds=1), retention_days=30) == 1


@pytest.mark.django_db
def test_an_event_left_without_deliveries_goes_when_old(endpoints: list[WebhookEndpoint]) -> None:
    orphan = _event(endpoints, (), age_days=31)  # its endpoint was removed

    assert webhook_events_prune(now=NOW, retention_days=30) == 1
    assert not OutboxEvent.objects.filter(id=orphan.id).exists()


@pytest.mark.django_db
def test_events_go_in_batches_of_short_transactions(
    endpoints: list[WebhookEndpoint], django_assert_num_queries
) -> None:
    kept = _event(endpoints, (DeliveryStatus.FAILED,), age_days=60)
    for _ in range(5):
        _event(endpoints, FINISHED, age_days=60)

    # Per batch of two: choose the events, lock and read their deliveries, read the events and
    # their deliveries, delete attempts, deliveries, events; the savepoint pair of the batch's
    # transaction. Three batches; the last, short, ends the run.
    with django_assert_num_queries(3 * 9):
        assert webhook_events_prune(now=NOW, retention_days=30, batch_size=2) == 5

    assert _left() == ({kept.id}, 1, 1)
    assert webhook_events_prune(now=NOW, retention_days=30, batch_size=2) == 0


@pytest.mark.django_db
def test_the_retention_comes_from_the_settings(endpoints: list[WebhookEndpoint]) -> None:
    _event(endpoints, (DeliveryStatus.DEAD,), age_days=10)

    assert webhook_events_prune(now=NOW) == 0  # the default keeps 30 days
    with override_settings(WEBHOOKS_RETENTION_DAYS=7):
        assert webhook_events_prune(now=NOW) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("days", [0, -3])
def test_a_retention_under_a_day_is_refused(endpoints: list[WebhookEndpoint], days: int) -> None:
    _event(endpoints, (DeliveryStatus.SUCCEEDED,), age_days=1)

    with pytest.raises(ValueError, match="at least one day"):
        webhook_events_prune(now=NOW, retention_days=days)
    assert OutboxEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_daily_housekeeping_prunes_webhook_events(endpoints: list[WebhookEndpoint]) -> None:
    _event(endpoints, FINISHED, age_days=45)
    _event(endpoints, (DeliveryStatus.SUCCEEDED,), age_days=1)

    summary = prune_expired(now=NOW)

    assert summary.registered["webhook events (with their deliveries and attempts)"] == 1
    assert OutboxEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_delivery_log_and_the_api_show_what_is_left(
    people: People, endpoints: list[WebhookEndpoint]
) -> None:
    endpoint = endpoints[0]
    pruned = _event([endpoint], (DeliveryStatus.SUCCEEDED,), age_days=45)
    pruned_delivery = WebhookDelivery.objects.get(event=pruned)
    kept = _event([endpoint], (DeliveryStatus.DEAD,), age_days=3)
    webhook_events_prune(now=NOW, retention_days=30)
    client = Client()
    client.force_login(people.owner.user)
    api = f"/api/v1/webhook-endpoints/{endpoint.id}/deliveries"

    listed = client.get(api).json()
    page = client.get(reverse("webhook", args=[endpoint.id])).content.decode()
    resend = client.post(f"{api}/{pruned_delivery.id}/resend", content_type="application/json")

    assert (listed["count"], [row["event_id"] for row in listed["results"]]) == (
        1,
        [kept.event_id],
    )
    assert kept.event_id in page
    assert pruned.event_id not in page
    assert "Deliveries that succeeded or were given up are kept for 30 days." in page
    assert (resend.status_code, resend.json()["code"]) == (404, "not_found")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_resend_racing_the_prune_keeps_the_event(endpoints: list[WebhookEndpoint]) -> None:
    event = _event(endpoints, (DeliveryStatus.DEAD,), age_days=60)
    resent, release, pruned = threading.Event(), threading.Event(), []

    def resend_slowly() -> None:
        """What `webhook_delivery_resend` does, holding the row until the prune waits on it."""
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.select_for_update().get(event=event)
                delivery.status = DeliveryStatus.PENDING
                delivery.save(update_fields=["status", "updated_at"])
                resent.set()
                release.wait(timeout=20)
        finally:
            connection.close()

    def prune() -> None:
        try:
            pruned.append(webhook_events_prune(now=NOW, retention_days=30))
        finally:
            connection.close()

    resender = threading.Thread(target=resend_slowly)
    resender.start()
    assert resent.wait(timeout=10)
    pruner = threading.Thread(target=prune)
    pruner.start()
    waited = _a_session_waits_on_a_lock()
    release.set()
    resender.join(timeout=20)
    pruner.join(timeout=20)

    assert (waited, pruned) == (True, [0])
    assert WebhookDelivery.objects.get(event=event).status == DeliveryStatus.PENDING


def _a_session_waits_on_a_lock() -> bool:
    """Whether another session comes to wait on a row lock (the prune, on the resent row)
    within ten seconds. Asked outside any transaction: each query sees fresh statistics."""
    for _ in range(200):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return True
        threading.Event().wait(0.05)
    return False
