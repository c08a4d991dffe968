"""Background work of webhooks: the relay, enqueued after each commit that adds deliveries and
run every minute (Celery beat in config/celery.py; the database worker's timer through
core.periodic), so a lost enqueue only delays a delivery."""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def webhooks_relay() -> dict[str, int]:
    """Post every due delivery (at least once each). Safe to run twice and in parallel:
    deliveries are claimed under row locks (skipped when another relay holds them)."""
    # Imported here: the outbox service imports this module to enqueue the task.
    from tradebridge.webhooks.services.delivery import deliveries_relay

    report = deliveries_relay()
    done = {"succeeded": report.succeeded, "failed": report.failed, "dead": report.dead}
    if any(done.values()):
        logger.info("Webhooks: %(succeeded)s delivered, %(failed)s failed, %(dead)s dead", done)
    return done
