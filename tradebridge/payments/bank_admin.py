"""The operator's bank screens in the back office: incoming transfers (held ones first) with
"match to an instalment" and "return to the payer", the statement upload page, and payout
batches with "run payouts", "mark paid" and the payout report.

Every change goes through a service (`payments.services.bank_transfers`, `.statements`,
`.payouts`), which checks the operator again; the pages only ask and report. Imported by
`payments/admin.py` (which Django's admin discovers).
"""

import uuid
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.core.admin import ReadOnlyAdmin
from tradebridge.core.errors import DomainError, PermissionDenied
from tradebridge.core.money import Money
from tradebridge.payments.bank_selectors import (
    instalment_search_for_operator,
    payout_report_rows,
    transfer_held,
)
from tradebridge.payments.bank_transitions import TRANSFER_HELD_STATUSES
from tradebridge.payments.enums import PayoutBatchStatus, TransferStatus
from tradebridge.payments.models import IncomingTransfer, Payout, PayoutBatch
from tradebridge.payments.payout_report import payout_report_csv
from tradebridge.payments.services.bank_transfers import transfer_match, transfer_return
from tradebridge.payments.services.payouts import payout_mark_paid, payouts_run, refunds_run
from tradebridge.payments.services.statements import statement_import
from tradebridge.payments.statements.lines import MAX_STATEMENT_BYTES


def _operator(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied()
    return request.user


class HeldFilter(admin.SimpleListFilter):
    """Transfers with money held for review (unmatched or partially matched)."""

    title = _("held for review")
    parameter_name = "held"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Held for review")), ("no", _("Settled"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(status__in=TRANSFER_HELD_STATUSES)
        if self.value() == "no":
            return queryset.exclude(status__in=TRANSFER_HELD_STATUSES)
        return queryset


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the money goes back (kept in the audit log)."),
    )


class StatementForm(forms.Form):
    file = forms.FileField(
        label=_("Statement file"),
        help_text=_("ISO 20022 camt.053 (XML) or CSV, at most 20 MB. See docs/payments.md."),
    )


@admin.register(IncomingTransfer)
class IncomingTransferAdmin(ReadOnlyAdmin[IncomingTransfer]):
    list_display = (
        "created_at",
        "value_date",
        "amount_shown",
        "held_shown",
        "status",
        "payer_name",
        "reference_text",
        "instalment",
        "operator_actions",
    )
    list_filter = (HeldFilter, "status", "source", "currency")
    search_fields = ("=source_ref", "reference_text", "payer_name", "=instalment__reference")
    list_select_related = ("instalment",)
    date_hierarchy = "created_at"
    change_list_template = "admin/payments/incomingtransfer/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[IncomingTransfer]:
        """Held transfers first (unmatched, then partially matched), newest first."""
        return (
            super()
            .get_queryset(request)
            .annotate(
                queue=Case(
                    When(status=TransferStatus.UNMATCHED, then=Value(0)),
                    When(status=TransferStatus.PARTIALLY_MATCHED, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("queue", "-created_at", "id")
        )

    @admin.display(description=_("amount"), ordering="amount")
    def amount_shown(self, transfer: IncomingTransfer) -> str:
        return str(Money(transfer.amount, transfer.currency).rounded())

    @admin.display(description=_("held for review"))
    def held_shown(self, transfer: IncomingTransfer) -> str:
        held = transfer_held(transfer)
        return "" if held.is_zero() else str(held.rounded())

    @admin.display(description=_("actions"))
    def operator_actions(self, transfer: IncomingTransfer) -> SafeString | str:
        if transfer.status not in TRANSFER_HELD_STATUSES:
            return ""
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            reverse("admin:payments_incomingtransfer_match", args=[transfer.pk]),
            _("Match"),
            reverse("admin:payments_incomingtransfer_return", args=[transfer.pk]),
            _("Return"),
        )

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "upload-statement/",
                view(self.upload_statement_view),
                name="payments_incomingtransfer_upload",
            ),
            path(
                "<uuid:transfer_id>/match/",
                view(self.match_view),
                name="payments_incomingtransfer_match",
            ),
            path(
                "<uuid:transfer_id>/return/",
                view(self.return_view),
                name="payments_incomingtransfer_return",
            ),
            *super().get_urls(),
        ]

    def _page(self, request: HttpRequest, template: str, **context: Any) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"admin/payments/incomingtransfer/{template}",
            {**self.admin_site.each_context(request), "opts": self.model._meta, **context},
        )

    def _changelist(self) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:payments_incomingtransfer_changelist"))

    def match_view(self, request: HttpRequest, transfer_id: uuid.UUID) -> HttpResponse:
        """Search open instalments (reference, order reference or amount); POST matches."""
        operator = _operator(request)
        transfer = get_object_or_404(IncomingTransfer, pk=transfer_id)
        if request.method == "POST":
            try:
                transfer_match(
                    operator=operator,
                    transfer_id=transfer.pk,
                    instalment_id=uuid.UUID(request.POST.get("instalment_id", "")),
                )
            except (DomainError, ValueError) as error:
                messages.error(request, getattr(error, "message", str(error)))
            else:
                messages.success(request, _("The transfer was applied."))
                return self._changelist()
        query = request.GET.get("q", "").strip() or _suggested_query(transfer)
        return self._page(
            request,
            "match.html",
            title=_("Match a transfer to an instalment"),
            transfer=transfer,
            held=transfer_held(transfer),
            query=query,
            instalments=instalment_search_for_operator(user=operator, query=query),
        )

    def return_view(self, request: HttpRequest, transfer_id: uuid.UUID) -> HttpResponse:
        operator = _operator(request)
        transfer = get_object_or_404(IncomingTransfer, pk=transfer_id)
        form = ReturnForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                transfer_return(
                    operator=operator, transfer_id=transfer.pk, note=form.cleaned_data["note"]
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The return to the payer was booked."))
                return self._changelist()
        return self._page(
            request,
            "return.html",
            title=_("Return a transfer to its payer"),
            transfer=transfer,
            held=transfer_held(transfer),
            form=form,
        )

    def upload_statement_view(self, request: HttpRequest) -> HttpResponse:
        operator = _operator(request)
        form = StatementForm(request.POST or None, request.FILES or None)
        summary = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                summary = statement_import(
                    operator=operator,
                    filename=upload.name,
                    data=upload.read(MAX_STATEMENT_BYTES + 1),
                )
            except DomainError as error:
                messages.error(request, error.message)
        return self._page(
            request,
            "upload.html",
            title=_("Import a bank statement"),
            form=form,
            summary=summary,
        )


def _suggested_query(transfer: IncomingTransfer) -> str:
    """Start the search with the transfer's amount: what an operator looks for first."""
    return str(Money(transfer.amount, transfer.currency).rounded().amount)


class PayoutInline(admin.TabularInline[Payout, PayoutBatch]):
    model = Payout
    fields = ("supplier", "amount", "currency", "reference", "status", "paid_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdmin[PayoutBatch]):
    list_display = ("created_at", "currency", "count", "total_shown", "status", "paid_at", "report")
    list_filter = ("status", "currency")
    date_hierarchy = "created_at"
    actions = ("mark_paid",)
    inlines = (PayoutInline,)
    change_list_template = "admin/payments/payoutbatch/change_list.html"

    @admin.display(description=_("total"), ordering="total")
    def total_shown(self, batch: PayoutBatch) -> str:
        return str(Money(batch.total, batch.currency).rounded())

    @admin.display(description=_("payout report"))
    def report(self, batch: PayoutBatch) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:payments_payoutbatch_report", args=[batch.pk]),
            _("CSV"),
        )

    @admin.action(description=_("Mark paid (the bank paid every payout)"))
    def mark_paid(self, request: HttpRequest, queryset: QuerySet[PayoutBatch]) -> None:
        operator = _operator(request)
        done = 0
        for batch in queryset.filter(status=PayoutBatchStatus.PENDING):
            payout_mark_paid(operator=operator, batch_id=batch.pk)
            done += 1
        messages.success(request, _("%(count)d payout batches marked paid.") % {"count": done})

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("run/", view(self.run_view), name="payments_payoutbatch_run"),
            path("refunds/", view(self.refunds_view), name="payments_payoutbatch_refunds"),
            path(
                "<uuid:batch_id>/report.csv",
                view(self.report_view),
                name="payments_payoutbatch_report",
            ),
            *super().get_urls(),
        ]

    def run_view(self, request: HttpRequest) -> HttpResponse:
        """POST only: batch everything owed to suppliers."""
        if request.method == "POST":
            batches = payouts_run(operator=_operator(request))
            if batches:
                messages.success(
                    request, _("%(count)d payout batches made.") % {"count": len(batches)}
                )
            else:
                messages.info(request, _("Nothing is owed to suppliers: no payouts."))
        return HttpResponseRedirect(reverse("admin:payments_payoutbatch_changelist"))

    def refunds_view(self, request: HttpRequest) -> HttpResponse:
        """POST only: book every refund owed to a buyer as paid out."""
        if request.method == "POST":
            paid = refunds_run(operator=_operator(request))
            lines = [f"{refund.amount} → {refund.buyer_id}" for refund in paid]
            if lines:
                messages.success(
                    request,
                    _("Refunds to pay by bank transfer: %(lines)s") % {"lines": "; ".join(lines)},
                )
            else:
                messages.info(request, _("No refunds are owed to buyers."))
        return HttpResponseRedirect(reverse("admin:payments_payoutbatch_changelist"))

    def report_view(self, request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
        _operator(request)
        batch = get_object_or_404(PayoutBatch, pk=batch_id)
        response = HttpResponse(
            payout_report_csv(payout_report_rows(batch)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="payouts-{batch.pk}.csv"'
        return response
