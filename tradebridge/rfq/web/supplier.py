"""The supplier's RFQ pages under /supplier/rfqs/: the "RFQs for you" inbox ranked by fit
with its reasons, an RFQ as a supplier sees it (its own quote only, the number of quotes only
when the buyer shows it), the quote form (submit, revise, answering a counter-offer),
withdrawing, declining a counter-offer and reporting the RFQ.

Everything is read through the selectors with the actor: an RFQ the supplier may not see (an
invited-only RFQ it was not invited to, a draft, any RFQ while suspended) is 404, and another
supplier's quote is never read at all.
"""

import uuid
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import Conflict, DomainError, RateLimited, ValidationFailed
from tradebridge.rfq.downloads import FileKind
from tradebridge.rfq.matching.selectors import inbox_fit, inbox_reasons, rfq_inbox_for_supplier
from tradebridge.rfq.models import RFQ, Quote
from tradebridge.rfq.quote_selectors import (
    counter_offer_list,
    quote_count_visible_to_supplier,
    quote_current_revision,
    quote_get_for_supplier,
    quote_list_for_supplier,
)
from tradebridge.rfq.selectors import rfq_attachment_list, rfq_get_for_supplier
from tradebridge.rfq.services.counter_offers import counter_offer_decline
from tradebridge.rfq.services.matching import rfq_invitation_mark_seen
from tradebridge.rfq.services.quotes import quote_revise, quote_submit, quote_withdraw
from tradebridge.rfq.services.reports import rfq_report
from tradebridge.rfq.transitions import QUOTE_LIVE_STATUSES
from tradebridge.rfq.web.attachments import attachments_refused, quote_attachments_add
from tradebridge.rfq.web.buyer_rfq import attachment_links, quote_views
from tradebridge.rfq.web.display import message_link, rfq_facts, unit_price_text
from tradebridge.rfq.web.quote_forms import (
    QuoteForm,
    QuoteTierFormSet,
    ReportForm,
    quote_input_from,
)
from tradebridge.rfq.web.rfq_form import form_errors_from
from tradebridge.rfq.web.roles import ensure_supplier

PAGE_SIZE = 30
QUOTE_VALIDITY_DAYS = 30


@acting_member
def rfq_inbox(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The open RFQs the company may quote on, best fit first, each with why it fits."""
    ensure_supplier(actor)
    page = Paginator(rfq_inbox_for_supplier(actor=actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "rfq": rfq,
            "reasons": [r.text for r in inbox_reasons(rfq) if r.text],
            "fit": inbox_fit(rfq),
        }
        for rfq in page.object_list
    ]
    context = {"actor": actor, "page": page, "rows": rows, "page_query": ""}
    return render(request, "rfq/inbox.html", context)


def _own_quote(actor: Membership, rfq: RFQ) -> Quote | None:
    return quote_list_for_supplier(actor=actor, rfq_id=rfq.pk).first()


def _takes_quotes(rfq: RFQ) -> bool:
    return rfq.status == "open" and rfq.quote_deadline > timezone.now()


@acting_member
def supplier_rfq_detail(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """The RFQ as a supplier sees it, with its own quote (history, counter-offers)."""
    ensure_supplier(actor)
    rfq = rfq_get_for_supplier(actor=actor, rfq_id=rfq_id)
    rfq_invitation_mark_seen(actor=actor, rfq_id=rfq.pk)
    quote = _own_quote(actor, rfq)
    context: dict[str, Any] = {
        "actor": actor,
        "rfq": rfq,
        "buyer": rfq.buyer,
        "attachments": attachment_links(actor, rfq_attachment_list(rfq=rfq), FileKind.RFQ),
        "quote_count": quote_count_visible_to_supplier(rfq=rfq),
        "quotes": quote_views(actor, [quote]) if quote else [],
        "quote": quote,
        "takes_quotes": _takes_quotes(rfq),
        "live_statuses": [status.value for status in QUOTE_LIVE_STATUSES],
        "can_quote": has_permission(actor, Permission.SUBMIT_QUOTES),
        "can_message": has_permission(actor, Permission.SEND_MESSAGES),
        "message_url": message_link(
            counterpart={"buyer": str(rfq.buyer_id)}, subject_kind="rfq", subject_id=rfq.pk
        ),
        "report_form": ReportForm(),
        "side": "supplier",
    }
    context.update(rfq_facts(rfq))
    return render(request, "rfq/supplier_detail.html", context)


def _quote_form_context(
    actor: Membership, rfq: RFQ, form: QuoteForm, tiers: Any, quote: Quote | None
) -> dict[str, Any]:
    offers = counter_offer_list(quote=quote) if quote is not None else []
    open_offer = next((offer for offer in offers if offer.status == "open"), None)
    context = {
        "actor": actor,
        "rfq": rfq,
        "form": form,
        "tiers": tiers,
        "quote": quote,
        "open_offer": open_offer,
        "open_offer_price": unit_price_text(open_offer.target_unit_price, open_offer.currency)
        if open_offer
        else "",
        "back_url": reverse("supplier_rfq_detail", args=[rfq.pk]),
    }
    context.update(rfq_facts(rfq))
    return context


def _parsed(request: HttpRequest) -> tuple[QuoteForm, Any, bool]:
    """The bound forms, and whether they and every attached file are valid."""
    form = QuoteForm(request.POST, request.FILES)
    tiers = QuoteTierFormSet(request.POST, prefix="tiers")
    valid = form.is_valid() and tiers.is_valid()
    for problem in attachments_refused(form.cleaned_data["attachments"]) if valid else []:
        form.add_error("attachments", problem)
    return form, tiers, valid and not form.errors


def _refused(error: DomainError, form: QuoteForm, request: HttpRequest) -> None:
    """Field errors beside their field; a state or rate refusal above the form."""
    if isinstance(error, ValidationFailed) and error.details.get("field") == "tiers":
        form.add_error(None, _("Price tiers: %(reason)s") % {"reason": error.message})
    elif isinstance(error, ValidationFailed):
        form_errors_from(error, form)
    else:
        form.add_error(None, _state_refusal(error))


def _state_refusal(error: DomainError) -> str:
    return {
        "rfq_not_taking_quotes": _("This RFQ no longer takes quotes."),
        "quote_exists": _("You have already quoted on this RFQ: revise your quote instead."),
        "quote_limit_reached": _("Your company has sent as many quotes as allowed today."),
        "invalid_transition": _("This quote can no longer be changed."),
    }.get(error.code, error.message)


@acting_member
def quote_new(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """The quote form for an RFQ; POST submits the company's quote."""
    ensure_supplier(actor)
    rfq = rfq_get_for_supplier(actor=actor, rfq_id=rfq_id)
    existing = _own_quote(actor, rfq)
    if existing is not None:
        return redirect("supplier_quote_revise", existing.pk)
    if request.method == "POST":
        form, tiers, valid = _parsed(request)
        if valid:
            try:
                quote = quote_submit(actor=actor, rfq_id=rfq.pk, data=quote_input_from(form, tiers))
            except (ValidationFailed, Conflict, RateLimited) as error:
                _refused(error, form, request)
            else:
                quote_attachments_add(request, actor, quote.pk, form.cleaned_data["attachments"])
                messages.success(request, _("Your quote has been sent to the buyer."))
                return redirect("supplier_rfq_detail", rfq.pk)
        context = _quote_form_context(actor, rfq, form, tiers, None)
        return render(request, "rfq/quote_form.html", context, status=400)
    initial = {
        "currency": actor.company.default_currency,
        "moq": rfq.quantity,
        "incoterm": rfq.incoterm or "FOB",
        "valid_until": timezone.localdate() + timedelta(days=QUOTE_VALIDITY_DAYS),
        "deposit_percent": 30,
    }
    form = QuoteForm(initial=initial)
    tiers = QuoteTierFormSet(prefix="tiers", initial=[{"min_quantity": rfq.quantity}])
    return render(
        request, "rfq/quote_form.html", _quote_form_context(actor, rfq, form, tiers, None)
    )


def _initial_from(quote: Quote) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    revision = quote_current_revision(quote=quote)
    names = (
        "currency", "moq", "lead_time_days", "incoterm", "named_place", "valid_until",
        "sample_price", "sample_days", "deposit_percent", "balance_due", "notes",
    )  # fmt: skip
    initial = {name: getattr(revision, name) for name in names}
    tiers = [
        {"min_quantity": tier["min_quantity"], "unit_price": tier["unit_price"]}
        for tier in revision.tiers
    ]
    return initial, tiers


@acting_member
def quote_revise_view(request: HttpRequest, actor: Membership, quote_id: uuid.UUID) -> HttpResponse:
    """The company's quote, filled in with its current revision; POST adds a revision (which
    answers the buyer's open counter-offer, if any)."""
    ensure_supplier(actor)
    quote = quote_get_for_supplier(actor=actor, quote_id=quote_id)
    rfq = quote.rfq
    if request.method == "POST":
        form, tiers, valid = _parsed(request)
        if valid:
            try:
                quote_revise(actor=actor, quote_id=quote.pk, data=quote_input_from(form, tiers))
            except (ValidationFailed, Conflict, RateLimited) as error:
                _refused(error, form, request)
            else:
                quote_attachments_add(request, actor, quote.pk, form.cleaned_data["attachments"])
                messages.success(request, _("Your revised quote has been sent to the buyer."))
                return redirect("supplier_rfq_detail", rfq.pk)
        context = _quote_form_context(actor, rfq, form, tiers, quote)
        return render(request, "rfq/quote_form.html", context, status=400)
    initial, tier_rows = _initial_from(quote)
    form = QuoteForm(initial=initial)
    tiers = QuoteTierFormSet(prefix="tiers", initial=tier_rows)
    return render(
        request, "rfq/quote_form.html", _quote_form_context(actor, rfq, form, tiers, quote)
    )


@require_POST
@acting_member
def quote_withdraw_view(
    request: HttpRequest, actor: Membership, quote_id: uuid.UUID
) -> HttpResponse:
    """Withdraw the company's live quote (the buyer can no longer accept it)."""
    ensure_supplier(actor)
    quote = quote_get_for_supplier(actor=actor, quote_id=quote_id)
    try:
        quote_withdraw(actor=actor, quote_id=quote.pk)
    except Conflict as error:
        messages.error(request, _state_refusal(error))
    else:
        messages.success(request, _("Your quote has been withdrawn."))
    return redirect("supplier_rfq_detail", quote.rfq_id)


@require_POST
@acting_member
def counter_offer_decline_view(
    request: HttpRequest, actor: Membership, counter_offer_id: uuid.UUID
) -> HttpResponse:
    """Decline the buyer's open counter-offer on the company's quote."""
    ensure_supplier(actor)
    offer = counter_offer_decline(actor=actor, counter_offer_id=counter_offer_id)
    messages.success(request, _("You declined the counter-offer; your quote stands."))
    return redirect("supplier_rfq_detail", offer.quote.rfq_id)


@acting_member
def rfq_report_view(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """GET: the report form; POST reports the RFQ to the operator (once per company)."""
    ensure_supplier(actor)
    rfq = rfq_get_for_supplier(actor=actor, rfq_id=rfq_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rfq_report(actor=actor, rfq_id=rfq.pk, reason=form.cleaned_data["reason"])
        except Conflict:
            messages.info(request, _("Your company has already reported this RFQ."))
            return redirect("supplier_rfq_detail", rfq.pk)
        except ValidationFailed as error:
            form_errors_from(error, form)
        else:
            messages.success(request, _("Thank you. An operator will look at this RFQ."))
            return redirect("supplier_rfq_detail", rfq.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "rfq/report.html", {"actor": actor, "rfq": rfq, "form": form}, status=status
    )


@acting_member
def tier_row(request: HttpRequest, actor: Membership) -> HttpResponse:
    """HTMX: one more empty price tier row, and the formset's new total (out of band)."""
    ensure_supplier(actor)
    index_text = request.GET.get("index", "")
    index = min(int(index_text) if index_text.isdigit() else 0, QuoteTierFormSet.max_num or 20)
    tier = QuoteTierFormSet(prefix="tiers").empty_form
    tier.prefix = f"tiers-{index}"
    context = {"tier": tier, "next_index": index + 1, "oob": True}
    return render(request, "rfq/quote_form.html#tier-row", context)
