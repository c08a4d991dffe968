"""Purchases (one buyer checkout), orders (one per supplier), their lines, the order timeline
and the stock reservations an order holds."""

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.iso_codes import validate_country_code, validate_currency_code
from tradebridge.core.incoterms import Incoterm
from tradebridge.core.models import TimeStampedModel
from tradebridge.orders.enums import OrderSource, OrderStatus, ReservationStatus
from tradebridge.orders.models.base import (
    ShipToSnapshot,
    choice_valid,
    new_order_reference,
    new_purchase_reference,
    not_negative,
    percent_range,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def _money(label: "StrPromise") -> "models.DecimalField[Decimal, Decimal]":
    return models.DecimalField(label, max_digits=20, decimal_places=4)


class Purchase(ShipToSnapshot, TimeStampedModel):
    """One buyer checkout (or one ordered deal): the orders it created share it."""

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_purchase_reference, editable=False
    )
    buyer = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="purchases"
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    po_number = models.CharField(_("PO number"), max_length=64, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices, blank=True)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("purchase")
        verbose_name_plural = _("purchases")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("incoterm", Incoterm, "orders_purchase_incoterm_valid", blank=True),
        )
        indexes = (models.Index(fields=("buyer", "-created_at"), name="orders_purchase_buyer"),)

    def __str__(self) -> str:
        return self.reference


class Order(ShipToSnapshot, TimeStampedModel):
    """What one buyer buys from one supplier, with its own escrow, terms and documents.

    Written only through `orders.services`; the status moves through `orders.transitions`.
    Money: `subtotal`/`total` in `currency` (goods only for now). `balance_due` holds one of
    rfq's BalanceDue values as a plain string; `fx` is the frozen rate information of a deal.
    """

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_order_reference, editable=False
    )
    purchase = models.ForeignKey(Purchase, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="orders_bought"
    )
    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="orders_sold"
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=OrderStatus.choices,
        default=OrderStatus.AWAITING_CONFIRMATION,
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency_code])
    subtotal = _money(_("subtotal"))
    total = _money(_("total"))
    deposit_percent = models.DecimalField(
        _("deposit (%)"), max_digits=5, decimal_places=2, default=Decimal(100)
    )
    balance_due = models.CharField(_("balance due"), max_length=24, blank=True)
    commission_percent = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices, blank=True)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    po_number = models.CharField(_("PO number"), max_length=64, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=OrderSource.choices, default=OrderSource.CART
    )
    deal_reference = models.CharField(_("deal reference"), max_length=16, blank=True)
    fx = models.JSONField(_("frozen FX rate"), default=dict, blank=True)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), null=True, blank=True)
    confirm_by = models.DateTimeField(_("confirm by"), null=True, blank=True)
    deposit_due_at = models.DateTimeField(_("deposit due"), null=True, blank=True)
    ship_by = models.DateTimeField(_("ship by"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    protection_ends_at = models.DateTimeField(_("protection ends"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("cancellation reason"), max_length=64, blank=True)
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ("-created_at", "id")
        constraints = (
            choice_valid("status", OrderStatus, "orders_order_status_valid"),
            choice_valid("source", OrderSource, "orders_order_source_valid"),
            choice_valid("incoterm", Incoterm, "orders_order_incoterm_valid", blank=True),
            not_negative("subtotal", "orders_order_subtotal_not_negative"),
            not_negative("total", "orders_order_total_not_negative"),
            percent_range("deposit_percent", "orders_order_deposit_range"),
            percent_range("commission_percent", "orders_order_commission_range"),
            models.CheckConstraint(
                condition=~Q(buyer=F("supplier")), name="orders_order_two_companies"
            ),
            # An agreed deal is ordered once.
            models.UniqueConstraint(
                fields=("deal_reference",),
                condition=Q(source=OrderSource.DEAL),
                name="orders_order_one_per_deal",
            ),
        )
        indexes = (
            # The buyer's "My orders" and the supplier's "Orders" list pages.
            models.Index(fields=("buyer", "status", "-created_at"), name="orders_order_buyer_list"),
            models.Index(
                fields=("supplier", "status", "-created_at"), name="orders_order_supplier_list"
            ),
            models.Index(fields=("buyer", "-created_at"), name="orders_order_buyer_new"),
            models.Index(fields=("supplier", "-created_at"), name="orders_order_supplier_new"),
            # The timers look orders up by status and deadline.
            models.Index(fields=("status", "confirm_by"), name="orders_order_confirm_by"),
            models.Index(fields=("status", "deposit_due_at"), name="orders_order_deposit_due"),
            models.Index(fields=("status", "ship_by"), name="orders_order_ship_by"),
            models.Index(
                fields=("status", "protection_ends_at"), name="orders_order_protection_end"
            ),
        )

    def __str__(self) -> str:
        return self.reference


class OrderLine(models.Model):
    """One line of an order: a snapshot of the product as it was sold (the product may change
    or go away later)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=300)
    variant_label = models.CharField(_("variant"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=16)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    origin_country = models.CharField(
        _("country of origin"), max_length=2, blank=True, validators=[validate_country_code]
    )
    weight_kg = models.DecimalField(
        _("unit weight (kg)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    units_per_carton = models.PositiveIntegerField(_("units per carton"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample"), default=False)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = _money(_("unit price"))
    line_total = _money(_("line total"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ("order", "position")
        constraints = (
            models.UniqueConstraint(fields=("order", "position"), name="orders_line_position"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="orders_line_quantity_positive"
            ),
            not_negative("unit_price", "orders_line_unit_price_not_negative"),
            not_negative("line_total", "orders_line_total_not_negative"),
        )

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sku or self.title}"


class OrderEvent(models.Model):
    """One entry of an order's timeline (`placed`, `confirmed`, `deposit_paid`, `shipped`...).
    Append-only. `actor_user_id` None means the system (a timer or a payment)."""

    id = models.BigAutoField(primary_key=True)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=40)
    actor_user_id = models.UUIDField(null=True, blank=True)
    company_id = models.UUIDField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ("order", "id")
        indexes = (models.Index(fields=("order", "id"), name="orders_event_timeline"),)

    def __str__(self) -> str:
        return f"{self.order_id} {self.kind}"


class StockReservation(models.Model):
    """Units of a ready-to-ship product (or variant) taken from stock for an order line.

    Held from checkout; committed when production starts (sold); released back to stock on
    cancellation or expiry. Made-to-order lines (no stock) get no reservation.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="reservations")
    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="reservations")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="reservations"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reservations",
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReservationStatus.choices,
        default=ReservationStatus.HELD,
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stock reservation")
        verbose_name_plural = _("stock reservations")
        ordering = ("order", "created_at", "id")
        constraints = (
            choice_valid("status", ReservationStatus, "orders_reservation_status_valid"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="orders_reservation_quantity_positive"
            ),
        )
        indexes = (models.Index(fields=("status", "expires_at"), name="orders_reservation_expiry"),)

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id} ({self.status})"
