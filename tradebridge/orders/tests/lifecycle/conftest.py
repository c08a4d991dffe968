"""Fixtures of the order lifecycle tests: a buyer and a supplier with a member of every role,
two outsiders, orders written as checkout writes them (order, line, escrow hold with its
instalments, `placed` event), payments applied through payments' own service, and a clock.

Orders are made here directly rather than through the checkout, so that these tests pin the
lifecycle alone.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tradebridge.catalog.models import Product
from tradebridge.catalog.services.stock import StockItem, stock_reserve
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderEvent, OrderLine, Purchase, StockReservation
from tradebridge.payments.selectors import escrow_summary
from tradebridge.payments.services.escrow import escrow_open, instalment_payment_apply

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Parties:
    """The buyer's and the supplier's members by role, and members of two other companies."""

    buyer: Membership  # owner
    purchaser: Membership
    buyer_viewer: Membership
    buyer_sales: Membership  # a buyer-company member whose role may not buy
    supplier: Membership  # owner
    sales: Membership
    supplier_viewer: Membership
    supplier_purchaser: Membership  # a supplier-company member whose role may not sell
    outsider: Membership  # owner of another buyer
    outsider_supplier: Membership  # owner of another supplier


def member(company: Company, role: Role = Role.OWNER) -> Membership:
    return MembershipFactory.create(company=company, role=role)


def buyer_company() -> Company:
    return CompanyFactory.create(kind=CompanyKind.BUYER, country="FR")


@pytest.fixture
def parties(db: None) -> Parties:
    buyer, supplier = buyer_company(), SupplierFactory.create()
    return Parties(
        buyer=member(buyer),
        purchaser=member(buyer, Role.PURCHASER),
        buyer_viewer=member(buyer, Role.VIEWER),
        buyer_sales=member(buyer, Role.SALES),
        supplier=member(supplier),
        sales=member(supplier, Role.SALES),
        supplier_viewer=member(supplier, Role.VIEWER),
        supplier_purchaser=member(supplier, Role.PURCHASER),
        outsider=member(buyer_company()),
        outsider_supplier=member(SupplierFactory.create()),
    )


def place(
    parties: Parties,
    *,
    total: str = "1000.00",
    currency: str = "EUR",
    deposit_percent: str = "30",
    balance_due: str = "before_shipment",
    lead_time_days: int | None = 20,
    now: datetime = T0,
    product: Product | None = None,
    quantity: int = 100,
) -> Order:
    """An order as checkout leaves it: awaiting the supplier's confirmation (48 hours), the
    deposit due 7 days after that, its escrow hold open; with `product`, `quantity` units are
    taken from its stock and held by a reservation."""
    buyer, supplier = parties.buyer, parties.supplier
    purchase = Purchase.objects.create(buyer=buyer.company, placed_by=buyer.user, po_number="PO-1")
    confirm_by = now + 48 * HOUR
    order = Order.objects.create(
        purchase=purchase,
        buyer=buyer.company,
        supplier=supplier.company,
        currency=currency,
        subtotal=Decimal(total),
        total=Decimal(total),
        deposit_percent=Decimal(deposit_percent),
        balance_due=balance_due,
        commission_percent=Decimal("3.00"),
        incoterm="FOB",
        named_place="Xiamen",
        po_number="PO-1",
        lead_time_days=lead_time_days,
        confirm_by=confirm_by,
        deposit_due_at=confirm_by + 7 * DAY,
        placed_by=buyer.user,
        ship_to_name="Rhein Sport GmbH",
        ship_to_line1="Hafenstr. 4",
        ship_to_city="Duisburg",
        ship_to_postal_code="47119",
        ship_to_country="DE",
    )
    line = OrderLine.objects.create(
        order=order,
        product=product,
        title=product.title if product else "Match ball, size 5",
        unit="piece",
        quantity=quantity,
        unit_price=Decimal(total) / quantity,
        line_total=Decimal(total),
        position=1,
    )
    if product is not None:
        stock_reserve(items=[StockItem(product.pk, None, quantity)])
        StockReservation.objects.create(
            order=order, order_line=line, product=product, quantity=quantity
        )
    escrow_open(
        order_id=order.pk,
        order_reference=order.reference,
        buyer_id=order.buyer_id,
        supplier_id=order.supplier_id,
        total=Money(Decimal(total), currency),
        deposit_percent=Decimal(deposit_percent),
        commission_percent=Decimal("3.00"),
        deposit_due_at=order.deposit_due_at or now,
    )
    OrderEvent.objects.create(order=order, kind="placed", created_at=now)
    return order


def stocked_product(parties: Parties, stock: int = 500) -> Product:
    return ProductFactory.create(supplier=parties.supplier.company, stock=stock)


def pay(
    order: Order,
    kind: str,
    *,
    amount: str | None = None,
    now: datetime = T0,
    key: str | None = None,
) -> None:
    """Apply a bank transfer to the order's `kind` instalment: `amount`, or what it still owes
    (payments publishes InstalmentPaid when it is paid in full)."""
    view = next(v for v in escrow_summary(order_id=order.pk).instalments if v.kind == kind)
    owed = view.amount.amount - view.paid_amount.amount
    instalment_payment_apply(
        instalment_id=view.id,
        amount=Money(Decimal(amount) if amount else owed, order.currency),
        key=key or f"test:{view.id}:{amount or 'rest'}",
        source="manual",
        now=now,
    )


def reload(order: Order) -> Order:
    return Order.objects.get(pk=order.pk)


def kinds(order: Order) -> list[str]:
    return list(
        OrderEvent.objects.filter(order=order).order_by("id").values_list("kind", flat=True)
    )


def held(order: Order) -> Decimal:
    return escrow_summary(order_id=order.pk).held.amount


def set_status(order: Order, status: OrderStatus, **fields: object) -> Order:
    Order.objects.filter(pk=order.pk).update(status=status, **fields)
    return reload(order)


def reservation_statuses(order: Order) -> list[str]:
    return list(StockReservation.objects.filter(order=order).values_list("status", flat=True))
