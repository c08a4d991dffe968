"""Writing a new order (shared by the cart checkout and the ordering of an agreed deal).

`order_create` runs inside the caller's transaction: the order with its line snapshots, the
`placed` timeline and audit events, the escrow hold with its instalments
(`payments.services.escrow.escrow_open`), and `order.created` in the outbox for both
companies. Deadlines come from the operator's payment settings: the supplier confirms within
`supplier_confirmation_hours`; the deposit (or full payment) is due `deposit_deadline_days`
after that (the lifecycle moves it from the confirmation on).
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tradebridge.companies.models import Membership
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderSource
from tradebridge.orders.models import Order, OrderLine, Purchase
from tradebridge.orders.services.addresses import ShipTo
from tradebridge.orders.services.order_moves import Doer, money_data, order_note, order_webhook
from tradebridge.payments.selectors import payment_settings
from tradebridge.payments.services.commissions import commission_percent_for
from tradebridge.payments.services.escrow import escrow_open


@dataclass(frozen=True, slots=True)
class LineSpec:
    """One order line as sold: the product's snapshot, quantity and price."""

    product_id: uuid.UUID | None
    variant_id: uuid.UUID | None
    sku: str
    title: str
    unit: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal
    variant_label: str = ""
    hs_code: str = ""
    origin_country: str = ""
    weight_kg: Decimal | None = None
    units_per_carton: int | None = None
    is_sample: bool = False


@dataclass(frozen=True, slots=True)
class OrderTerms:
    """What the buyer adds at checkout (or the deal carries)."""

    po_number: str = ""
    incoterm: str = ""
    named_place: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class OrderSpec:
    """Everything one new order needs, as plain values."""

    supplier_id: uuid.UUID
    currency: str
    lines: tuple[LineSpec, ...]
    terms: OrderTerms
    source: OrderSource = OrderSource.CART
    deposit_percent: Decimal = Decimal(100)
    balance_due: str = ""
    lead_time_days: int | None = None
    category_id: int | None = None  # picks the commission rate
    deal_reference: str = ""
    fx: dict[str, Any] = field(default_factory=dict)


def purchase_create(
    *, actor: Membership, ship_to: ShipTo, terms: OrderTerms, now: datetime
) -> Purchase:
    return Purchase.objects.create(
        buyer_id=actor.company_id,
        placed_by_id=actor.user_id,
        po_number=terms.po_number,
        incoterm=terms.incoterm,
        named_place=terms.named_place,
        notes=terms.notes,
        created_at=now,
        **ship_to.snapshot(),
    )


def order_create(
    *, actor: Membership, purchase: Purchase, ship_to: ShipTo, spec: OrderSpec, now: datetime
) -> tuple[Order, list[OrderLine]]:
    """Write one order of `purchase` (see the module) and return it with its lines, in the
    order of `spec.lines`. Call it inside a transaction."""
    settings = payment_settings()
    confirm_by = now + timedelta(hours=settings.supplier_confirmation_hours)
    deposit_due_at = confirm_by + timedelta(days=settings.deposit_deadline_days)
    subtotal = sum((line.line_total for line in spec.lines), Decimal(0))
    order = Order.objects.create(
        purchase=purchase,
        buyer_id=actor.company_id,
        supplier_id=spec.supplier_id,
        currency=spec.currency,
        subtotal=subtotal,
        total=subtotal,
        deposit_percent=spec.deposit_percent,
        balance_due=spec.balance_due,
        commission_percent=commission_percent_for(category_id=spec.category_id),
        incoterm=spec.terms.incoterm,
        named_place=spec.terms.named_place,
        po_number=spec.terms.po_number,
        notes=spec.terms.notes,
        source=spec.source,
        deal_reference=spec.deal_reference,
        fx=spec.fx,
        lead_time_days=spec.lead_time_days,
        confirm_by=confirm_by,
        deposit_due_at=deposit_due_at,
        placed_by_id=actor.user_id,
        created_at=now,
        **ship_to.snapshot(),
    )
    lines = OrderLine.objects.bulk_create(
        [_line(order, position, line) for position, line in enumerate(spec.lines, start=1)]
    )
    _opened(order, actor=actor, now=now)
    return order, lines


def _line(order: Order, position: int, line: LineSpec) -> OrderLine:
    return OrderLine(
        order=order,
        position=position,
        product_id=line.product_id,
        variant_id=line.variant_id,
        sku=line.sku,
        title=line.title,
        variant_label=line.variant_label,
        unit=line.unit,
        hs_code=line.hs_code,
        origin_country=line.origin_country,
        weight_kg=line.weight_kg,
        units_per_carton=line.units_per_carton,
        is_sample=line.is_sample,
        quantity=line.quantity,
        unit_price=line.unit_price,
        line_total=line.line_total,
    )


def _opened(order: Order, *, actor: Membership, now: datetime) -> None:
    """The new order's escrow, timeline, audit and webhooks."""
    total = Money(order.total, order.currency)
    escrow_open(
        order_id=order.pk,
        order_reference=order.reference,
        buyer_id=order.buyer_id,
        supplier_id=order.supplier_id,
        total=total,
        deposit_percent=order.deposit_percent,
        commission_percent=order.commission_percent,
        deposit_due_at=order.deposit_due_at or now,
    )
    data = {
        "source": order.source,
        "purchase_reference": order.purchase.reference,
        "total": money_data(total),
    }
    if order.deal_reference:
        data["deal_reference"] = order.deal_reference
    order_note(
        order,
        "placed",
        doer=Doer(user_id=actor.user_id, company_id=actor.company_id),
        now=now,
        data=data,
    )
    order_webhook(order, "order.created", data={"purchase_id": str(order.purchase_id)})
