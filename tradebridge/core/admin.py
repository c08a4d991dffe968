"""Operator views of core data. Everything here is read-only: the audit log is append-only,
FX rates come from `import-fx` or the daily fetch, idempotency records from API traffic."""

from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.functional import Promise

from tradebridge.core.models import AuditEvent, FxRate, IdempotencyRecord


def done_message(
    one: str | Promise, many: str | Promise, *, names: Sequence[str], **extra: object
) -> str:
    """What an admin action did, naming the objects: `one` (with `%(names)s`) for a single
    object, else `many` (with `%(count)d` and `%(names)s`), e.g. "Product “TPU ball” approved."."""
    quoted = ", ".join(f"“{name}”" for name in names)
    template = one if len(names) == 1 else many
    return str(template) % {"names": quoted, "count": len(names), **extra}


class ReadOnlyAdmin[M: Model](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditEventAdmin(ReadOnlyAdmin[AuditEvent]):
    """Registered by the project (`config/admin_audit.py`), which adds the names of the
    companies and people the events mention: core cannot read those apps."""

    list_display = (
        "occurred_at",
        "action",
        "object_type",
        "object_id",
        "company_id",
        "actor_user_id",
    )
    list_filter = ("action", "object_type")
    search_fields = ("=object_id", "=company_id", "=actor_user_id", "action")
    date_hierarchy = "occurred_at"
    ordering = ("-occurred_at",)


@admin.register(FxRate)
class FxRateAdmin(ReadOnlyAdmin[FxRate]):
    list_display = ("date", "currency", "rate", "source")
    list_filter = ("source", "currency")
    date_hierarchy = "date"
    ordering = ("-date", "currency")


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(ReadOnlyAdmin[IdempotencyRecord]):
    list_display = ("created_at", "method", "route", "key", "state", "response_status")
    list_filter = ("state", "method")
    search_fields = ("=key", "=company_id", "=user_id")
    exclude = ("response_body",)
    ordering = ("-created_at",)
