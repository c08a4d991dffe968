from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "tradebridge.webhooks"
    label = "webhooks"
    verbose_name = "Outbound webhooks"
    default_auto_field = "django.db.models.BigAutoField"
