"""Orders as the subject of a thread between their buyer and supplier (messaging's registry,
`messaging.subjects`; registered in OrdersConfig.ready()).

The order page's "Message supplier" / "Message buyer" link (`order_message_url`) starts, or
reopens, that thread. A thread about an order is only between its two companies.
"""

import uuid
from urllib.parse import urlencode

from django.urls import reverse

from tradebridge.messaging.subjects import SubjectInfo
from tradebridge.orders.models import Order


def order_subject(order_id: uuid.UUID) -> SubjectInfo | None:
    """An order's reference and its first line's title, with its buyer and supplier; None for
    an unknown id."""
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return None
    first = order.lines.order_by("position", "id").values_list("title", flat=True).first()
    label = f"{order.reference} · {first}" if first else order.reference
    return SubjectInfo(label=label[:300], supplier_id=order.supplier_id, buyer_id=order.buyer_id)


def order_message_url(order: Order, *, as_buyer: bool) -> str:
    """The messaging page that starts (or reopens) the thread about `order` with the other
    company: the supplier (by its slug) when the reader is the buyer, else the buyer (by id).
    Needs `order.supplier` (select it with the order)."""
    counterpart = {"supplier": order.supplier.slug} if as_buyer else {"buyer": str(order.buyer_id)}
    query = urlencode({**counterpart, "subject_kind": "order", "subject_id": str(order.pk)})
    return f"{reverse('messaging_new')}?{query}"
