"""The operator's back office for the catalog: listing moderation (approve products waiting
for review, suspend with a reason, reinstate), all through the services; categories and import
jobs read-only. Operators never edit a supplier's product by hand."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.catalog.models import Category, ImportJob, PriceTier, Product, ProductVariant
from tradebridge.catalog.services import product_approve, product_reinstate, product_suspend
from tradebridge.core.admin import done_message
from tradebridge.core.errors import DomainError, PermissionDenied


class ReadOnlyAdmin[M: Any](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TierInline(ReadOnlyInline):
    model = PriceTier
    fields = ("min_quantity", "unit_price")
    readonly_fields = fields


class VariantInline(ReadOnlyInline):
    model = ProductVariant
    fields = ("sku", "options", "stock", "position")
    readonly_fields = fields


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The supplier sees it beside the product."),
    )


def _operator(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied()
    return request.user


_DONE = {
    "approved": (_("Product %(names)s approved."), _("%(count)d products approved: %(names)s.")),
    "suspended": (
        _("Product %(names)s suspended."),
        _("%(count)d products suspended: %(names)s."),
    ),
    "reinstated": (
        _("Product %(names)s reinstated."),
        _("%(count)d products reinstated: %(names)s."),
    ),
}


def _each(
    queryset: QuerySet[Product], act: Callable[[Product], object]
) -> tuple[list[Product], list[str]]:
    """Apply `act` to every product: those it succeeded for, and a line per domain error."""
    done: list[Product] = []
    failures: list[str] = []
    for product in queryset:
        try:
            act(product)
        except DomainError as error:
            failures.append(f"{product}: {error.message}")
        else:
            done.append(product)
    return done, failures


def _report(request: HttpRequest, done: list[Product], failures: list[str], outcome: str) -> None:
    for failure in failures:
        messages.error(request, failure)
    if done:
        one, many = _DONE[outcome]
        names = [product.title for product in done]
        messages.success(request, done_message(one, many, names=names))


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin[Product]):
    list_display = (
        "sku",
        "title",
        "supplier",
        "status",
        "min_unit_price",
        "currency",
        "updated_at",
    )
    list_filter = ("status", ("supplier", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("supplier",)
    search_fields = ("sku", "title", "supplier__display_name", "supplier__slug")
    readonly_fields = (
        "supplier",
        "sku",
        "title",
        "description",
        "category",
        "status",
        "status_reason",
        "published_at",
        "currency",
        "moq",
        "order_multiple",
        "unit",
        "lead_time_days",
        "stock",
        "hs_code",
        "origin_country",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    inlines = (TierInline, VariantInline)
    actions = ("approve", "suspend", "reinstate")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    @admin.action(description=_("Approve (publish products waiting for review)"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        operator = _operator(request)
        with transaction.atomic():  # one commit: the supplier gets one e-mail for them all
            done, failures = _each(
                queryset, lambda product: product_approve(operator=operator, product_id=product.id)
            )
        _report(request, done, failures, "approved")

    @admin.action(description=_("Suspend (hide everywhere, with a reason)"))
    def suspend(self, request: HttpRequest, queryset: QuerySet[Product]) -> TemplateResponse | None:
        operator = _operator(request)
        form = SuspendForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._ask(request, queryset, form, str(_("Suspend products")))
        reason = form.cleaned_data["reason"]
        with transaction.atomic():  # one commit: one e-mail per supplier, with the one reason
            done, failures = _each(
                queryset,
                lambda product: product_suspend(
                    operator=operator, product_id=product.id, reason=reason
                ),
            )
        _report(request, done, failures, "suspended")
        return None

    @admin.action(description=_("Reinstate suspended products"))
    def reinstate(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        operator = _operator(request)
        done, failures = _each(
            queryset, lambda product: product_reinstate(operator=operator, product_id=product.id)
        )
        _report(request, done, failures, "reinstated")

    def _ask(
        self, request: HttpRequest, queryset: QuerySet[Product], form: forms.Form, title: str
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "objects": [str(product) for product in queryset],
            "pks": [product.pk for product in queryset],
            "opts": self.model._meta,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        # The companies app's generic "confirm with a form" page.
        return TemplateResponse(request, "admin/companies/action_form.html", context)


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin[Category]):
    list_display = ("id", "path", "depth")
    search_fields = ("path",)
    list_filter = ("depth",)
    fields = ("id", "name", "name_de", "name_es", "path", "depth", "parent")
    readonly_fields = fields


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin[ImportJob]):
    list_display = (
        "filename",
        "supplier",
        "status",
        "dry_run",
        "processed_rows",
        "created_count",
        "updated_count",
        "error_count",
        "created_at",
    )
    list_filter = ("status", "format", "dry_run")
    list_select_related = ("supplier",)
    search_fields = ("filename", "supplier__display_name")
    exclude = ("file",)
