from datetime import datetime, timedelta

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "tradebridge.webhooks"
    label = "webhooks"
    verbose_name = "Outbound webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.core.periodic import periodic_register
        from tradebridge.core.services.pruning import prune_register
        from tradebridge.webhooks.services.retention import webhook_events_prune
        from tradebridge.webhooks.tasks import webhooks_relay

        def prune_webhook_events(now: datetime) -> int:
            return webhook_events_prune(now=now)

        # The relay is also enqueued after every commit that adds deliveries; this run picks
        # up retries when they fall due, and anything whose enqueue was lost.
        periodic_register(
            "webhook deliveries", every=timedelta(minutes=1), run=webhooks_relay.enqueue
        )
        # Finished events older than WEBHOOKS_RETENTION_DAYS, in the daily housekeeping run.
        prune_register("webhook events (with their deliveries and attempts)", prune_webhook_events)
