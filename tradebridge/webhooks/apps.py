from datetime import timedelta

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "tradebridge.webhooks"
    label = "webhooks"
    verbose_name = "Outbound webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.core.periodic import periodic_register
        from tradebridge.webhooks.tasks import webhooks_relay

        # The relay is also enqueued after every commit that adds deliveries; this run picks
        # up retries when they fall due, and anything whose enqueue was lost.
        periodic_register(
            "webhook deliveries", every=timedelta(minutes=1), run=webhooks_relay.enqueue
        )
