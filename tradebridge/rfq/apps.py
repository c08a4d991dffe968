from django.apps import AppConfig


class RfqConfig(AppConfig):
    name = "tradebridge.rfq"
    label = "rfq"
    verbose_name = "RFQs and quotes"
    default_auto_field = "django.db.models.BigAutoField"
