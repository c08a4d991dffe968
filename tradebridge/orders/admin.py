"""The operator's view of purchases, orders (with their lines, timeline and stock
reservations) and trade documents: read-only, because orders change only through the
services (`orders.services`), which keep the escrow, the stock and the timeline in step.
Suppliers' payment terms are read-only too: suppliers set them (audited) in their settings."""

from django.contrib import admin

from tradebridge.core.admin import ReadOnlyAdmin
from tradebridge.orders.models import (
    Order,
    OrderEvent,
    OrderLine,
    Purchase,
    StockReservation,
    SupplierTerms,
    TradeDocument,
)


class _ReadOnlyInline[M: OrderLine | OrderEvent | StockReservation](admin.TabularInline[M, Order]):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


class OrderLineInline(_ReadOnlyInline[OrderLine]):
    model = OrderLine
    fields = (
        "position",
        "sku",
        "title",
        "variant_label",
        "is_sample",
        "quantity",
        "unit_price",
        "line_total",
    )


class OrderEventInline(_ReadOnlyInline[OrderEvent]):
    model = OrderEvent
    fields = ("created_at", "kind", "actor_user_id", "company_id", "data")


class StockReservationInline(_ReadOnlyInline[StockReservation]):
    model = StockReservation
    fk_name = "order"
    fields = ("product", "variant", "quantity", "status", "expires_at", "released_at")


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin[Order]):
    list_display = ("reference", "buyer", "supplier", "status", "total", "currency", "created_at")
    list_filter = ("status", "source", "currency")
    search_fields = (
        "=reference",
        "=po_number",
        "=deal_reference",
        "buyer__display_name",
        "supplier__display_name",
    )
    list_select_related = ("buyer", "supplier")
    date_hierarchy = "created_at"
    inlines = (OrderLineInline, StockReservationInline, OrderEventInline)


@admin.register(Purchase)
class PurchaseAdmin(ReadOnlyAdmin[Purchase]):
    list_display = ("reference", "buyer", "placed_by", "po_number", "created_at")
    search_fields = ("=reference", "=po_number", "buyer__display_name")
    list_select_related = ("buyer", "placed_by")
    date_hierarchy = "created_at"


@admin.register(TradeDocument)
class TradeDocumentAdmin(ReadOnlyAdmin[TradeDocument]):
    list_display = ("number", "kind", "order", "supplier", "issued_at")
    list_filter = ("kind",)
    search_fields = ("=number", "=order__reference")
    list_select_related = ("order", "supplier")


@admin.register(SupplierTerms)
class SupplierTermsAdmin(ReadOnlyAdmin[SupplierTerms]):
    list_display = ("company", "deposit_percent", "balance_due", "updated_by", "updated_at")
    list_filter = ("balance_due",)
    search_fields = ("company__display_name", "company__legal_name")
    list_select_related = ("company", "updated_by")
