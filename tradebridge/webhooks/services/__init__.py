"""Use cases of outbound webhooks. Other apps call `outbox_add` inside their transaction."""

from tradebridge.webhooks.services.outbox import outbox_add

__all__ = ["outbox_add"]
