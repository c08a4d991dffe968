"""Checkout: the member's cart becomes one purchase and one order per supplier (and currency).

One transaction, under the cart's row lock (a second checkout of the same cart waits, then
finds it empty), so an error leaves nothing half-written:

1. the cart is re-priced from the catalog (never from the client) by `orders.pricing`;
   lines no longer sold → 409 `product_unavailable`; MOQ, multiple or sample problems →
   422 `cart_invalid`; a price that moved since the buyer saw it → the seen prices are
   updated and committed, then 409 `price_changed` (the same checkout sent again succeeds);
   stock already short as read → 409 `insufficient_stock`;
2. the purchase, then per group an order with its line snapshots, the supplier's payment
   terms (`orders.services.terms`), escrow, timeline, audit and outbox rows
   (`orders.services.order_create`), and a held reservation per stocked line;
3. the cart is emptied;
4. last, the stock is taken (`catalog.services.stock.stock_reserve`): one conditional UPDATE
   per stock row, in product-id order. Done last so the hot rows of a flash sale stay locked
   only for the commit; a row short now raises 409 `insufficient_stock` and rolls all back.

On SQLite (the embedded deployment) transactions begin IMMEDIATE: writers queue for the one
write lock (busy timeout 20 s), so checkouts run one after the other and the conditional
UPDATE sees every earlier sale. A writer that waits longer than the timeout gets 503 `busy`
(nothing written), never a sale past the stock.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import OperationalError, connection, transaction
from django.utils import timezone

from tradebridge.catalog.errors import InsufficientStock
from tradebridge.catalog.services.stock import StockItem, stock_reserve
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import ValidationFailed
from tradebridge.core.incoterms import Incoterm
from tradebridge.core.money import Money
from tradebridge.orders.enums import ReservationStatus
from tradebridge.orders.errors import (
    CartEmpty,
    CartInvalid,
    CheckoutBusy,
    PriceChanged,
    ProductUnavailable,
)
from tradebridge.orders.models import Cart, CartItem, Order, OrderLine, Purchase, StockReservation
from tradebridge.orders.pricing import (
    INSUFFICIENT_STOCK,
    QUANTITY_PROBLEMS,
    CartReview,
    ReviewLine,
    SupplierGroup,
)
from tradebridge.orders.services.addresses import ShipTo, ship_to_for_checkout
from tradebridge.orders.services.cart_reads import cart_items, review_of, variant_label
from tradebridge.orders.services.order_create import (
    LineSpec,
    OrderSpec,
    OrderTerms,
    order_create,
    purchase_create,
)
from tradebridge.orders.services.terms import Terms, supplier_terms_many

_TERM_LIMITS = {"po_number": 64, "named_place": 120, "notes": 5000}


def checkout_place(
    *,
    actor: Membership,
    ship_to: ShipTo | None,
    po_number: str = "",
    incoterm: str = "",
    named_place: str = "",
    notes: str = "",
    now: datetime | None = None,
) -> Purchase:
    """Place the actor's cart (see the module). Raises PermissionDenied (PLACE_ORDERS),
    ShipToRequired / ValidationFailed / CartEmpty / CartInvalid (422), ProductUnavailable /
    PriceChanged / InsufficientStock (409). Not idempotent by itself (the API's
    Idempotency-Key makes retries safe); a second call finds the cart empty."""
    ensure_can(actor, Permission.PLACE_ORDERS)
    now = now or timezone.now()
    address = ship_to_for_checkout(actor, ship_to)
    terms = terms_clean(po_number, incoterm, named_place, notes)
    try:
        with transaction.atomic():
            outcome = _checkout(actor, address, terms, now)
    except OperationalError as error:
        raise _busy_or(error) from error
    if isinstance(outcome, PriceChanged):
        raise outcome  # after the commit of the updated seen prices
    return outcome


def _busy_or(error: OperationalError) -> Exception:
    """SQLite's "database is locked" (the busy timeout ran out while other writers held the
    database) is a clean 503 `busy`: the transaction was rolled back, nothing was written."""
    if connection.vendor == "sqlite" and "locked" in str(error):
        return CheckoutBusy()
    return error


def terms_clean(po_number: str, incoterm: str, named_place: str, notes: str) -> OrderTerms:
    """The buyer's terms, trimmed. Raises ValidationFailed (`field`)."""
    terms = OrderTerms(
        po_number=po_number.strip(),
        incoterm=incoterm.strip().upper(),
        named_place=named_place.strip(),
        notes=notes.strip(),
    )
    if terms.incoterm and terms.incoterm not in Incoterm.values:
        raise ValidationFailed("Not an Incoterms 2020 rule.", field="incoterm")
    for name, limit in _TERM_LIMITS.items():
        if len(getattr(terms, name)) > limit:
            raise ValidationFailed(f"The {name} is too long.", field=name, max_length=limit)
    return terms


def _checkout(
    actor: Membership, address: ShipTo, terms: OrderTerms, now: datetime
) -> Purchase | PriceChanged:
    cart = Cart.objects.select_for_update().filter(membership=actor).first()
    items = cart_items(cart) if cart is not None else []
    if cart is None or not items:
        raise CartEmpty()
    review = review_of(items)
    _refuse_problems(review)
    if review.price_changes:
        return _seen_update(review)
    _refuse_short(review)
    purchase = purchase_create(actor=actor, ship_to=address, terms=terms, now=now)
    by_id = {item.pk: item for item in items}
    taken: list[StockItem] = []
    payment = supplier_terms_many({group.supplier_id for group in review.groups})
    for group in review.groups:
        spec = _order_spec(group, by_id, terms, payment[group.supplier_id])
        order, lines = order_create(
            actor=actor, purchase=purchase, ship_to=address, spec=spec, now=now
        )
        taken += _reservations_hold(order, lines, group)
    CartItem.objects.filter(cart=cart).delete()
    stock_reserve(items=taken)
    return purchase


def _refuse_problems(review: CartReview) -> None:
    if review.unavailable:
        raise ProductUnavailable(item_ids=[str(line.line.item_id) for line in review.unavailable])
    if review.quantity_problems:
        raise CartInvalid(lines=[_problems(line) for line in review.quantity_problems])


def _problems(line: ReviewLine) -> dict[str, Any]:
    first = next(p for p in line.problems if p.code in QUANTITY_PROBLEMS)
    return {"item_id": str(line.line.item_id), "code": first.code, **first.details}


def _refuse_short(review: CartReview) -> None:
    for line in review.stock_shortfalls:
        problem = next(p for p in line.problems if p.code == INSUFFICIENT_STOCK)
        raise InsufficientStock(
            product_id=str(line.line.product_id),
            variant_id=str(line.line.variant_id) if line.line.variant_id else None,
            **problem.details,
        )


def _seen_update(review: CartReview) -> PriceChanged:
    changes = []
    for line in review.price_changes:
        CartItem.objects.filter(pk=line.line.item_id).update(
            unit_price_seen=line.unit_price.amount,
            currency_seen=line.unit_price.currency,
            stock_seen=line.line.stock,
        )
        changes.append(
            {
                "item_id": str(line.line.item_id),
                "product_id": str(line.line.product_id),
                "variant_id": str(line.line.variant_id) if line.line.variant_id else None,
                "old": _wire(line.line.seen),
                "new": _wire(line.unit_price),
            }
        )
    return PriceChanged(lines=changes)


def _wire(money: Money) -> dict[str, str]:
    return Money(money.amount.normalize(), money.currency).as_dict()


def _order_spec(
    group: SupplierGroup, items: dict[Any, CartItem], terms: OrderTerms, payment: Terms
) -> OrderSpec:
    """One supplier's order, with the supplier's payment terms (no balance term when the
    whole price is paid upfront)."""
    lines = tuple(_line_spec(line, items[line.line.item_id]) for line in group.lines)
    products = [items[line.line.item_id].product for line in group.lines]
    biggest = max(group.lines, key=lambda line: line.line_total.amount)
    lead_times = [p.lead_time_days for p in products if p.lead_time_days is not None]
    return OrderSpec(
        supplier_id=group.supplier_id,
        currency=group.currency,
        lines=lines,
        terms=terms,
        deposit_percent=payment.deposit_percent,
        balance_due="" if payment.full_prepayment else payment.balance_due,
        lead_time_days=max(lead_times) if lead_times else None,
        category_id=items[biggest.line.item_id].product.category_id,
    )


def _line_spec(line: ReviewLine, item: CartItem) -> LineSpec:
    product, variant = item.product, item.variant
    return LineSpec(
        product_id=product.pk,
        variant_id=variant.pk if variant is not None else None,
        sku=variant.sku if variant is not None else product.sku,
        title=product.title,
        variant_label=variant_label(variant.options) if variant is not None else "",
        unit=product.unit,
        hs_code=product.hs_code,
        origin_country=product.origin_country,
        weight_kg=product.weight_kg,
        units_per_carton=product.units_per_carton,
        is_sample=item.is_sample,
        quantity=item.quantity,
        unit_price=line.unit_price.amount,
        line_total=line.line_total.amount,
    )


def _reservations_hold(
    order: Order, lines: Sequence[OrderLine], group: SupplierGroup
) -> list[StockItem]:
    """A held reservation for each stocked line (made-to-order lines take nothing)."""
    held = []
    for order_line, reviewed in zip(lines, group.lines, strict=True):
        if reviewed.line.stock is None:
            continue
        held.append(
            StockReservation(
                order=order,
                order_line=order_line,
                product_id=reviewed.line.product_id,
                variant_id=reviewed.line.variant_id,
                quantity=order_line.quantity,
                status=ReservationStatus.HELD,
                expires_at=order.deposit_due_at,
            )
        )
    StockReservation.objects.bulk_create(held)
    return [StockItem(r.product_id, r.variant_id, r.quantity) for r in held]
