from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "tradebridge.payments"
    label = "payments"
    verbose_name = "Payments and escrow"
    default_auto_field = "django.db.models.BigAutoField"
