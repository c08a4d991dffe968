"""Bodies of the cart, checkout and shipping-address endpoints.

Inputs forbid unknown fields (no `unit_price` can be slipped in: prices always come from the
catalog). Quantities are strict JSON integers (`1.5`, `"10"` or `"1e3"` answer 422
`invalid_input`); the range is the service's (422 `invalid_quantity`, `quantity_too_large`).
Money leaves as `{"amount": "4.50", "currency": "USD"}`.
"""

from typing import Annotated, Any
from uuid import UUID

from ninja import Schema
from pydantic import Field, StrictBool, StrictInt, StringConstraints

from tradebridge.companies.api.schemas import StrictIn
from tradebridge.core.money import Money
from tradebridge.orders.models import CartItem, Order, Purchase
from tradebridge.orders.pricing import CartReview, ReviewLine, SupplierGroup
from tradebridge.orders.services.addresses import ShipTo
from tradebridge.orders.services.cart_reads import variant_label

Text2 = Annotated[str, StringConstraints(max_length=2)]
Text3 = Annotated[str, StringConstraints(max_length=3)]
Text20 = Annotated[str, StringConstraints(max_length=20)]
Text64 = Annotated[str, StringConstraints(max_length=64)]
Text100 = Annotated[str, StringConstraints(max_length=100)]
Text120 = Annotated[str, StringConstraints(max_length=120)]
Text200 = Annotated[str, StringConstraints(max_length=200)]
Text5000 = Annotated[str, StringConstraints(max_length=5000)]


class MoneyOut(Schema):
    amount: str = Field(..., examples=["4.50"])
    currency: str = Field(..., examples=["USD"])


class CartItemIn(StrictIn):
    product_id: UUID
    quantity: StrictInt = Field(..., description="Units (or samples), a whole number >= 1.")
    variant_id: UUID | None = None
    is_sample: StrictBool = False


class CartItemPatchIn(StrictIn):
    quantity: StrictInt


class CartItemOut(Schema):
    id: UUID
    product_id: UUID
    variant_id: UUID | None
    quantity: int
    is_sample: bool
    unit_price_seen: MoneyOut


class ProblemOut(Schema):
    code: str = Field(..., examples=["below_moq"])
    details: dict[str, Any]


class CartLineOut(Schema):
    id: UUID
    product_id: UUID
    variant_id: UUID | None
    sku: str
    title: str
    variant_label: str
    quantity: int
    is_sample: bool
    unit_price: MoneyOut = Field(..., description="What a unit costs now (from the catalog).")
    line_total: MoneyOut
    unit_price_seen: MoneyOut = Field(..., description="What the buyer was last shown.")
    price_changed: bool
    stock_available: int | None = Field(..., description="None: made to order.")
    problems: list[ProblemOut]


class SupplierRefOut(Schema):
    id: UUID
    name: str


class CartGroupOut(Schema):
    supplier: SupplierRefOut
    currency: str
    lines: list[CartLineOut]
    total: MoneyOut


class CartOut(Schema):
    """The cart grouped per supplier and currency: each group becomes one order."""

    groups: list[CartGroupOut]
    line_count: int
    has_problems: bool
    price_changes: int


class ShipToIn(StrictIn):
    name: Text200
    line1: Text200
    line2: Text200 = ""
    city: Text100
    postal_code: Text20 = ""
    country: Text2 = Field(..., examples=["DE"])

    def ship_to(self) -> ShipTo:
        return ShipTo(
            name=self.name,
            line1=self.line1,
            line2=self.line2,
            city=self.city,
            postal_code=self.postal_code,
            country=self.country,
        )


class CheckoutIn(StrictIn):
    ship_to: ShipToIn | None = Field(None, description="Left out: the company's default address.")
    po_number: Text64 = ""
    incoterm: Text3 = Field("", examples=["FOB"])
    named_place: Text120 = ""
    notes: Text5000 = ""


class CheckoutOrderOut(Schema):
    id: UUID
    reference: str
    supplier: SupplierRefOut
    status: str
    total: MoneyOut


class CheckoutOut(Schema):
    purchase_id: UUID
    reference: str
    orders: list[CheckoutOrderOut]


class ShippingAddressIn(ShipToIn):
    is_default: StrictBool = False


class ShippingAddressOut(Schema):
    id: UUID
    name: str
    line1: str
    line2: str
    city: str
    postal_code: str
    country: str
    is_default: bool


def money_out(money: Money) -> dict[str, str]:
    """The wire form without the stored precision's trailing zeros ("4.5000" -> "4.50")."""
    return Money(money.amount.normalize(), money.currency).as_dict()


def cart_item_out(item: CartItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "product_id": item.product_id,
        "variant_id": item.variant_id,
        "quantity": item.quantity,
        "is_sample": item.is_sample,
        "unit_price_seen": money_out(Money(item.unit_price_seen, item.currency_seen)),
    }


def cart_out(review: CartReview, items: dict[UUID, CartItem]) -> dict[str, Any]:
    return {
        "groups": [_group_out(group, items) for group in review.groups],
        "line_count": len(review.lines),
        "has_problems": review.has_problems,
        "price_changes": len(review.price_changes),
    }


def _group_out(group: SupplierGroup, items: dict[UUID, CartItem]) -> dict[str, Any]:
    return {
        "supplier": {"id": group.supplier_id, "name": group.supplier_name},
        "currency": group.currency,
        "lines": [_line_out(line, items[line.line.item_id]) for line in group.lines],
        "total": money_out(group.total),
    }


def _line_out(line: ReviewLine, item: CartItem) -> dict[str, Any]:
    variant = item.variant
    return {
        "id": item.pk,
        "product_id": item.product_id,
        "variant_id": item.variant_id,
        "sku": variant.sku if variant is not None else item.product.sku,
        "title": item.product.title,
        "variant_label": variant_label(variant.options) if variant is not None else "",
        "quantity": item.quantity,
        "is_sample": item.is_sample,
        "unit_price": money_out(line.unit_price),
        "line_total": money_out(line.line_total),
        "unit_price_seen": money_out(line.line.seen),
        "price_changed": line.price_changed,
        "stock_available": line.line.stock,
        "problems": [{"code": p.code, "details": dict(p.details)} for p in line.problems],
    }


def checkout_out(purchase: Purchase, orders: list[Order]) -> dict[str, Any]:
    return {
        "purchase_id": purchase.pk,
        "reference": purchase.reference,
        "orders": [
            {
                "id": order.pk,
                "reference": order.reference,
                "supplier": {"id": order.supplier_id, "name": order.supplier.display_name},
                "status": order.status,
                "total": money_out(Money(order.total, order.currency)),
            }
            for order in orders
        ],
    }
