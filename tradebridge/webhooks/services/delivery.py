"""The relay: claim due deliveries, post each one signed, record the outcome and the next try.

At least once: a delivery is claimed (its `next_attempt_at` pushed a lease ahead) in a short
transaction under `SELECT ... FOR UPDATE SKIP LOCKED`, posted outside any transaction, and its
outcome recorded in another. A relay that dies after the claim leaves the delivery due again
when the lease ends; receivers dedupe on `webhook-id`, which never changes for an event.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import random
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from tradebridge.core.transitions import ensure_transition
from tradebridge.webhooks.backoff import retry_delay
from tradebridge.webhooks.destinations import DestinationRefused, destination_resolve
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from tradebridge.webhooks.signing import event_body, signed_headers
from tradebridge.webhooks.transitions import DELIVERY_DUE_STATUSES, DELIVERY_TRANSITIONS
from tradebridge.webhooks.transport import RESPONSE_BODY_CAP, PostResult, http_post

logger = logging.getLogger(__name__)

# How long a claimed delivery stays out of other relays' sight: longer than one POST can take.
CLAIM_LEASE = timedelta(minutes=2)
RELAY_BATCH = 100


@dataclass(slots=True)
class RelayReport:
    succeeded: int = 0
    failed: int = 0
    dead: int = 0
    errors: int = 0  # unexpected exceptions (logged); the delivery is due again after the lease

    def count(self, status: DeliveryStatus | None) -> None:
        if status == DeliveryStatus.SUCCEEDED:
            self.succeeded += 1
        elif status == DeliveryStatus.FAILED:
            self.failed += 1
        elif status == DeliveryStatus.DEAD:
            self.dead += 1


def deliveries_relay(
    *, now: datetime | None = None, limit: int = RELAY_BATCH, unit: Callable[[], float] = random
) -> RelayReport:
    """Post up to `limit` due deliveries of active endpoints, oldest due first. `now` fixes
    the clock (tests); `unit` is the jitter source of the backoff. Safe to run in parallel."""
    report = RelayReport()
    for delivery_id in _deliveries_claim(now=now or timezone.now(), limit=limit):
        try:
            report.count(delivery_attempt(delivery_id=delivery_id, now=now, unit=unit))
        except Exception:  # one broken delivery must not hold up the others
            logger.exception("Webhook delivery %s failed unexpectedly", delivery_id)
            report.errors += 1
    return report


def _deliveries_claim(*, now: datetime, limit: int) -> list[UUID]:
    with transaction.atomic():
        ids = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status__in=DELIVERY_DUE_STATUSES,
                next_attempt_at__lte=now,
                endpoint__is_active=True,
            )
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        WebhookDelivery.objects.filter(id__in=ids).update(next_attempt_at=now + CLAIM_LEASE)
    return ids


def signing_secrets(endpoint: WebhookEndpoint, *, now: datetime) -> list[str]:
    """The secrets that sign at `now`: the current one, and the previous one during the
    overlap after a rotation."""
    secrets = [endpoint.secret]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires is not None and now < expires:
        secrets.append(endpoint.previous_secret)
    return secrets


def delivery_attempt(
    *, delivery_id: UUID, now: datetime | None = None, unit: Callable[[], float] = random
) -> DeliveryStatus | None:
    """Post one delivery now (it must be claimed or otherwise kept from other relays) and
    record the outcome; return the new status (None if the delivery was deleted meanwhile)."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint", "event").filter(pk=delivery_id).first()
    )
    if delivery is None:
        return None
    attempted_at = now or timezone.now()
    result = _post(delivery, attempted_at=attempted_at)
    return _outcome_record(delivery_id=delivery_id, result=result, now=attempted_at, unit=unit)


def _post(delivery: WebhookDelivery, *, attempted_at: datetime) -> PostResult:
    endpoint, event = delivery.endpoint, delivery.event
    try:
        destination = destination_resolve(endpoint.url)
    except DestinationRefused as exc:
        return PostResult(status_code=None, body="", error=f"Refused: {exc}", duration_ms=0)
    body = event_body(
        event_id=event.event_id,
        event_type=event.event_type,
        created_at=event.created_at,
        data=event.payload,
    )
    headers = signed_headers(
        msg_id=event.event_id,
        timestamp=attempted_at,
        body=body,
        secrets=signing_secrets(endpoint, now=attempted_at),
    )
    return http_post(destination=destination, body=body.encode(), headers=headers)


def _outcome_record(
    *, delivery_id: UUID, result: PostResult, now: datetime, unit: Callable[[], float]
) -> DeliveryStatus | None:
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            return None
        WebhookAttempt.objects.create(
            delivery=delivery,
            attempted_at=now,
            status_code=result.status_code,
            duration_ms=result.duration_ms,
            error=result.error[:500],
            response_body=result.body[:RESPONSE_BODY_CAP],
        )
        target = _next_state(delivery, result=result, now=now, unit=unit)
        ensure_transition(
            DELIVERY_TRANSITIONS, current=DeliveryStatus(delivery.status), target=target
        )
        delivery.status = target
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.last_status_code = result.status_code
        delivery.last_error = result.error[:500]
        delivery.last_response_body = result.body[:RESPONSE_BODY_CAP]
        delivery.save()
    return target


def _next_state(
    delivery: WebhookDelivery, *, result: PostResult, now: datetime, unit: Callable[[], float]
) -> DeliveryStatus:
    """Set the schedule fields of `delivery` for `result`; return its next status."""
    if result.status_code is not None and 200 <= result.status_code < 300:
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        delivery.retry_count = 0
        return DeliveryStatus.SUCCEEDED
    delivery.retry_count += 1
    delay = retry_delay(delivery.retry_count, unit=unit)
    if delay is None:
        delivery.next_attempt_at = None
        return DeliveryStatus.DEAD
    delivery.next_attempt_at = now + delay
    return DeliveryStatus.FAILED
