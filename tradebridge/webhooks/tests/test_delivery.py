"""The relay against a real HTTP receiver on 127.0.0.1: Standard Webhooks signatures checked
with the `standardwebhooks` library's own verifier, retries with the same `webhook-id` on the
backoff schedule (injected clock, no jitter), every attempt logged, dead after the schedule,
redirects not followed, answers capped, resend and test events."""

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tradebridge.core.periodic import periodic_jobs
from tradebridge.webhooks.enums import DeliveryStatus, EventType
from tradebridge.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from tradebridge.webhooks.services import (
    deliveries_relay,
    outbox_add,
    webhook_delivery_resend,
    webhook_endpoint_secret_rotate,
    webhook_endpoint_test,
)
from tradebridge.webhooks.services.delivery import CLAIM_LEASE, _deliveries_claim
from tradebridge.webhooks.tasks import webhooks_relay
from tradebridge.webhooks.tests.conftest import People
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory
from tradebridge.webhooks.tests.receiver import Received, Receiver, receiving
from tradebridge.webhooks.transport import RESPONSE_BODY_CAP

pytestmark = pytest.mark.django_db

NO_JITTER: Callable[[], float] = lambda: 0.5  # noqa: E731  # a named constant reads best here


def _endpoint(people: People, receiver: Receiver, **fields: object) -> WebhookEndpoint:
    return WebhookEndpointFactory.create(company=people.company, url=receiver.url, **fields)


def _order_created(people: People) -> WebhookDelivery:
    event = outbox_add(
        company_id=people.company.id,
        event_type=EventType.ORDER_CREATED,
        payload={"order_id": "9f1c", "reference": "ORD-7KX2M9QH"},
    )
    assert event is not None
    return WebhookDelivery.objects.get(event=event)


def _verify(secret: str, received: Received) -> object:
    return Webhook(secret).verify(received.body, received.headers)


def test_a_delivery_is_signed_as_standard_webhooks_verifies_it(people: People) -> None:
    with receiving((200, "thanks")) as receiver:
        endpoint = _endpoint(people, receiver)
        delivery = _order_created(people)

        report = deliveries_relay()

    assert (report.succeeded, report.failed, report.dead) == (1, 0, 0)
    [received] = receiver.requests
    assert received.path == "/hooks"
    assert received.headers["webhook-id"] == delivery.event.event_id
    assert received.headers["content-type"] == "application/json"
    assert received.headers["webhook-signature"].startswith("v1,")
    assert " " not in received.headers["webhook-signature"]
    assert _verify(endpoint.secret, received) == {
        "id": delivery.event.event_id,
        "type": "order.created",
        "timestamp": delivery.event.created_at.isoformat().replace("+00:00", "Z"),
        "data": {"order_id": "9f1c", "reference": "ORD-7KX2M9QH"},
    }
    with pytest.raises(WebhookVerificationError):
        _verify(WebhookEndpointFactory.create().secret, received)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)
    assert delivery.last_response_body == "thanks"
    assert delivery.next_attempt_at is None
    assert delivery.delivered_at is not None


def test_three_failures_then_success_on_the_backoff_schedule(people: People) -> None:
    with receiving((500, "down"), (500, "down"), (500, "down"), (200, "ok")) as receiver:
        _endpoint(people, receiver)
        delivery = _order_created(people)
        t0 = timezone.now()
        due_times = []
        for at in (t0, t0 + timedelta(seconds=30), t0 + timedelta(seconds=150)):
            deliveries_relay(now=at, unit=NO_JITTER)
            delivery.refresh_from_db()
            assert delivery.status == DeliveryStatus.FAILED
            assert delivery.next_attempt_at is not None
            due_times.append(delivery.next_attempt_at - at)
            # Not due a moment before the next attempt time: nothing is sent.
            early = deliveries_relay(now=delivery.next_attempt_at - timedelta(seconds=1))
            assert (early.succeeded, early.failed, early.dead) == (0, 0, 0)
        deliveries_relay(now=t0 + timedelta(seconds=750), unit=NO_JITTER)

    assert due_times == [timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10)]
    assert [r.headers["webhook-id"] for r in receiver.requests] == [delivery.event.event_id] * 4
    assert len({r.body for r in receiver.requests}) == 1  # the same bytes every time
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert (delivery.attempts, delivery.retry_count, delivery.last_status_code) == (4, 0, 200)
    attempts = list(delivery.attempt_log.order_by("attempted_at"))
    assert [a.status_code for a in attempts] == [500, 500, 500, 200]
    assert [a.attempted_at - t0 for a in attempts] == [
        timedelta(0),
        timedelta(seconds=30),
        timedelta(seconds=150),
        timedelta(seconds=750),
    ]
    assert [a.response_body for a in attempts] == ["down", "down", "down", "ok"]


def test_dead_after_the_last_retry(people: People) -> None:
    with receiving((503, "")) as receiver:
        _endpoint(people, receiver)
        delivery = _order_created(people)
        at = timezone.now()
        for _ in range(7):
            deliveries_relay(now=at, unit=NO_JITTER)
            delivery.refresh_from_db()
            at = delivery.next_attempt_at or at
        after = deliveries_relay(now=at + timedelta(days=30))

    assert len(receiver.requests) == 7
    assert (after.succeeded, after.failed, after.dead) == (0, 0, 0)
    assert delivery.status == DeliveryStatus.DEAD
    assert (delivery.attempts, delivery.retry_count) == (7, 7)
    assert delivery.next_attempt_at is None
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 7


def test_the_jitter_stays_within_ten_percent(people: People) -> None:
    with receiving((500, "")) as receiver:
        _endpoint(people, receiver)
        delivery = _order_created(people)
        now = timezone.now()
        deliveries_relay(now=now, unit=lambda: 0.0)
        delivery.refresh_from_db()
        assert delivery.next_attempt_at == now + timedelta(seconds=27)
        deliveries_relay(now=delivery.next_attempt_at, unit=lambda: 0.999)
        previous = delivery.next_attempt_at
        delivery.refresh_from_db()

    assert delivery.next_attempt_at is not None
    assert timedelta(seconds=131) < delivery.next_attempt_at - previous < timedelta(seconds=132)


def test_during_a_rotation_both_secrets_verify(people: People) -> None:
    with receiving((200, "")) as receiver:
        endpoint = _endpoint(people, receiver)
        old_secret = endpoint.secret
        rotated = webhook_endpoint_secret_rotate(actor=people.owner, endpoint_id=endpoint.id)
        _order_created(people)
        deliveries_relay()

    [received] = receiver.requests
    assert rotated.secret != old_secret
    assert len(received.headers["webhook-signature"].split(" ")) == 2
    assert _verify(rotated.secret, received) is not None
    assert _verify(old_secret, received) is not None


def test_after_the_overlap_only_the_new_secret_signs(people: People) -> None:
    with receiving((200, "")) as receiver:
        endpoint = _endpoint(people, receiver)
        old_secret = endpoint.secret
        rotated = webhook_endpoint_secret_rotate(
            actor=people.owner,
            endpoint_id=endpoint.id,
            now=timezone.now() - timedelta(hours=24, seconds=1),
        )
        _order_created(people)
        deliveries_relay()

    [received] = receiver.requests
    assert len(received.headers["webhook-signature"].split(" ")) == 1
    assert _verify(rotated.secret, received) is not None
    with pytest.raises(WebhookVerificationError):
        _verify(old_secret, received)


def test_a_redirect_is_not_followed(people: People) -> None:
    with receiving((302, "")) as receiver:
        receiver.extra_headers["location"] = "http://169.254.169.254/latest/meta-data"
        _endpoint(people, receiver)
        delivery = _order_created(people)
        deliveries_relay(unit=NO_JITTER)

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.FAILED, 302)


def test_the_answer_kept_is_capped(people: People) -> None:
    with receiving((500, "x" * 50_000)) as receiver:
        _endpoint(people, receiver)
        delivery = _order_created(people)
        deliveries_relay()

    delivery.refresh_from_db()
    assert delivery.last_response_body == "x" * RESPONSE_BODY_CAP
    assert delivery.attempt_log.get().response_body == "x" * RESPONSE_BODY_CAP


def test_no_answer_is_a_failed_attempt_with_the_error(people: People) -> None:
    with receiving() as receiver:
        url = receiver.url
    endpoint = WebhookEndpointFactory.create(company=people.company, url=url)  # server gone
    delivery = _order_created(people)

    deliveries_relay(unit=NO_JITTER)

    delivery.refresh_from_db()
    assert delivery.endpoint_id == endpoint.id
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code is None
    assert delivery.last_error == "Could not connect."
    attempt = delivery.attempt_log.get()
    assert (attempt.status_code, attempt.error) == (None, "Could not connect.")


def test_a_disabled_endpoint_gets_nothing_until_enabled(people: People) -> None:
    with receiving() as receiver:
        endpoint = _endpoint(people, receiver)
        delivery = _order_created(people)
        WebhookEndpoint.objects.filter(id=endpoint.id).update(is_active=False)
        deliveries_relay()
        assert receiver.requests == []
        WebhookEndpoint.objects.filter(id=endpoint.id).update(is_active=True)
        deliveries_relay()

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED


def test_resend_posts_the_same_event_again(people: People) -> None:
    with receiving() as receiver:
        endpoint = _endpoint(people, receiver)
        delivery = _order_created(people)
        deliveries_relay()
        resent = webhook_delivery_resend(
            actor=people.admin, endpoint_id=endpoint.id, delivery_id=delivery.id
        )
        assert resent.status == DeliveryStatus.PENDING
        deliveries_relay()

    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.event.event_id
    assert first.body == second.body
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 2)


def test_resend_of_a_dead_delivery_starts_the_schedule_again(people: People) -> None:
    with receiving((500, "")) as receiver:
        endpoint = _endpoint(people, receiver)
        delivery = _order_created(people)
        WebhookDelivery.objects.filter(id=delivery.id).update(
            status=DeliveryStatus.DEAD, retry_count=7, attempts=7, next_attempt_at=None
        )
        now = timezone.now()
        webhook_delivery_resend(
            actor=people.owner, endpoint_id=endpoint.id, delivery_id=delivery.id, now=now
        )
        deliveries_relay(now=now, unit=NO_JITTER)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.retry_count) == (
        DeliveryStatus.FAILED,
        8,
        1,
    )
    assert delivery.next_attempt_at == now + timedelta(seconds=30)


def test_a_test_event_goes_to_that_endpoint_only(people: People) -> None:
    with receiving() as receiver, receiving() as other_receiver:
        endpoint = _endpoint(people, receiver, event_types=["dispute.opened"])
        _endpoint(people, other_receiver)
        delivery = webhook_endpoint_test(actor=people.owner, endpoint_id=endpoint.id)
        deliveries_relay()

    assert other_receiver.requests == []
    [received] = receiver.requests
    assert _verify(endpoint.secret, received) == json.loads(received.body)
    body = json.loads(received.body)
    assert body["type"] == EventType.PING == delivery.event.event_type
    assert body["data"] == {
        "endpoint_id": str(endpoint.id),
        "message": "Test event from Tradebridge.",
    }


def test_the_task_runs_the_relay(people: People) -> None:
    with receiving() as receiver:
        _endpoint(people, receiver)
        _order_created(people)
        result = webhooks_relay.enqueue()

    assert result.return_value == {"succeeded": 1, "failed": 0, "dead": 0}
    assert len(receiver.requests) == 1


def test_the_relay_runs_after_the_commit_that_adds_the_event(
    people: People, django_capture_on_commit_callbacks: object
) -> None:
    with receiving() as receiver:
        _endpoint(people, receiver)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            delivery = _order_created(people)

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED


def test_a_claimed_delivery_is_due_again_after_the_lease(people: People) -> None:
    """A relay that died after claiming leaves the delivery due once the lease ends."""
    with receiving() as receiver:
        _endpoint(people, receiver)
        delivery = _order_created(people)
        now = timezone.now()
        assert _deliveries_claim(now=now, limit=10) == [delivery.id]  # and the relay "dies"
        assert _deliveries_claim(now=now + CLAIM_LEASE - timedelta(seconds=1), limit=10) == []
        deliveries_relay(now=now + CLAIM_LEASE)

    assert len(receiver.requests) == 1


def test_the_relay_is_a_periodic_job_every_minute() -> None:
    # Celery beat's entry ("webhooks-relay") is checked by tests/test_celery_beat.py.
    [job] = [job for job in periodic_jobs() if job.name == "webhook deliveries"]
    assert job.every == timedelta(minutes=1)


def test_one_broken_delivery_does_not_hold_up_the_others(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tradebridge.webhooks.services import delivery as relay_module

    with receiving() as receiver:
        _endpoint(people, receiver)
        broken, fine = _order_created(people), _order_created(people)
        real_post = relay_module._post

        def post(delivery: WebhookDelivery, *, attempted_at: object) -> object:
            if delivery.id == broken.id:
                raise RuntimeError("boom")
            return real_post(delivery, attempted_at=attempted_at)  # type: ignore[arg-type]

        monkeypatch.setattr(relay_module, "_post", post)
        report = deliveries_relay()

    assert (report.succeeded, report.errors) == (1, 1)
    fine.refresh_from_db()
    broken.refresh_from_db()
    assert fine.status == DeliveryStatus.SUCCEEDED
    assert broken.status == DeliveryStatus.PENDING  # due again when its claim lapses
    assert broken.next_attempt_at is not None
