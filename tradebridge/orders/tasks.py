"""Background work of orders: the order timers, every minute (Celery beat in
config/celery.py; the database worker's timer through core.periodic). See docs/tasks.md."""

import logging

from django.tasks import task
from django.utils import timezone

from tradebridge.orders.services.timers import orders_timers_run as orders_timers_apply

logger = logging.getLogger(__name__)


@task()
def orders_timers_run() -> dict[str, int]:
    """Apply every order deadline due now (confirmation, deposit, shipping, protection window,
    long transit, balance overdue and its grace).
    Idempotent: an order already moved is left alone."""
    done = orders_timers_apply(now=timezone.now())
    if any(done.values()):
        logger.info("Order timers: %s", ", ".join(f"{k} {v}" for k, v in done.items() if v))
    return done
