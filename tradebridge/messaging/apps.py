from datetime import datetime, timedelta

from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "tradebridge.messaging"
    label = "messaging"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tradebridge.core.periodic import periodic_register
        from tradebridge.core.services.pruning import prune_register
        from tradebridge.messaging.services import attachment_orphans_prune
        from tradebridge.messaging.tasks import (
            notify_unread_messages,
            refresh_all_response_stats,
        )

        def prune_orphan_attachments(now: datetime) -> int:
            return attachment_orphans_prune(now=now)

        prune_register("unsent message attachments", prune_orphan_attachments)
        periodic_register(
            "unread-message e-mails", every=timedelta(minutes=1), run=notify_unread_messages.enqueue
        )
        periodic_register(
            "supplier response stats",
            every=timedelta(days=1),
            run=refresh_all_response_stats.enqueue,
        )
