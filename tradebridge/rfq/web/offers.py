"""The buyer's answers to a quote: counter-offer, accept (a confirmation showing the exact
terms the deal will freeze, posting the revision seen) and reject.

The quote is read with the actor (`quote_get_for_buyer`): a quote on another company's RFQ is
404. The services decide; a refusal comes back beside the form's field or as a message.
"""

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import Conflict, DomainError, ValidationFailed
from tradebridge.rfq.comparison import ComparisonRow
from tradebridge.rfq.models import Quote
from tradebridge.rfq.quote_selectors import (
    quote_comparison_for_buyer,
    quote_current_revision,
    quote_get_for_buyer,
)
from tradebridge.rfq.services.counter_offers import counter_offer_create, counter_offer_withdraw
from tradebridge.rfq.services.deals import quote_accept
from tradebridge.rfq.services.quotes import quote_reject
from tradebridge.rfq.web.display import money_text, revision_view, unit_price_text
from tradebridge.rfq.web.quote_forms import AcceptForm, CounterOfferForm
from tradebridge.rfq.web.rfq_form import form_errors_from
from tradebridge.rfq.web.roles import ensure_buyer


def _quote_url(quote: Quote) -> str:
    return f"{reverse('rfq_detail', args=[quote.rfq_id])}#quote-{quote.pk}"


def _base_context(actor: Membership, quote: Quote) -> dict[str, Any]:
    revision = quote_current_revision(quote=quote)
    return {
        "actor": actor,
        "quote": quote,
        "rfq": quote.rfq,
        "current": revision_view(revision),
        "back_url": _quote_url(quote),
    }


@acting_member
def counter_offer_new(request: HttpRequest, actor: Membership, quote_id: uuid.UUID) -> HttpResponse:
    """The counter-offer form: a target unit price (in the quote's currency), a quantity and
    terms. POST sends it to the supplier, who revises or declines."""
    ensure_buyer(actor)
    quote = quote_get_for_buyer(actor=actor, quote_id=quote_id)
    context = _base_context(actor, quote)
    currency = context["current"].revision.currency
    if request.method != "POST":
        form = CounterOfferForm(initial={"quantity": quote.rfq.quantity}, currency=currency)
        return render(request, "rfq/counter_offer.html", {**context, "form": form})
    form = CounterOfferForm(request.POST, currency=currency)
    if form.is_valid():
        try:
            counter_offer_create(
                actor=actor,
                quote_id=quote.pk,
                target_unit_price=form.cleaned_data["target_unit_price"],
                currency=currency,
                quantity=form.cleaned_data["quantity"],
                terms=form.cleaned_data["terms"],
            )
        except (ValidationFailed, Conflict) as error:
            form_errors_from(error, form)
        else:
            messages.success(request, _("Your counter-offer has been sent to the supplier."))
            return redirect(_quote_url(quote))
    return render(request, "rfq/counter_offer.html", {**context, "form": form}, status=400)


def _accept_row(
    actor: Membership, quote: Quote, currency: str | None = None
) -> ComparisonRow | None:
    """The quote priced as the deal would freeze it: its own currency (or `currency`, at the
    revision's frozen rate), the RFQ's quantity (the MOQ when higher), its own tier."""
    revision = quote_current_revision(quote=quote)
    try:
        comparison = quote_comparison_for_buyer(
            actor=actor, rfq_id=quote.rfq_id, currency=currency or revision.currency,
            today=timezone.localdate(),
        )  # fmt: skip
    except DomainError:
        return None
    return next((row for row in comparison.rows if row.terms.quote_id == quote.pk), None)


@acting_member
def quote_accept_confirm(
    request: HttpRequest, actor: Membership, quote_id: uuid.UUID
) -> HttpResponse:
    """GET shows the exact terms to be agreed (unit price, quantity, total, Incoterm, payment,
    lead time) and the revision they come from; POST accepts that revision and opens the
    deal. A revision that changed meanwhile is refused (409) and the new terms shown."""
    ensure_buyer(actor)
    quote = quote_get_for_buyer(actor=actor, quote_id=quote_id)
    context = _base_context(actor, quote)
    status = 200
    if request.method == "POST":
        form = AcceptForm(request.POST)
        if form.is_valid():
            try:
                deal = quote_accept(
                    actor=actor, quote_id=quote.pk, expected_revision=form.cleaned_data["revision"]
                )
            except (ValidationFailed, Conflict) as error:
                messages.error(request, _accept_refusal(error))
                status = 409 if isinstance(error, Conflict) else 400
                quote = quote_get_for_buyer(actor=actor, quote_id=quote_id)
                context = _base_context(actor, quote)
            else:
                messages.success(
                    request,
                    _("Deal %(reference)s agreed: its terms are frozen.")
                    % {"reference": deal.reference},
                )
                return redirect("deal_detail", deal.pk)
        else:
            status = 400
    seen = request.GET.get("revision", "")
    row = _accept_row(actor, quote)
    context.update(_buyer_currency_total(actor, quote))
    context.update(
        row=row,
        unit_price=unit_price_text(row.quoted_unit_price.amount, row.quoted_unit_price.currency)
        if row
        else "",
        total=money_text(row.total.amount, row.total.currency) if row else "",
        changed=seen.isdigit() and int(seen) != quote.current_revision_number,
        is_live=quote.status in ("submitted", "revised"),
    )
    return render(request, "rfq/accept.html", context, status=status)


def _buyer_currency_total(actor: Membership, quote: Quote) -> dict[str, Any]:
    """The total in the RFQ's (the buyer's) currency when the quote is in another one, at the
    rate the revision froze (`converted_frozen` False: a rate missing from it, today's)."""
    if quote_current_revision(quote=quote).currency == quote.rfq.currency:
        return {"converted_total": ""}
    row = _accept_row(actor, quote, quote.rfq.currency)
    if row is None:
        return {"converted_total": ""}
    return {
        "converted_total": money_text(row.total.amount, row.total.currency),
        "converted_frozen": row.rate_frozen,
        "converted_rate_date": row.rate_date,
    }


def _accept_refusal(error: DomainError) -> str:
    if error.code == "quote_changed":
        return _("The supplier revised the quote since you saw it: check the new terms below.")
    if error.code == "quote_validity_expired":
        return _("The quote's validity has passed: ask the supplier for a new revision.")
    if error.code == "invalid_transition":
        return _("This quote can no longer be accepted.")
    return error.message


@acting_member
def quote_reject_confirm(
    request: HttpRequest, actor: Membership, quote_id: uuid.UUID
) -> HttpResponse:
    """GET asks for confirmation; POST rejects the quote (the supplier is told)."""
    ensure_buyer(actor)
    quote = quote_get_for_buyer(actor=actor, quote_id=quote_id)
    if request.method != "POST":
        return render(request, "rfq/reject.html", _base_context(actor, quote))
    try:
        quote_reject(actor=actor, quote_id=quote.pk)
    except Conflict as error:
        messages.error(request, _accept_refusal(error))
        return redirect(_quote_url(quote))
    messages.success(request, _("The quote has been rejected."))
    return redirect(_quote_url(quote))


@require_POST
@acting_member
def counter_offer_withdraw_view(
    request: HttpRequest, actor: Membership, counter_offer_id: uuid.UUID
) -> HttpResponse:
    """Withdraw the buyer's open counter-offer (the supplier no longer needs to answer it)."""
    ensure_buyer(actor)
    try:
        offer = counter_offer_withdraw(actor=actor, counter_offer_id=counter_offer_id)
    except Conflict as error:
        messages.error(request, _accept_refusal(error))
        return redirect("rfq_list")
    messages.success(request, _("Your counter-offer has been withdrawn."))
    return redirect(_quote_url(offer.quote))
