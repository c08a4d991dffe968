"""Background work of RFQs: the deadline run, every minute (Celery beat in config/celery.py;
the database worker's timer through core.periodic). See docs/tasks.md."""

import logging

from django.tasks import task
from django.utils import timezone

from tradebridge.rfq.services.quotes import quotes_expire
from tradebridge.rfq.services.rfq_statuses import rfq_deadlines_close

logger = logging.getLogger(__name__)


@task()
def rfq_deadlines_run() -> dict[str, int]:
    """Close open RFQs past their quote deadline, then expire quotes past their validity.
    Idempotent: what is already closed or expired is left alone."""
    now = timezone.now()
    done = {"rfqs_closed": rfq_deadlines_close(now=now), "quotes_expired": quotes_expire(now=now)}
    if any(done.values()):
        logger.info("RFQ deadlines: %(rfqs_closed)s closed, %(quotes_expired)s expired", done)
    return done
