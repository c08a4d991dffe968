"""The response-metrics ledger and each supplier's response stats.

A request is opened when a supplier is asked something and answered by its first reply:

- threads: a buyer's first message in a thread opens one (`kind=thread`, `ref_id` = the
  thread), the supplier's first reply answers it (messaging's own services do both);
- RFQ invitations: the rfq app calls `response_request_open(kind="rfq_invitation",
  ref_id=<rfq id>, ...)` when it invites or notifies a supplier, and
  `response_request_answer(kind="rfq_invitation", ref_id=<rfq id>, ...)` when that supplier
  first quotes or declines.

Both are idempotent. Each change publishes `ResponseRequestChanged` after the commit; the
event map refreshes the supplier's stats in a task (`supplier_response_stats_refresh`),
which publishes `SupplierResponseStatsChanged` when the figures moved (search re-feeds the
supplier's document). A daily run refreshes every supplier, as requests age out of the
90-day window.
"""

import uuid
from datetime import datetime

from django.db import transaction
from django.db.models import Q

from tradebridge.core.events import publish
from tradebridge.messaging.enums import ResponseRequestKind
from tradebridge.messaging.events import ResponseRequestChanged, SupplierResponseStatsChanged
from tradebridge.messaging.models import ResponseRequest, SupplierResponseStats
from tradebridge.messaging.response_metrics import (
    WINDOW,
    ResponseRecord,
    ResponseStats,
    response_stats,
)


def response_request_open(
    *,
    supplier_id: uuid.UUID,
    buyer_id: uuid.UUID,
    kind: ResponseRequestKind | str,
    ref_id: uuid.UUID,
    asked_at: datetime,
) -> bool:
    """Record that the supplier was asked at `asked_at`. Idempotent: an open or answered
    request for (kind, ref_id, supplier) stays as it is. Returns whether one was created."""
    with transaction.atomic():
        _, created = ResponseRequest.objects.get_or_create(
            kind=ResponseRequestKind(kind),
            ref_id=ref_id,
            supplier_id=supplier_id,
            defaults={"buyer_id": buyer_id, "asked_at": asked_at},
        )
    if created:
        publish(ResponseRequestChanged(supplier_id=supplier_id), after_commit=True)
    return created


def response_request_answer(
    *,
    kind: ResponseRequestKind | str,
    ref_id: uuid.UUID,
    supplier_id: uuid.UUID,
    answered_at: datetime,
) -> bool:
    """Record the supplier's first answer. Idempotent: an answered request keeps its first
    answer; without an open request (the supplier wrote first) nothing happens. Returns
    whether a request was answered now."""
    answered = ResponseRequest.objects.filter(
        kind=ResponseRequestKind(kind),
        ref_id=ref_id,
        supplier_id=supplier_id,
        answered_at__isnull=True,
        asked_at__lte=answered_at,
    ).update(answered_at=answered_at)
    if answered:
        publish(ResponseRequestChanged(supplier_id=supplier_id), after_commit=True)
    return bool(answered)


def supplier_response_stats_refresh(*, supplier_id: uuid.UUID, now: datetime) -> ResponseStats:
    """Compute and store the supplier's stats over the 90 days before `now`; publish
    SupplierResponseStatsChanged (in the transaction) when a figure changed. Idempotent."""
    records = [
        ResponseRecord(asked_at=asked, answered_at=answered)
        for asked, answered in ResponseRequest.objects.filter(
            supplier_id=supplier_id, asked_at__gt=now - WINDOW, asked_at__lte=now
        ).values_list("asked_at", "answered_at")
    ]
    stats = response_stats(records, now=now)
    with transaction.atomic():
        row = SupplierResponseStats.objects.select_for_update().filter(supplier_id=supplier_id)
        previous = row.first()
        SupplierResponseStats.objects.update_or_create(
            supplier_id=supplier_id,
            defaults={
                "response_rate": stats.response_rate,
                "median_first_response_seconds": stats.median_first_response_seconds,
                "requests_count": stats.requests_count,
                "computed_at": now,
            },
        )
        if previous is None or _figures(previous) != _figures_of(stats):
            publish(SupplierResponseStatsChanged(company_id=supplier_id))
    return stats


def supplier_response_stats_refresh_all(*, now: datetime) -> int:
    """Refresh every supplier with a request in the window or stored stats (daily).
    Returns how many were refreshed."""
    asked = ResponseRequest.objects.filter(asked_at__gt=now - WINDOW).values("supplier_id")
    supplier_ids = set(
        SupplierResponseStats.objects.filter(
            Q(supplier_id__in=asked) | Q(requests_count__gt=0)
        ).values_list("supplier_id", flat=True)
    )
    supplier_ids.update(asked.values_list("supplier_id", flat=True).distinct())
    for supplier_id in sorted(supplier_ids):
        supplier_response_stats_refresh(supplier_id=supplier_id, now=now)
    return len(supplier_ids)


def _figures(row: SupplierResponseStats) -> tuple[int | None, int | None]:
    return row.response_rate, row.median_first_response_seconds


def _figures_of(stats: ResponseStats) -> tuple[int | None, int | None]:
    return stats.response_rate, stats.median_first_response_seconds
