"""The buyer's RFQ pages under /rfqs/: the list, the form (new, from a product or a search,
edit) and the status actions. The RFQ's own page, with its quotes, is `rfq.web.buyer_rfq`.

Members of the buyer company read; those whose role may create RFQs write (the services
decide, the pages only hide buttons). Another company's RFQ does not exist (404).
"""

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.selectors import category_get, category_search, product_get_public
from tradebridge.catalog.web.display import category_name, product_text, product_url
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.selectors import rfq_get_for_buyer, rfq_list_for_buyer
from tradebridge.rfq.services.rfq_statuses import rfq_open
from tradebridge.rfq.services.rfqs import rfq_create, rfq_update
from tradebridge.rfq.web.attachments import attachments_add, attachments_refused
from tradebridge.rfq.web.forms import AttachmentForm, RFQFilterForm, RFQForm, SpecFormSet
from tradebridge.rfq.web.rfq_form import (
    form_errors_from,
    initial_for_new,
    initial_from_rfq,
    rfq_input_from,
    specs_initial_from,
)
from tradebridge.rfq.web.roles import ensure_buyer

PAGE_SIZE = 30


@acting_member
def rfq_list(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company's RFQs, newest first, filtered by status."""
    ensure_buyer(actor)
    form = RFQFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    rfqs = rfq_list_for_buyer(actor=actor, status=status or None)
    page = Paginator(rfqs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "actor": actor,
        "form": form,
        "page": page,
        "page_query": f"&status={status}" if status else "",
        "can_create": has_permission(actor, Permission.CREATE_RFQS),
    }
    return render(request, "rfq/list.html", context)


def _category_or_none(category_id: object) -> Category | None:
    if category_id in (None, "") or not str(category_id).isdigit():
        return None
    try:
        return category_get(category_id=int(str(category_id)))
    except NotFound:
        return None


def _product_or_none(product_id: object) -> Product | None:
    try:
        return product_get_public(product_id=uuid.UUID(str(product_id)))
    except (ValueError, NotFound):
        return None


def _form_context(actor: Membership, form: RFQForm, specs: Any, rfq: RFQ | None) -> dict[str, Any]:
    category = _category_or_none(form["category"].value())
    product = _product_or_none(form["product"].value()) if form["product"].value() else None
    if product is None and rfq is not None and rfq.product_id:
        product = rfq.product
    return {
        "actor": actor,
        "form": form,
        "specs": specs,
        "rfq": rfq,
        "product": product,
        "product_title": product_text(product)[0] if product else "",
        "product_link": product_url(product) if product else "",
        "selected_category": category,
        "selected_category_name": category_name(category) if category else "",
    }


def _parsed(request: HttpRequest) -> tuple[RFQForm, Any, bool]:
    form = RFQForm(request.POST, request.FILES)
    specs = SpecFormSet(request.POST, prefix="specs")
    return form, specs, form.is_valid() and specs.is_valid()


@acting_member
def rfq_new(request: HttpRequest, actor: Membership) -> HttpResponse:
    """An empty RFQ form, prefilled from `?product=` (its supplier invited) or from a search
    (`?q=` and `?category=`). POST saves a draft or opens the RFQ (`action=open`), then adds
    the attachments; on error the form comes back with each reason beside its field."""
    ensure_buyer(actor)
    if request.method == "POST":
        form, specs, valid = _parsed(request)
        refused = attachments_refused(form.cleaned_data["attachments"]) if valid else []
        for problem in refused:
            form.add_error("attachments", problem)
        if valid and not refused:
            try:
                data = rfq_input_from(form, specs)
                rfq = rfq_create(
                    actor=actor, data=data, open_now=request.POST.get("action") == "open"
                )
            except (ValidationFailed, Conflict) as error:
                form_errors_from(error, form)
            else:
                attachments_add(request, actor, rfq, form.cleaned_data["attachments"])
                messages.success(request, _created_message(rfq))
                return redirect("rfq_detail", rfq.pk)
        context = _form_context(actor, form, specs, None)
        return render(request, "rfq/form.html", context, status=400)
    product = _product_or_none(request.GET.get("product", ""))
    category = _category_or_none(request.GET.get("category"))
    initial = initial_for_new(
        actor,
        product=product,
        query=request.GET.get("q", "").strip(),
        category_id=category.pk if category else None,
    )
    form = RFQForm(initial=initial)
    specs = SpecFormSet(prefix="specs")
    return render(request, "rfq/form.html", _form_context(actor, form, specs, None))


def _created_message(rfq: RFQ) -> str:
    if rfq.status == "open":
        return _("Your RFQ %(reference)s is open: matching suppliers are being told.") % {
            "reference": rfq.reference
        }
    return _("Your RFQ %(reference)s is saved as a draft.") % {"reference": rfq.reference}


@acting_member
def rfq_edit(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """The RFQ's form, filled in. A draft changes freely; an open RFQ only takes a later
    deadline, more invited suppliers and the quote count switch (the service says which)."""
    ensure_buyer(actor)
    rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id)
    if request.method == "POST":
        form, specs, valid = _parsed(request)
        if valid:
            try:
                data = rfq_input_from(form, specs, keep=rfq)
                rfq_update(actor=actor, rfq_id=rfq.pk, data=data)
                if request.POST.get("action") == "open" and rfq.status == "draft":
                    rfq_open(actor=actor, rfq_id=rfq.pk)
            except (ValidationFailed, Conflict) as error:
                form_errors_from(error, form)
            else:
                messages.success(request, _("The RFQ has been saved."))
                return redirect("rfq_detail", rfq.pk)
        return render(request, "rfq/form.html", _form_context(actor, form, specs, rfq), status=400)
    form = RFQForm(initial=initial_from_rfq(rfq))
    specs = SpecFormSet(prefix="specs", initial=specs_initial_from(rfq))
    return render(request, "rfq/form.html", _form_context(actor, form, specs, rfq))


@acting_member
def category_options(request: HttpRequest, actor: Membership) -> HttpResponse:
    """HTMX autocomplete: categories whose path contains `?category_q=`, as radio choices."""
    query = request.GET.get("category_q", "").strip()
    found = list(category_search(query=query)) if len(query) >= 2 else []
    rows = [(category, category_name(category)) for category in found]
    return render(request, "rfq/form.html#category-results", {"results": rows})


@acting_member
def spec_row(request: HttpRequest, actor: Membership) -> HttpResponse:
    """HTMX: one more empty specification row, and the formset's new total (out of band)."""
    index_text = request.GET.get("index", "")
    index = min(int(index_text) if index_text.isdigit() else 0, SpecFormSet.max_num or 30)
    spec = SpecFormSet(prefix="specs").empty_form
    spec.prefix = f"specs-{index}"
    context = {"spec": spec, "next_index": index + 1, "oob": True}
    return render(request, "rfq/form.html#spec-row", context)


@require_POST
@acting_member
def rfq_attachments(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> HttpResponse:
    """Add attachments to the RFQ (the service sniffs and stores each)."""
    ensure_buyer(actor)
    rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("attachments", [_("Choose a file to attach.")]):
            messages.error(request, str(error))
        return redirect("rfq_detail", rfq.pk)
    attachments_add(request, actor, rfq, form.cleaned_data["attachments"])
    return redirect("rfq_detail", rfq.pk)
