"""`tradebridge prune`: delete expired idempotency records, old finished task rows, and what
the apps registered (see `core.services.pruning`)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tradebridge.core.services.pruning import prune_expired


class Command(BaseCommand):
    help = (
        "Delete idempotency records older than IDEMPOTENCY_KEY_TTL_HOURS and finished "
        "database task rows older than TASK_RESULT_TTL_DAYS, and what the apps registered "
        "(catalog change-feed rows older than 7 days, unsent message attachments, finished "
        "webhook events older than WEBHOOKS_RETENTION_DAYS). Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = prune_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Pruned {summary.idempotency_records} idempotency records "
                f"(older than {settings.IDEMPOTENCY_KEY_TTL_HOURS} h) and "
                f"{summary.task_results} finished task rows "
                f"(older than {settings.TASK_RESULT_TTL_DAYS} days)."
            )
        )
        for name, count in summary.registered.items():
            self.stdout.write(self.style.SUCCESS(f"Pruned {count} {name}."))
