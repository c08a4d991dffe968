"""The operator's view of RFQs: the operator settings are editable; RFQs, quotes, revisions,
counter-offers and deals are read-only (they change only through the services; a deal never
changes at all)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tradebridge.core.admin import ReadOnlyAdmin
from tradebridge.rfq.models import RFQ, CounterOffer, Deal, Quote, QuoteRevision, RFQSettings


@admin.register(RFQ)
class RFQAdmin(ReadOnlyAdmin[RFQ]):
    list_display = ("reference", "title", "buyer", "status", "visibility", "quote_deadline")
    list_filter = ("status", "visibility")
    search_fields = ("=reference", "title", "buyer__display_name")
    list_select_related = ("buyer",)
    date_hierarchy = "created_at"


@admin.register(Quote)
class QuoteAdmin(ReadOnlyAdmin[Quote]):
    list_display = ("rfq", "supplier", "status", "current_revision_number", "created_at")
    list_filter = ("status",)
    search_fields = ("=rfq__reference", "supplier__display_name")
    list_select_related = ("rfq", "supplier")


@admin.register(QuoteRevision)
class QuoteRevisionAdmin(ReadOnlyAdmin[QuoteRevision]):
    list_display = ("quote", "number", "currency", "incoterm", "valid_until", "created_at")
    search_fields = ("=quote__rfq__reference",)


@admin.register(CounterOffer)
class CounterOfferAdmin(ReadOnlyAdmin[CounterOffer]):
    list_display = ("quote", "target_unit_price", "currency", "status", "created_at")
    list_filter = ("status",)


@admin.register(Deal)
class DealAdmin(ReadOnlyAdmin[Deal]):
    list_display = ("reference", "buyer", "supplier", "unit_price", "currency", "quantity")
    search_fields = ("=reference", "buyer__display_name", "supplier__display_name")
    list_select_related = ("buyer", "supplier")


@admin.register(RFQSettings)
class RFQSettingsAdmin(admin.ModelAdmin[RFQSettings]):
    """One row: the operator edits it, never adds a second or deletes it."""

    list_display = (
        "suppliers_notified_per_rfq",
        "quotes_per_supplier_per_day",
        "rfqs_per_company_per_day",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not RFQSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
