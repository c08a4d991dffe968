"""The Celery app for the scale-out deployment (TASKS_BACKEND=celery).

Django tasks (`@task` from django.tasks) are sent through django-tasks-celery; this app
only carries the broker settings (`CELERY_*` in Django settings) and the periodic
schedule. Run workers with `tradebridge worker` (add `--beat` on exactly one of them).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("tradebridge")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Importing each app's tasks module registers its Django tasks with Celery.
app.autodiscover_tasks(related_name="tasks")

app.conf.beat_schedule = {
    # Disputes the supplier left unanswered escalate to the operator at their escalate_by.
    "dispute-auto-escalation": {
        "task": "tradebridge.payments.dispute_tasks.disputes_timers_task",
        "schedule": crontab(),  # every minute
    },
    "prune-expired-records": {
        "task": "tradebridge.core.tasks.prune_expired_records",
        "schedule": crontab(hour=3, minute=17),
    },
    "refresh-planner-statistics": {
        "task": "tradebridge.core.tasks.refresh_planner_statistics",
        "schedule": crontab(hour=3, minute=47),
    },
    # The ECB publishes around 16:00 CET on TARGET business days.
    "fetch-fx-rates": {
        "task": "tradebridge.core.tasks.fetch_fx_rates",
        "schedule": crontab(hour=16, minute=23),
    },
    "notify-unread-messages": {
        "task": "tradebridge.messaging.tasks.notify_unread_messages",
        "schedule": crontab(),  # every minute
    },
    "refresh-response-stats": {
        "task": "tradebridge.messaging.tasks.refresh_all_response_stats",
        "schedule": crontab(hour=4, minute=7),
    },
    "rfq-match-digests": {
        "task": "tradebridge.rfq.matching.tasks.rfq_match_digests_task",
        "schedule": crontab(minute="*/10"),
    },
    # Open RFQs past their deadline close; quotes past their validity expire.
    "rfq-deadlines": {
        "task": "tradebridge.rfq.tasks.rfq_deadlines_run",
        "schedule": crontab(),  # every minute
    },
    # Orders past a deadline: unconfirmed or unpaid ones cancel, a missed shipping date is
    # noted, a closed protection window completes the order and releases its escrow.
    "orders-timers": {
        "task": "tradebridge.orders.tasks.orders_timers_run",
        "schedule": crontab(),  # every minute
    },
    # Outbound webhooks due for a retry (and any whose after-commit enqueue was lost).
    "webhooks-relay": {
        "task": "tradebridge.webhooks.tasks.webhooks_relay",
        "schedule": crontab(),  # every minute
    },
}
