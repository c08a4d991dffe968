"""Background work of disputes: the escalation timer, every minute (Celery beat in
config/celery.py; the database worker's timer through core.periodic, registered in
PaymentsConfig.ready())."""

import logging

from django.tasks import task
from django.utils import timezone

from tradebridge.payments.services.disputes import disputes_timers_run

logger = logging.getLogger(__name__)


@task()
def disputes_timers_task() -> int:
    """Escalate the disputes past their `escalate_by`. Idempotent."""
    escalated = disputes_timers_run(now=timezone.now())
    if escalated:
        logger.info("Disputes escalated automatically: %s", escalated)
    return escalated
