from datetime import timedelta

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "tradebridge.orders"
    label = "orders"
    verbose_name = "Orders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.core.periodic import periodic_register
        from tradebridge.messaging.enums import SubjectKind
        from tradebridge.messaging.subjects import subject_resolver_register
        from tradebridge.orders.subjects import order_subject
        from tradebridge.orders.tasks import orders_timers_run

        periodic_register(
            "order deadlines (confirmation, deposit, shipping, protection window)",
            every=timedelta(minutes=1),
            run=orders_timers_run.enqueue,
        )
        subject_resolver_register(SubjectKind.ORDER, order_subject)
