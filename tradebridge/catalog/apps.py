from datetime import datetime

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "tradebridge.catalog"
    label = "catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.catalog.services import product_changes_prune
        from tradebridge.catalog.subjects import product_subject
        from tradebridge.catalog.web.onboarding import catalog_onboarding_steps
        from tradebridge.companies.onboarding import onboarding_register
        from tradebridge.core.services.pruning import prune_register
        from tradebridge.messaging.enums import SubjectKind
        from tradebridge.messaging.subjects import subject_resolver_register

        def prune_change_feed(now: datetime) -> int:
            return product_changes_prune(now=now)

        prune_register("catalog change-feed rows", prune_change_feed)
        onboarding_register(catalog_onboarding_steps)
        subject_resolver_register(SubjectKind.PRODUCT, product_subject)
