"""An order's stock reservations after checkout: released back to stock (cancellation,
expiry) or committed (production started: the units are sold).

Both run inside the caller's transaction, under the order's row lock (the lifecycle
services hold it), and touch only reservations still `held`: calling them again does
nothing, so stock is never put back twice.
"""

import uuid
from datetime import datetime

from django.utils import timezone

from tradebridge.catalog.services.stock import StockItem, stock_release
from tradebridge.orders.enums import ReservationStatus
from tradebridge.orders.models import StockReservation


def reservations_release(*, order_id: uuid.UUID, now: datetime | None = None) -> int:
    """Put the order's held units back in stock and mark their reservations released.
    Returns how many reservations were released (0 when none were held). Idempotent."""
    held = list(
        StockReservation.objects.select_for_update()
        .filter(order_id=order_id, status=ReservationStatus.HELD)
        .order_by("id")
    )
    if not held:
        return 0
    StockReservation.objects.filter(pk__in=[r.pk for r in held]).update(
        status=ReservationStatus.RELEASED, released_at=now or timezone.now()
    )
    stock_release(
        items=[StockItem(r.product_id, r.variant_id, r.quantity) for r in held],
    )
    return len(held)


def reservations_commit(*, order_id: uuid.UUID, now: datetime | None = None) -> int:
    """Mark the order's held reservations committed (the units are sold and stay out of
    stock). Returns how many. Idempotent."""
    return StockReservation.objects.filter(order_id=order_id, status=ReservationStatus.HELD).update(
        status=ReservationStatus.COMMITTED, committed_at=now or timezone.now()
    )
