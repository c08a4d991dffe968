"""Outbound webhooks: a company's endpoints, the transactional outbox, and the delivery log.

Rows are written only through `webhooks.services`. An `OutboxEvent` and its pending
`WebhookDelivery` rows are written in the transaction of the change they announce; the relay
(`webhooks.services.delivery`) posts them and logs every `WebhookAttempt`.
"""

from tradebridge.webhooks.models.deliveries import OutboxEvent, WebhookAttempt, WebhookDelivery
from tradebridge.webhooks.models.endpoints import (
    WebhookEndpoint,
    new_event_id,
    new_webhook_secret,
)

__all__ = [
    "OutboxEvent",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "new_event_id",
    "new_webhook_secret",
]
