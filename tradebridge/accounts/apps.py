from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tradebridge.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.accounts import checks  # noqa: F401  # registers the checks
