"""Choices of the orders domain: order, reservation and trade-document kinds and statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    """Where an order is in its life (moves: `orders.transitions`)."""

    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting supplier confirmation")
    AWAITING_DEPOSIT = "awaiting_deposit", _("Awaiting deposit")
    IN_PRODUCTION = "in_production", _("In production")
    AWAITING_BALANCE = "awaiting_balance", _("Awaiting balance")
    READY_TO_SHIP = "ready_to_ship", _("Ready to ship")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    DISPUTED = "disputed", _("Disputed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class OrderSource(models.TextChoices):
    """Where an order came from: a buyer's cart checkout, or an agreed RFQ deal."""

    CART = "cart", _("Cart")
    DEAL = "deal", _("Agreed deal")


class ReservationStatus(models.TextChoices):
    """A stock reservation: held from checkout, committed when production starts (the units
    are sold), or released (back to stock: cancellation or expiry)."""

    HELD = "held", _("Held")
    COMMITTED = "committed", _("Committed")
    RELEASED = "released", _("Released")


class TradeDocumentKind(models.TextChoices):
    """The trade documents an order produces."""

    PROFORMA_INVOICE = "proforma_invoice", _("Proforma invoice")
    COMMERCIAL_INVOICE = "commercial_invoice", _("Commercial invoice")
    PACKING_LIST = "packing_list", _("Packing list")


class BalanceDue(models.TextChoices):
    """When the balance (the price less the deposit) is due: the same values as rfq's
    BalanceDue (orders may not import rfq), stored as plain strings on `Order.balance_due`."""

    BEFORE_SHIPMENT = "before_shipment", _("Before shipment")
    AGAINST_DOCUMENTS = "against_documents", _("Against shipping documents")
    ON_DELIVERY = "on_delivery", _("On delivery")
    NET_30 = "net_30", _("30 days after delivery")
