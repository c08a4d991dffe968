from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tradebridge.accounts"
    label = "accounts"
    verbose_name = _("People")  # allauth's own app is "Accounts" in the back office
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.accounts import checks  # noqa: F401  # registers the checks
