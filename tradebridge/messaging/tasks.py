"""Background work of messaging: the unread e-mails (every minute) and the suppliers'
response stats (after each change, and daily for all). Periodic runs: Celery beat
(config/celery.py) or the database worker's timer (core.periodic). See docs/tasks.md."""

import logging
import uuid

from django.tasks import task
from django.utils import timezone

from tradebridge.messaging.services import (
    message_unread_notify,
    supplier_response_stats_refresh,
    supplier_response_stats_refresh_all,
)

logger = logging.getLogger(__name__)


@task()
def notify_unread_messages() -> int:
    """Every minute: schedule the e-mails about messages unread past the delay. Idempotent."""
    scheduled = message_unread_notify(now=timezone.now())
    if scheduled:
        logger.info("Scheduled %s unread-message e-mails", scheduled)
    return scheduled


@task()
def refresh_supplier_response_stats(*, supplier_id: str) -> None:
    """Recompute one supplier's response stats (after a request was opened or answered)."""
    supplier_response_stats_refresh(supplier_id=uuid.UUID(supplier_id), now=timezone.now())


@task()
def refresh_all_response_stats() -> int:
    """Daily: recompute every supplier's stats, as requests leave the 90-day window."""
    return supplier_response_stats_refresh_all(now=timezone.now())
