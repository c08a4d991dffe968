"""An order's stock reservations after checkout: released back to stock (cancellation,
expiry) or committed (production started: the units are sold).

Both run inside the caller's transaction, under the order's row lock (the lifecycle
services hold it), and move a reservation only once (held → committed, held or committed →
released): calling them again does nothing, so stock is never put back twice.

A committed reservation goes back to stock only when its order is cancelled
(`committed_too`): the ways out of production into `cancelled` are the buyer's cancellation
once the shipping date has passed (full refund) and the supplier's cancellation of a balance
never paid, and in both the goods never left the supplier, who sells them again.
"""

import uuid
from datetime import datetime

from django.utils import timezone

from tradebridge.catalog.services.stock import StockItem, stock_release
from tradebridge.orders.enums import ReservationStatus
from tradebridge.orders.models import StockReservation

_RELEASABLE = (ReservationStatus.HELD, ReservationStatus.COMMITTED)


def reservations_release(
    *, order_id: uuid.UUID, now: datetime | None = None, committed_too: bool = False
) -> int:
    """Put the order's held units (`committed_too`: and its committed ones: the order is
    cancelled) back in stock and mark their reservations released. Returns how many
    reservations were released (0 when none were left). Rows of products made to order by now
    (stock NULL) are skipped by `stock_release`. Idempotent."""
    statuses = _RELEASABLE if committed_too else (ReservationStatus.HELD,)
    held = list(
        StockReservation.objects.select_for_update()
        .filter(order_id=order_id, status__in=statuses)
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
