"""The outbox and the delivery log: one event, its delivery to each subscribed endpoint, and
every attempt made."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.core.models import TimeStampedModel
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.models.endpoints import WebhookEndpoint, new_event_id


class OutboxEvent(models.Model):
    """Something that happened to a company, written in the transaction that made it happen.

    `event_id` is the `webhook-id` of every delivery and retry of it: receivers dedupe on it.
    `company_id` is a plain UUID: the event outlives nothing it does not copy into `payload`.
    Never updated.
    """

    id = models.BigAutoField(primary_key=True)
    event_id = models.CharField(_("event id"), max_length=64, unique=True, default=new_event_id)
    company_id = models.UUIDField(_("company"))
    event_type = models.CharField(_("event type"), max_length=64)
    payload = models.JSONField(_("payload"), default=dict)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")
        ordering = ("id",)
        indexes = (
            models.Index(fields=("company_id", "-created_at"), name="webhooks_outbox_company"),
        )

    def __str__(self) -> str:
        return f"{self.event_id} {self.event_type}"


class WebhookDelivery(TimeStampedModel):
    """One event to one endpoint: its status, the next try, and the last outcome.

    `attempts` counts every attempt made; `retry_count` counts the failed ones since the last
    resend and picks the next backoff delay.
    """

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    retry_count = models.PositiveIntegerField(_("failed attempts since last resend"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    last_response_body = models.TextField(_("last response body"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ("-created_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("endpoint", "event"), name="webhooks_delivery_unique_endpoint_event"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values),
                name="webhooks_delivery_status_valid",
            ),
        )
        indexes = (
            models.Index(fields=("status", "next_attempt_at"), name="webhooks_delivery_due"),
            models.Index(fields=("endpoint", "-created_at"), name="webhooks_delivery_endpoint"),
        )

    def __str__(self) -> str:
        return f"{self.event_id} -> {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One POST of a delivery and its outcome (status code, or the error). Append-only."""

    id = models.BigAutoField(primary_key=True)
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    attempted_at = models.DateTimeField(_("attempted at"))
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    response_body = models.TextField(_("response body"), blank=True)

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ("delivery", "attempted_at", "id")

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.attempted_at:%Y-%m-%d %H:%M:%S} {self.status_code}"
