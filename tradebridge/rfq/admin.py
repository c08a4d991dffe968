"""The operator's view of RFQs: the operator settings are editable; RFQs, quotes, revisions,
counter-offers and deals are read-only (they change only through the services; a deal never
changes at all)."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.core.admin import ReadOnlyAdmin
from tradebridge.core.errors import DomainError, PermissionDenied
from tradebridge.rfq.models import (
    RFQ,
    CounterOffer,
    Deal,
    Quote,
    QuoteRevision,
    RFQReport,
    RFQSettings,
)
from tradebridge.rfq.services.reports import rfq_report_dismiss, rfq_report_hide


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


@admin.register(RFQReport)
class RFQReportAdmin(ReadOnlyAdmin[RFQReport]):
    """Suppliers' reports of RFQs. Hiding cancels the RFQ (`rfq.services.reports`) and may
    suspend the buyer's company (companies' suspension service); the report's reason is the
    operator's note."""

    list_display = ("created_at", "rfq", "buyer", "reporter_company", "reason", "status")
    list_filter = ("status",)
    list_select_related = ("rfq", "rfq__buyer", "reporter_company")
    search_fields = ("=rfq__reference", "rfq__title", "reporter_company__display_name")
    fields = (
        "rfq",
        "buyer",
        "rfq_description",
        "reporter_company",
        "reporter",
        "reason",
        "status",
        "decided_by",
        "decided_at",
        "decision_note",
    )
    readonly_fields = fields
    actions = ("hide", "hide_and_suspend", "dismiss")

    @admin.display(description=_("buyer"))
    def buyer(self, report: RFQReport) -> str:
        return str(report.rfq.buyer)

    @admin.display(description=_("description"))
    def rfq_description(self, report: RFQReport) -> str:
        return report.rfq.description[:500]

    @admin.action(description=_("Hide the reported RFQs (cancel them)"))
    def hide(self, request: HttpRequest, queryset: QuerySet[RFQReport]) -> None:
        operator = _operator(request)
        _decide(request, queryset, lambda r: rfq_report_hide(
            operator=operator, report_id=r.id, note=_hidden_note(r)
        ))  # fmt: skip

    @admin.action(description=_("Hide the RFQs and suspend their buyers' companies"))
    def hide_and_suspend(self, request: HttpRequest, queryset: QuerySet[RFQReport]) -> None:
        operator = _operator(request)
        _decide(request, queryset, lambda r: rfq_report_hide(
            operator=operator, report_id=r.id, note=_hidden_note(r), suspend_buyer=True
        ))  # fmt: skip

    @admin.action(description=_("Dismiss the reports"))
    def dismiss(self, request: HttpRequest, queryset: QuerySet[RFQReport]) -> None:
        operator = _operator(request)
        _decide(request, queryset, lambda r: rfq_report_dismiss(operator=operator, report_id=r.id))


def _hidden_note(report: RFQReport) -> str:
    return f"RFQ hidden by the operator after a report: {report.reason[:200]}"


def _operator(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied()
    return request.user


def _decide(
    request: HttpRequest, queryset: QuerySet[RFQReport], act: Callable[[RFQReport], object]
) -> None:
    done = 0
    for report in queryset.select_related("rfq"):
        try:
            act(report)
        except DomainError as error:
            messages.error(request, f"{report.rfq.reference}: {error.message}")
        else:
            done += 1
    if done:
        messages.success(request, _("%(count)d reports decided.") % {"count": done})
