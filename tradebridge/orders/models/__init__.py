"""Carts, purchases, orders and their lines, the order timeline, stock reservations, shipping
addresses and trade documents.

Rows are written only through `orders.services` (documents: `orders.documents`); order
statuses move through `orders.transitions`. One module per sub-domain: `carts`, `orders`,
`documents`, and `base` for what they share; import the models from here.
"""

from tradebridge.orders.models.base import new_order_reference, new_purchase_reference
from tradebridge.orders.models.carts import Cart, CartItem, ShippingAddress
from tradebridge.orders.models.documents import DocumentSequence, TradeDocument, _document_path
from tradebridge.orders.models.notifications import OrderEventEmail
from tradebridge.orders.models.orders import (
    Order,
    OrderEvent,
    OrderLine,
    Purchase,
    StockReservation,
)
from tradebridge.orders.models.terms import SupplierTerms

__all__ = [
    "Cart",
    "CartItem",
    "DocumentSequence",
    "Order",
    "OrderEvent",
    "OrderEventEmail",
    "OrderLine",
    "Purchase",
    "ShippingAddress",
    "StockReservation",
    "SupplierTerms",
    "TradeDocument",
    "_document_path",  # named by migrations
    "new_order_reference",
    "new_purchase_reference",
]
