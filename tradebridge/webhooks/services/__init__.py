"""Use cases of outbound webhooks. Other apps call `outbox_add` inside their transaction."""

from tradebridge.webhooks.services.delivery import deliveries_relay, delivery_attempt
from tradebridge.webhooks.services.endpoints import (
    EndpointChanges,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_secret_rotate,
    webhook_endpoint_update,
)
from tradebridge.webhooks.services.on_demand import webhook_delivery_resend, webhook_endpoint_test
from tradebridge.webhooks.services.outbox import outbox_add
from tradebridge.webhooks.services.retention import webhook_events_prune

__all__ = [
    "EndpointChanges",
    "deliveries_relay",
    "delivery_attempt",
    "outbox_add",
    "webhook_delivery_resend",
    "webhook_endpoint_create",
    "webhook_endpoint_delete",
    "webhook_endpoint_secret_rotate",
    "webhook_endpoint_test",
    "webhook_endpoint_update",
    "webhook_events_prune",
]
