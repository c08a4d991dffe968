"""The audit log: one append-only row per meaningful action."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from tradebridge.core.models import AuditEvent


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: UUID | str,
    actor_user_id: UUID | None = None,
    company_id: UUID | None = None,
    data: Mapping[str, Any] | None = None,
    ip: str | None = None,
    occurred_at: datetime | None = None,
) -> AuditEvent:
    """Write one audit event, inside the caller's transaction (call it in the same atomic block
    as the change it records, so both commit or neither does).

    `action` is a dotted verb (`quote.accepted`); `data` must be JSON-serialisable, with
    Decimals, dates and UUIDs turned into strings. Not idempotent: each call is one row.
    """
    return AuditEvent.objects.create(
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        actor_user_id=actor_user_id,
        company_id=company_id,
        data=_jsonable(data or {}),
        ip=ip,
        occurred_at=occurred_at or timezone.now(),
    )


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One event for `audit_record_many` (the arguments of `audit_record`)."""

    action: str
    object_type: str
    object_id: UUID | str
    actor_user_id: UUID | None = None
    company_id: UUID | None = None
    data: Mapping[str, Any] | None = None


def audit_record_many(*, entries: Sequence[AuditEntry]) -> None:
    """`audit_record` for many events in one INSERT, inside the caller's transaction (for a
    change of many rows at once). Not idempotent: each entry is one row."""
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            action=entry.action,
            object_type=entry.object_type,
            object_id=str(entry.object_id),
            actor_user_id=entry.actor_user_id,
            company_id=entry.company_id,
            data=_jsonable(entry.data or {}),
            occurred_at=now,
        )
        for entry in entries
    )


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    return dict(json.loads(json.dumps(data, cls=DjangoJSONEncoder)))
