from datetime import datetime

from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "tradebridge.messaging"
    label = "messaging"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.core.services.pruning import prune_register
        from tradebridge.messaging.services import attachment_orphans_prune

        def prune_orphan_attachments(now: datetime) -> int:
            return attachment_orphans_prune(now=now)

        prune_register("unsent message attachments", prune_orphan_attachments)
