"""Retention of the outbox and the delivery log: an event whose deliveries are all finished
(succeeded or given up) and untouched for WEBHOOKS_RETENTION_DAYS goes, with its deliveries
and their attempts. Registered with core's daily housekeeping (`tradebridge prune`, the
database worker's timer, Celery beat) in `WebhooksConfig.ready()`.

An event with a delivery still pending or failed (a retry is due) is never deleted, nor one
whose delivery was resent or attempted within the retention. Events go in batches of
`PRUNE_BATCH`, each in its own short transaction: the batch's deliveries are locked and
checked again before anything is deleted, so a resend racing the prune either wins (the
event stays) or finds the delivery gone (404), never a half-deleted event.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from tradebridge.webhooks.models import OutboxEvent, WebhookDelivery
from tradebridge.webhooks.transitions import DELIVERY_DUE_STATUSES

PRUNE_BATCH = 500


def webhook_events_prune(
    *, now: datetime, retention_days: int | None = None, batch_size: int = PRUNE_BATCH
) -> int:
    """Delete the events created, and whose deliveries were last changed, more than
    `retention_days` (default WEBHOOKS_RETENTION_DAYS) before `now`, none of them pending or
    failed; their deliveries and attempts go with them. Return how many events went.
    Idempotent; safe beside the relay, resends and another prune. Raises ValueError for a
    retention under one day."""
    days = settings.WEBHOOKS_RETENTION_DAYS if retention_days is None else retention_days
    if days < 1:
        raise ValueError(f"The webhook retention must be at least one day, not {days}.")
    cutoff = now - timedelta(days=days)
    pruned, after = 0, 0
    while True:
        ids = _expired_event_ids(cutoff=cutoff, after=after, limit=batch_size)
        if ids:
            pruned += _events_delete(ids, cutoff=cutoff)
        if len(ids) < batch_size:
            return pruned
        after = ids[-1]


def _kept(cutoff: datetime) -> Q:
    """Deliveries that keep their event: a retry still due, or activity since `cutoff`."""
    return Q(status__in=DELIVERY_DUE_STATUSES) | Q(updated_at__gte=cutoff)


def _expired_event_ids(*, cutoff: datetime, after: int, limit: int) -> list[int]:
    kept = WebhookDelivery.objects.filter(_kept(cutoff), event_id=OuterRef("pk"))
    return list(
        OutboxEvent.objects.filter(id__gt=after, created_at__lt=cutoff)
        .exclude(Exists(kept))
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )


def _events_delete(ids: list[int], *, cutoff: datetime) -> int:
    """Lock the events' deliveries (reading them as committed once the lock is ours), keep
    the events that gained a kept delivery since they were chosen, delete the rest (their
    deliveries and attempts cascade: a batch's rows are the most ever held in memory).
    Returns how many events went."""
    with transaction.atomic():
        deliveries = WebhookDelivery.objects.select_for_update().filter(event_id__in=ids)
        kept = {
            event_id
            for event_id, status, updated_at in deliveries.values_list(
                "event_id", "status", "updated_at"
            )
            if status in DELIVERY_DUE_STATUSES or updated_at >= cutoff
        }
        gone = [event_id for event_id in ids if event_id not in kept]
        _, deleted = OutboxEvent.objects.filter(id__in=gone).delete()  # cascades
    return deleted.get(OutboxEvent._meta.label, 0)
