"""Read paths of core: the audit log and FX rate tables."""

from uuid import UUID

from django.db.models import QuerySet

from tradebridge.core.models import AuditEvent


def audit_event_list_for_company(
    *, company_id: UUID, object_type: str | None = None, object_id: str | None = None
) -> QuerySet[AuditEvent]:
    """A company's audit events, newest first; optionally only those about one object.

    Scoped: events of other companies are never included.
    """
    events = AuditEvent.objects.filter(company_id=company_id)
    if object_type is not None:
        events = events.filter(object_type=object_type)
    if object_id is not None:
        events = events.filter(object_id=object_id)
    return events.order_by("-occurred_at", "-id")
