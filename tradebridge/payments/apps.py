from datetime import timedelta

from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "tradebridge.payments"
    label = "payments"
    verbose_name = "Payments and escrow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.core.periodic import periodic_register
        from tradebridge.payments import checks  # noqa: F401  # registers the checks
        from tradebridge.payments.dispute_tasks import disputes_timers_task

        periodic_register(
            "dispute auto-escalation", every=timedelta(minutes=1), run=disputes_timers_task.enqueue
        )
