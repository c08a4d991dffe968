"""The buyer's page of one RFQ (/rfqs/<id>/): its status and actions, the request, the
matched suppliers with their reasons, the quotes side by side (sortable, in a chosen currency)
and each quote's history and counter-offers. The comparison table is also an HTMX fragment.

Everything here is read through the selectors with the actor: another company's RFQ is 404,
and a supplier never reaches this page (its own view is `rfq.web.supplier`).
"""

import dataclasses
import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.core.errors import Conflict, DomainError, ValidationFailed
from tradebridge.core.fx import RateUnavailable
from tradebridge.rfq.comparison import LOWER_IS_BETTER, Column, Comparison
from tradebridge.rfq.downloads import FileKind, download_url
from tradebridge.rfq.enums import BalanceDue, RFQStatus
from tradebridge.rfq.models import RFQ, Quote
from tradebridge.rfq.quote_selectors import (
    counter_offer_list,
    deal_list_for_actor,
    quote_comparison_for_buyer,
    quote_list_for_buyer,
    quote_revision_list,
)
from tradebridge.rfq.selectors import (
    rfq_attachment_list,
    rfq_get_for_buyer,
    rfq_invitation_list,
)
from tradebridge.rfq.services.rfq_statuses import rfq_cancel, rfq_close, rfq_open
from tradebridge.rfq.transitions import QUOTE_LIVE_STATUSES
from tradebridge.rfq.web.display import (
    QuoteView,
    message_link,
    money_text,
    quote_view,
    reasons_texts,
    rfq_facts,
    unit_price_text,
)
from tradebridge.rfq.web.forms import AttachmentForm, ReopenForm
from tradebridge.rfq.web.rfq_form import REASONS
from tradebridge.rfq.web.roles import ensure_buyer

SORTABLE = {column.value: column for column in Column}


def attachment_links(actor: Membership, attachments: Any, kind: FileKind) -> list[dict[str, Any]]:
    """Each attachment's name, size and a signed link made for `actor`."""
    return [
        {
            "name": attachment.original_filename,
            "size": attachment.size,
            "url": download_url(kind=kind, attachment_id=attachment.pk, actor=actor),
        }
        for attachment in attachments
    ]


def quote_views(actor: Membership, quotes: list[Quote]) -> list[QuoteView]:
    """Each quote with its revisions (and their attachments' links) and counter-offers."""
    views = []
    for quote in quotes:
        revisions = list(quote_revision_list(quote=quote))
        links = {
            revision.pk: attachment_links(actor, revision.attachments.all(), FileKind.QUOTE)
            for revision in revisions
        }
        views.append(quote_view(quote, revisions, counter_offer_list(quote=quote), links))
    return views


def _sorting(request: HttpRequest) -> tuple[Column, bool]:
    text = request.GET.get("sort", "")
    reverse = text.startswith("-")
    return SORTABLE.get(text.lstrip("-"), Column.TOTAL), reverse


def _currency(request: HttpRequest, rfq: RFQ) -> str:
    chosen = request.GET.get("currency", "").upper()
    return chosen if chosen in DISPLAY_CURRENCIES else rfq.currency


def comparison_context(request: HttpRequest, actor: Membership, rfq: RFQ) -> dict[str, Any]:
    """The comparison table's context: rows, the sort and currency chosen, or a sentence
    when a rate is missing (the table then stays empty rather than guess)."""
    sort_by, reverse = _sorting(request)
    currency = _currency(request, rfq)
    comparison: Comparison | None = None
    problem = ""
    try:
        comparison = quote_comparison_for_buyer(
            actor=actor,
            rfq_id=rfq.pk,
            currency=currency,
            sort_by=sort_by,
            reverse=reverse,
            today=timezone.localdate(),
        )
    except RateUnavailable:
        problem = _("No exchange rate is available for this currency today: choose another.")
    except DomainError as error:
        problem = error.message
    rows = comparison_rows(comparison) if comparison else []
    return {
        "comparison": comparison,
        "comparison_rows": rows,
        "quotes_received": bool(rows) or quote_list_for_buyer(actor=actor, rfq_id=rfq.pk).exists(),
        "deal": (
            deal_list_for_actor(actor=actor).filter(rfq_id=rfq.pk).first()
            if rfq.status == RFQStatus.AWARDED
            else None
        ),
        "comparison_columns": _columns(sort_by, reverse),
        "comparison_problem": problem,
        "compare_currency": currency,
        "compare_currencies": DISPLAY_CURRENCIES,
        "sort_column": sort_by.value,
        "sort_reverse": reverse,
    }


_COLUMN_LABELS = {
    Column.UNIT_PRICE: gettext_lazy("Unit price"),
    Column.TOTAL: gettext_lazy("Total"),
    Column.LEAD_TIME_DAYS: gettext_lazy("Lead time"),
    Column.DEPOSIT_PERCENT: gettext_lazy("Deposit"),
    Column.VERIFICATION: gettext_lazy("Verification"),
    Column.RESPONSE_RATE: gettext_lazy("Response rate"),
}


def _columns(sort_by: Column, reverse: bool) -> list[dict[str, Any]]:
    """Each sortable column's label, the sort its link asks for (the same column flips the
    direction) and its `aria-sort`."""
    columns = []
    for column, label in _COLUMN_LABELS.items():
        current = column == sort_by
        best_first = "ascending" if column in LOWER_IS_BETTER else "descending"
        worst_first = "descending" if column in LOWER_IS_BETTER else "ascending"
        columns.append(
            {
                "key": column.value,
                "label": label,
                "next": f"-{column.value}" if current and not reverse else column.value,
                "aria_sort": (worst_first if reverse else best_first) if current else "",
            }
        )
    return columns


def _telling_best(comparison: Comparison) -> set[Column]:
    """The columns whose best value sets some rows apart (a value all rows share is no news)."""
    return {
        column
        for column in Column
        if 0 < sum(column in row.best for row in comparison.rows) < len(comparison.rows)
    }


def comparison_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """The comparison's rows as shown: amounts localised, the telling best columns named."""
    telling = _telling_best(comparison)
    rows = []
    for row in comparison.rows:
        terms, facts = row.terms, row.terms.supplier
        rows.append(
            {
                "quote_id": terms.quote_id,
                "revision": terms.revision,
                "supplier": facts.name,
                "verification": VerificationLevel(facts.verification_level).label,
                "verified": facts.verification_level != VerificationLevel.UNVERIFIED,
                "unit_price": unit_price_text(row.unit_price.amount, row.unit_price.currency),
                "quoted_unit_price": unit_price_text(
                    row.quoted_unit_price.amount, row.quoted_unit_price.currency
                ),
                "converted": row.quoted_unit_price.currency != comparison.currency,
                "total": money_text(row.total.amount, row.total.currency),
                "quantity": row.quantity,
                "below_moq": row.below_moq,
                "lead_time_days": terms.lead_time_days,
                "incoterm": terms.incoterm,
                "named_place": terms.named_place,
                "deposit_percent": terms.deposit_percent,
                "balance_due": BalanceDue(terms.balance_due).label,
                "response_rate": _percent(facts.response_rate),
                "certifications": facts.certifications,
                "valid_until": terms.valid_until,
                "rate_frozen": row.rate_frozen,
                "best": {column.value for column in row.best & telling},
            }
        )
    return rows


def _percent(rate: Decimal | None) -> str:
    """A response rate (already a percent, 0-100, as messaging keeps it) as "87 %"."""
    return "" if rate is None else f"{rate.quantize(Decimal(1))} %"


@acting_member
def rfq_detail(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """The RFQ as its buyer sees it; `HX-Target: comparison` answers the table alone."""
    ensure_buyer(actor)
    rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id)
    context: dict[str, Any] = {"actor": actor, "rfq": rfq}
    context.update(comparison_context(request, actor, rfq))
    if is_htmx(request) and request.headers.get("HX-Target") == "comparison":
        return render(request, "rfq/detail.html#comparison", context)
    quotes = list(quote_list_for_buyer(actor=actor, rfq_id=rfq.pk))
    context.update(rfq_facts(rfq))
    context.update(
        attachments=attachment_links(actor, rfq_attachment_list(rfq=rfq), FileKind.RFQ),
        attachment_form=AttachmentForm(),
        matches=[
            {"invitation": invitation, "reasons": reasons_texts(invitation.reasons)}
            for invitation in rfq_invitation_list(rfq=rfq)
        ],
        quotes=[
            dataclasses.replace(
                view,
                message_url=message_link(
                    counterpart={"supplier": view.quote.supplier.slug},
                    subject_kind="quote",
                    subject_id=view.quote.pk,
                ),
            )
            for view in quote_views(actor, quotes)
        ],
        live_statuses=[status.value for status in QUOTE_LIVE_STATUSES],
        can_edit=has_permission(actor, Permission.CREATE_RFQS),
        can_accept=has_permission(actor, Permission.ACCEPT_QUOTES),
        can_message=has_permission(actor, Permission.SEND_MESSAGES),
        show_visibility=True,
        reopen_form=ReopenForm() if rfq.status == "closed" and rfq.closed_reason != "cap" else None,
    )
    return render(request, "rfq/detail.html", context)


_ACTIONS = {"open": rfq_open, "close": rfq_close}
_DONE = {
    "open": gettext_lazy("The RFQ is open: matching suppliers are being told."),
    "close": gettext_lazy("The RFQ is closed: it no longer takes quotes."),
}


@require_POST
@acting_member
def rfq_status(
    request: HttpRequest, actor: Membership, rfq_id: uuid.UUID, action: str
) -> HttpResponse:
    """Open or close the RFQ through its service; a refusal comes back as a message."""
    ensure_buyer(actor)
    if action not in _ACTIONS:
        return redirect("rfq_detail", rfq_id)
    try:
        _ACTIONS[action](actor=actor, rfq_id=rfq_id)
    except (ValidationFailed, Conflict) as error:  # e.g. the deadline has passed
        messages.error(request, _refusal(error))
        return redirect("rfq_detail", rfq_id)
    messages.success(request, str(_DONE[action]))
    return redirect("rfq_detail", rfq_id)


def _refusal(error: DomainError) -> str:
    reason = error.details.get("reason") or error.code
    if reason == "deadline_in_past":
        return _("The quote deadline has passed: edit the RFQ and set a new one first.")
    if error.code == "invalid_transition":
        return _("This cannot be done in the RFQ's current status.")
    return error.message


@acting_member
def rfq_cancel_confirm(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """GET asks for confirmation; POST cancels the RFQ (suppliers can no longer quote)."""
    ensure_buyer(actor)
    rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id)
    if request.method != "POST":
        return render(request, "rfq/cancel.html", {"actor": actor, "rfq": rfq})
    try:
        rfq_cancel(actor=actor, rfq_id=rfq.pk)
    except Conflict as error:
        messages.error(request, _refusal(error))
        return redirect("rfq_detail", rfq.pk)
    messages.success(request, _("The RFQ has been cancelled."))
    return redirect("rfq_detail", rfq.pk)


@require_POST
@acting_member
def rfq_reopen(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """Reopen a closed RFQ with a new quote deadline (`rfq_open`)."""
    ensure_buyer(actor)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new quote deadline."))
        return redirect("rfq_detail", rfq_id)
    deadline = form.cleaned_data["quote_deadline"]
    if timezone.is_naive(deadline):
        deadline = timezone.make_aware(deadline)
    try:
        rfq_open(actor=actor, rfq_id=rfq_id, quote_deadline=deadline)
    except (ValidationFailed, Conflict) as error:
        messages.error(request, _reopen_refusal(error))
        return redirect("rfq_detail", rfq_id)
    messages.success(request, str(_DONE["open"]))
    return redirect("rfq_detail", rfq_id)


def _reopen_refusal(error: DomainError) -> str:
    reason = error.details.get("reason") or error.code
    if reason in REASONS:
        return str(REASONS[reason])
    if reason == "cap_reached":
        return _("The RFQ has all the quotes it asked for: it cannot reopen.")
    return _refusal(error)
