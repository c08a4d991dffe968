"""Choices of outbound webhooks: the event types integrators subscribe to, delivery statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    """What an outbox event tells an integrator (the `type` of the posted body)."""

    ORDER_CREATED = "order.created", _("Order created")
    ORDER_CONFIRMED = "order.confirmed", _("Order confirmed")
    ORDER_PAID = "order.paid", _("Order paid (an instalment)")
    ORDER_SHIPPED = "order.shipped", _("Order shipped")
    ORDER_DELIVERED = "order.delivered", _("Order delivered")
    ORDER_COMPLETED = "order.completed", _("Order completed")
    ORDER_CANCELLED = "order.cancelled", _("Order cancelled")
    DISPUTE_OPENED = "dispute.opened", _("Dispute opened")
    DISPUTE_UPDATED = "dispute.updated", _("Dispute updated")
    DISPUTE_RESOLVED = "dispute.resolved", _("Dispute resolved")
    # Sent only to one endpoint, on request ("Send test event"); never subscribed to.
    PING = "ping", _("Test event")


# The event types an endpoint may subscribe to (everything except the test event).
SUBSCRIBABLE_EVENT_TYPES: tuple[str, ...] = tuple(
    value for value in EventType.values if value != EventType.PING
)


class DeliveryStatus(models.TextChoices):
    """Where one event's delivery to one endpoint is (moves: `webhooks.transitions`)."""

    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed, will retry")
    DEAD = "dead", _("Given up")
