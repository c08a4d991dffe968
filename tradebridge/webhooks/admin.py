"""The operator's view of outbound webhooks: endpoints, outbox events and deliveries with their
attempts, read-only (they change only through the services). Signing secrets are not shown."""

from django.contrib import admin
from django.http import HttpRequest

from tradebridge.core.admin import ReadOnlyAdmin
from tradebridge.webhooks.models import (
    OutboxEvent,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin[WebhookEndpoint]):
    list_display = ("url", "company", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("url", "company__display_name")
    list_select_related = ("company",)
    exclude = ("secret", "previous_secret")


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin[OutboxEvent]):
    list_display = ("event_id", "event_type", "company_id", "created_at")
    list_filter = ("event_type",)
    search_fields = ("=event_id", "=company_id")
    date_hierarchy = "created_at"


class WebhookAttemptInline(admin.TabularInline[WebhookAttempt, WebhookDelivery]):
    model = WebhookAttempt
    fields = ("attempted_at", "status_code", "duration_ms", "error")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: WebhookDelivery | None = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin[WebhookDelivery]):
    list_display = (
        "event",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    )
    list_filter = ("status",)
    search_fields = ("=event__event_id", "endpoint__url")
    list_select_related = ("event", "endpoint")
    inlines = (WebhookAttemptInline,)
