"""The operator's dispute screen (registered from `payments.admin`): open disputes first,
escalated ones at the top; each dispute's "decide" page shows both parties' statements, the
evidence (signed links made for the operator), the escrow's amounts and the timeline, and
decides through `dispute_decide` (full refund, partial refund, release). Disputes are never
edited here."""

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.core.admin import ReadOnlyAdmin
from tradebridge.core.errors import DomainError
from tradebridge.core.money import Money
from tradebridge.payments.dispute_downloads import evidence_link
from tradebridge.payments.dispute_selectors import (
    dispute_event_list,
    dispute_evidence_list,
    disputes_for_operator,
    disputes_in_stage,
    operator_ordering,
)
from tradebridge.payments.dispute_stages import dispute_stage, stage_tone
from tradebridge.payments.dispute_transitions import OPEN_STATUSES
from tradebridge.payments.enums import DisputeStage
from tradebridge.payments.ledger import from_minor
from tradebridge.payments.models import Dispute
from tradebridge.payments.services.disputes import DisputeDecision, dispute_decide

# What each dispute timeline entry says on the operator's decide page (kinds from the services).
DISPUTE_EVENT_LABELS = {
    "opened": _("The buyer opened the dispute"),
    "evidence_added": _("Evidence added"),
    "accepted": _("The supplier accepted the requested refund"),
    "countered": _("The supplier offered a partial refund"),
    "contested": _("The supplier contested the claim"),
    "counter_accepted": _("The buyer accepted the supplier's offer"),
    "escalated": _("Escalated to the operator"),
    "withdrawn": _("The buyer withdrew the dispute"),
    "decided": _("The operator decided"),
}


class DecideForm(forms.Form):
    resolution = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (DisputeDecision.FULL_REFUND, _("Full refund to the buyer")),
            (DisputeDecision.PARTIAL_REFUND, _("Partial refund, the rest to the supplier")),
            (DisputeDecision.RELEASE, _("Release everything to the supplier")),
        ],
        widget=forms.RadioSelect,
    )
    refund_amount = forms.CharField(
        label=_("Refund (partial refund only)"), required=False, max_length=24
    )
    note = forms.CharField(
        label=_("Reasons (both parties read them)"), widget=forms.Textarea, max_length=5000
    )

    def refund(self, currency: str) -> Money | None:
        raw = (self.cleaned_data.get("refund_amount") or "").strip().replace(",", ".")
        if not raw:
            return None
        try:
            return Money(Decimal(raw), currency)
        except (InvalidOperation, DomainError):
            raise forms.ValidationError(_("Enter an amount such as 150.00.")) from None


class StageFilter(admin.SimpleListFilter):
    """The list's status filter, by stage: a contest apart from a counter-offer."""

    title = _("status")
    parameter_name = "stage"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(stage.value, stage.label) for stage in DisputeStage]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Dispute]) -> QuerySet[Dispute]:
        value = self.value()
        if value not in DisputeStage.values:
            return queryset
        return disputes_in_stage(queryset, DisputeStage(value))


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin[Dispute]):
    # Four narrow columns that wrap, so the list fits beside the admin's sidebars at 1280 px
    # and on a phone; the dates are the stage's own (answer by, escalates, escalated...).
    list_display = ("order_reference", "stage", "claim", "decide_link")
    list_filter = (StageFilter, "reason")
    search_fields = ("order_reference",)

    class Media:
        css = {"all": ("css/admin-disputes.css",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Dispute]:
        return disputes_for_operator().select_related("buyer", "supplier", "hold")

    def get_ordering(self, request: HttpRequest) -> tuple[OrderBy | str, ...]:
        return operator_ordering()  # an empty one would fall back to the model's newest-first

    @admin.display(description=_("status"))
    def stage(self, dispute: Dispute) -> SafeString:
        stage = dispute_stage(status=dispute.status, supplier_response=dispute.supplier_response)
        return format_html(
            '<span class="dispute-stage dispute-stage--{}" data-stage="{}">{}</span>{}',
            stage_tone(stage),
            stage.value,
            stage.label,
            _stage_date(dispute, stage),
        )

    @admin.display(description=_("claim"))
    def claim(self, dispute: Dispute) -> SafeString:
        return format_html(
            '{}<span class="dispute-claim__amount">{}</span>',
            dispute.get_reason_display(),
            Money(dispute.requested_refund, dispute.currency).rounded(),
        )

    @admin.display(description=_("decide"))
    def decide_link(self, dispute: Dispute) -> SafeString | str:
        if dispute.status not in OPEN_STATUSES:
            return ""
        url = reverse("admin:payments_dispute_decide", args=[dispute.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Decide"))

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<uuid:dispute_id>/decide/",
                view(self.decide_view),
                name="payments_dispute_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, dispute_id: uuid.UUID) -> HttpResponse:
        """The case (statements, evidence, escrow, timeline) and the decision form."""
        operator = request.user
        if not isinstance(operator, User):
            raise PermissionDenied
        disputes = Dispute.objects.select_related("buyer", "supplier", "hold")
        dispute = get_object_or_404(disputes, pk=dispute_id)
        form = DecideForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            done = self._decide(request, operator, dispute, form)
            if done is not None:
                return done
        return TemplateResponse(
            request,
            "admin/payments/dispute/decide.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Decide dispute %(reference)s") % {"reference": dispute.order_reference},
                "media": self.media,
                **self._case(dispute, operator),
                "form": form,
            },
        )

    def _decide(
        self, request: HttpRequest, operator: User, dispute: Dispute, form: DecideForm
    ) -> HttpResponse | None:
        try:
            dispute_decide(
                operator=operator,
                dispute_id=dispute.pk,
                resolution=form.cleaned_data["resolution"],
                refund_amount=form.refund(dispute.currency),
                note=form.cleaned_data["note"],
            )
        except forms.ValidationError as error:
            form.add_error("refund_amount", error)
            return None
        except DomainError as error:
            messages.error(request, error.message)
            return None
        messages.success(request, _("The dispute is decided; the money has moved."))
        return HttpResponseRedirect(reverse("admin:payments_dispute_changelist"))

    def _case(self, dispute: Dispute, operator: User) -> dict[str, Any]:
        hold = dispute.hold
        stage = dispute_stage(status=dispute.status, supplier_response=dispute.supplier_response)
        return {
            "dispute": dispute,
            "stage": stage,
            "stage_tone": stage_tone(stage),
            "is_open": dispute.status in OPEN_STATUSES,
            "requested": Money(dispute.requested_refund, dispute.currency).rounded(),
            "counter": (
                Money(dispute.counter_refund, dispute.currency).rounded()
                if dispute.counter_refund is not None
                else None
            ),
            "held": from_minor(hold.held_minor, hold.currency),
            "deposited": from_minor(hold.deposited_minor, hold.currency),
            "commission_percent": hold.commission_percent,
            "evidence": [
                (item, evidence_link(evidence_id=item.pk, user_id=operator.pk))
                for item in dispute_evidence_list(dispute)
            ],
            "events": [
                (event, DISPUTE_EVENT_LABELS.get(event.kind, event.kind))
                for event in dispute_event_list(dispute)
            ],
        }


# What the date under a stage says: the next deadline of an open dispute, or when it ended.
_STAGE_DATES = {
    DisputeStage.AWAITING_SUPPLIER: ("respond_by", _("answer by %(date)s")),
    DisputeStage.SUPPLIER_COUNTERED: ("escalate_by", _("escalates on %(date)s")),
    DisputeStage.SUPPLIER_CONTESTED: ("escalate_by", _("escalates on %(date)s")),
    DisputeStage.ESCALATED: ("escalated_at", _("escalated on %(date)s")),
    DisputeStage.RESOLVED: ("resolved_at", _("resolved on %(date)s")),
}


def _stage_date(dispute: Dispute, stage: DisputeStage) -> SafeString | str:
    if stage not in _STAGE_DATES:
        return ""
    field, sentence = _STAGE_DATES[stage]
    moment = getattr(dispute, field)
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return format_html(
        '<time class="dispute-stage__date" datetime="{}" title="{}">{}</time>',
        local.isoformat(),
        formats.date_format(local, "DATETIME_FORMAT"),
        str(sentence) % {"date": formats.date_format(local, "DATE_FORMAT")},
    )
