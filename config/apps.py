"""The project's own AppConfig: wiring that must happen in every process at startup."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class ProjectConfig(AppConfig):
    """Listed last in INSTALLED_APPS, so every app is loaded before `ready()` runs."""

    name = "config"
    label = "project"
    verbose_name = "Tradebridge project wiring"

    def ready(self) -> None:
        from config import admin_audit
        from config.event_handlers import HANDLERS  # imports the apps: only once they are ready
        from tradebridge.core import events

        events.install(HANDLERS)
        admin_audit.register()


class OperationsAdminConfig(AdminConfig):
    """Django's admin with the operator's back-office home (`config.admin`) as its site."""

    default_site = "config.admin.OperationsAdminSite"
