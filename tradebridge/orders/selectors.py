"""Reads of orders and their timelines. Tenant scoping lives here: an order is seen by the
active members of its buyer and of its supplier, and by nobody else; "not yours" raises the
same `NotFound` as "does not exist", whatever filters a client adds.

For pages and the API alike (`orders.web`, `orders.api`) and for the lifecycle services,
which lock the order through `order_get_for_company(..., for_update=True)`.
"""

from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from tradebridge.companies.models import Membership
from tradebridge.core.errors import NotFound
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderEvent, OrderLine, TradeDocument
from tradebridge.orders.transitions import OrderSide as OrderSide  # re-exported for pages
from tradebridge.payments.enums import InstalmentKind, InstalmentStatus
from tradebridge.payments.models import Dispute, Instalment

_UNPAID = (InstalmentStatus.PENDING, InstalmentStatus.PARTIALLY_PAID)


def order_list_for_company(
    *,
    actor: Membership,
    role: OrderSide | None = None,
    status: OrderStatus | None = None,
    q: str = "",
) -> QuerySet[Order]:
    """The orders the actor's company buys (`role` buyer), sells (`role` supplier) or both
    (None), newest first, with both companies loaded. `q` (case-insensitive, trimmed) matches
    the order's reference, the buyer's PO number, the other company's name (the supplier's for
    orders bought, the buyer's for orders sold) or a line's title."""
    if not actor.is_active:
        return Order.objects.none()
    company_id = actor.company_id
    sides = {
        OrderSide.BUYER: Q(buyer_id=company_id),
        OrderSide.SUPPLIER: Q(supplier_id=company_id),
    }
    scope = sides[role] if role is not None else sides[OrderSide.BUYER] | sides[OrderSide.SUPPLIER]
    orders = Order.objects.filter(scope)
    if status is not None:
        orders = orders.filter(status=status)
    if term := q.strip():
        orders = orders.filter(_search(term, company_id=company_id))
    return orders.select_related("buyer", "supplier").order_by("-created_at", "-id")


def _search(term: str, *, company_id: UUID) -> Q:
    line_titles = OrderLine.objects.filter(order_id=OuterRef("pk"), title__icontains=term)
    other_name = (Q(buyer_id=company_id) & _named("supplier", term)) | (
        Q(supplier_id=company_id) & _named("buyer", term)
    )
    return (
        Q(reference__icontains=term)
        | Q(po_number__icontains=term)
        | other_name
        | Q(Exists(line_titles))
    )


def _named(company_field: str, term: str) -> Q:
    return Q(**{f"{company_field}__display_name__icontains": term}) | Q(
        **{f"{company_field}__legal_name__icontains": term}
    )


def order_get_for_company(*, actor: Membership, order_id: UUID, for_update: bool = False) -> Order:
    """An order the actor's company buys or sells. With `for_update`, the order's row is
    locked (call it inside a transaction, after the order's escrow hold: see
    `orders.services.order_moves`). Raises NotFound for another company's order or an unknown id."""
    orders = Order.objects.filter(
        Q(buyer_id=actor.company_id) | Q(supplier_id=actor.company_id), pk=order_id
    )
    if for_update:
        orders = orders.select_for_update(of=("self",))
    order = orders.first() if actor.is_active else None
    if order is None:
        raise NotFound(order_id=str(order_id))
    return order


def order_side(order: Order, *, company_id: UUID) -> OrderSide:
    """The side the company is on for `order` (it must be a party: check it first)."""
    return OrderSide.BUYER if order.buyer_id == company_id else OrderSide.SUPPLIER


def order_lines(*, order: Order) -> QuerySet[OrderLine]:
    """The order's lines in their position order (the caller got the order through a
    scoped selector)."""
    return OrderLine.objects.filter(order=order).order_by("position", "id")


def order_timeline(*, order: Order) -> QuerySet[OrderEvent]:
    """Every event of the order, oldest first (the caller got the order through a scoped
    selector)."""
    return OrderEvent.objects.filter(order=order).order_by("created_at", "id")


def order_timeline_has(*, order_id: UUID, kind: str, **data: str) -> bool:
    """Whether the order's timeline already holds a `kind` event whose data has these values
    (the timers and the payment handlers write some events once only)."""
    lookups = {f"data__{name}": value for name, value in data.items()}
    return OrderEvent.objects.filter(order_id=order_id, kind=kind, **lookups).exists()


def order_documents(*, order: Order) -> QuerySet[TradeDocument]:
    """The trade documents issued for the order (proforma invoice, commercial invoice,
    packing list), oldest first."""
    return TradeDocument.objects.filter(order=order).order_by("issued_at", "id")


def order_dispute_latest(*, order: Order) -> Dispute | None:
    """The order's most recent dispute (open or closed), or None."""
    return Dispute.objects.filter(order_id=order.pk).order_by("-created_at").first()


def balance_unpaid_due_before(*, at: datetime) -> QuerySet[Instalment]:
    """For `Exists(...)` over orders (`OuterRef("pk")`): the order's balance, unpaid and due
    at or before `at`."""
    return Instalment.objects.filter(
        hold__order_id=OuterRef("pk"),
        kind=InstalmentKind.BALANCE,
        status__in=_UNPAID,
        due_at__lte=at,
    )


def order_balance_grace_ends_at(*, order: Order) -> datetime | None:
    """When the supplier may cancel an order awaiting its balance: the unpaid balance's due
    date + ORDER_BALANCE_GRACE_DAYS. None in any other status, or without a due date."""
    if order.status != OrderStatus.AWAITING_BALANCE:
        return None
    due = (
        Instalment.objects.filter(
            hold__order_id=order.pk, kind=InstalmentKind.BALANCE, status__in=_UNPAID
        )
        .values_list("due_at", flat=True)
        .first()
    )
    return due + timedelta(days=settings.ORDER_BALANCE_GRACE_DAYS) if due else None
