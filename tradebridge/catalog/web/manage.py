"""The supplier's catalog under /supplier/catalog/: list, create, edit, images, status, delete.

Members whose role has MANAGE_CATALOG write; the supplier's other members read; anyone else
(another company, a buyer) gets 404. Forms only parse; the services decide and raise, and
their errors come back as form errors.
"""

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.hs_codes import hs_code_describe
from tradebridge.catalog.images import product_image_add, product_image_remove
from tradebridge.catalog.models import Product
from tradebridge.catalog.selectors import (
    category_get,
    category_search,
    product_get_for_supplier,
    product_list_for_supplier,
)
from tradebridge.catalog.services import (
    product_create,
    product_delete,
    product_publish,
    product_publish_many,
    product_submit_for_review,
    product_unpublish,
    product_update,
)
from tradebridge.catalog.web.display import category_name, product_url, published_message
from tradebridge.catalog.web.forms import (
    ProductFilterForm,
    ProductForm,
    ProductImageForm,
    TierFormSet,
)
from tradebridge.catalog.web.product_form import (
    form_errors_from,
    initial_from_product,
    product_data_from,
    tiers_initial_from,
)
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

PAGE_SIZE = 50
SELECTABLE = frozenset({ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW})


def _ensure_supplier(actor: Membership) -> None:
    """The catalog pages exist only for supplier companies: to a buyer they are not there."""
    if actor.company.kind == CompanyKind.BUYER:
        raise NotFound()


@acting_member
def product_list(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company's products, newest first, filtered by status and searched by SKU or title."""
    _ensure_supplier(actor)
    form = ProductFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    products = product_list_for_supplier(actor=actor, status=status or None)
    if query:
        products = products.filter(Q(sku__icontains=query) | Q(title__icontains=query))
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "actor": actor,
        "form": form,
        "page": page,
        "can_manage": has_permission(actor, Permission.MANAGE_CATALOG),
        "selectable": SELECTABLE,
    }
    return render(request, "catalog/manage/list.html", context)


@require_POST
@acting_member
def product_publish_selected(request: HttpRequest, actor: Membership) -> HttpResponse:
    """Publish (or submit for review) the products ticked in the list, all or none."""
    _ensure_supplier(actor)
    try:
        product_ids = [uuid.UUID(value) for value in request.POST.getlist("product")[:PAGE_SIZE]]
    except ValueError as error:
        raise NotFound() from error
    if not product_ids:
        messages.error(request, _("Select the products to publish."))
        return redirect("catalog_manage_list")
    try:
        product_publish_many(actor=actor, product_ids=product_ids)
    except (PermissionDenied, Conflict) as error:  # a suspended product among them
        messages.error(request, error.message)
        return redirect("catalog_manage_list")
    messages.success(request, published_message(actor.company, len(set(product_ids))))
    return redirect("catalog_manage_list")


def _form_context(
    actor: Membership,
    form: ProductForm,
    tiers: Any,
    product: Product | None,
) -> dict[str, Any]:
    category_id = form["category"].value()
    category = None
    if category_id and str(category_id).isdigit():
        try:
            category = category_get(category_id=int(category_id))
        except NotFound:
            category = None
    hs_code = str(form["hs_code"].value() or "")
    return {
        "actor": actor,
        "form": form,
        "tiers": tiers,
        "product": product,
        "images": list(product.images.all()) if product else [],
        "image_form": ProductImageForm(),
        "selected_category": category,
        "selected_category_name": category_name(category) if category else "",
        "hs_description": hs_code_describe(hs_code) if hs_code else None,
        "can_manage": has_permission(actor, Permission.MANAGE_CATALOG),
        "public_url": product_url(product) if product else "",
        "statuses": ProductStatus,
    }


def _save(
    request: HttpRequest, actor: Membership, product: Product | None
) -> tuple[Product | None, ProductForm, Any]:
    """Parse the posted form and tiers, and call the service; on error, the bound forms."""
    form = ProductForm(request.POST)
    tiers = TierFormSet(request.POST, prefix="tiers")
    if not (form.is_valid() and tiers.is_valid()):
        return None, form, tiers
    data = product_data_from(form, tiers)
    try:
        if product is None:
            return product_create(actor=actor, data=data), form, tiers
        return product_update(actor=actor, product_id=product.pk, data=data), form, tiers
    except (ValidationFailed, Conflict) as error:  # e.g. a SKU already in use
        form_errors_from(error, form)
        return None, form, tiers


@acting_member
def product_new(request: HttpRequest, actor: Membership) -> HttpResponse:
    """An empty product form; POST creates a draft and opens it for editing."""
    _ensure_supplier(actor)
    if request.method == "POST":
        product, form, tiers = _save(request, actor, None)
        if product is not None:
            messages.success(request, _("The product has been created as a draft."))
            return redirect("catalog_manage_edit", product.pk)
        context = _form_context(actor, form, tiers, None)
        return render(request, "catalog/manage/form.html", context, status=400)
    initial = {"currency": actor.company.default_currency, "moq": 1, "order_multiple": 1}
    form = ProductForm(initial=initial)
    tiers = TierFormSet(prefix="tiers")
    return render(request, "catalog/manage/form.html", _form_context(actor, form, tiers, None))


@acting_member
def product_edit(request: HttpRequest, actor: Membership, product_id: uuid.UUID) -> HttpResponse:
    """The product form, filled in; read-only for members who may not manage the catalog."""
    _ensure_supplier(actor)
    product = product_get_for_supplier(actor=actor, product_id=product_id)
    if request.method == "POST":
        saved, form, tiers = _save(request, actor, product)
        if saved is not None:
            messages.success(request, _("The product has been saved."))
            return redirect("catalog_manage_edit", saved.pk)
        context = _form_context(actor, form, tiers, product)
        return render(request, "catalog/manage/form.html", context, status=400)
    form = ProductForm(initial=initial_from_product(product))
    tiers = TierFormSet(prefix="tiers", initial=tiers_initial_from(product))
    return render(request, "catalog/manage/form.html", _form_context(actor, form, tiers, product))


_STATUS_ACTIONS = {
    "publish": product_publish,
    "unpublish": product_unpublish,
    "submit": product_submit_for_review,
}


@require_POST
@acting_member
def product_status(
    request: HttpRequest, actor: Membership, product_id: uuid.UUID, action: str
) -> HttpResponse:
    """Publish (or submit for review), unpublish or submit a product through its service."""
    _ensure_supplier(actor)
    if action not in _STATUS_ACTIONS:
        raise NotFound()
    try:
        product = _STATUS_ACTIONS[action](actor=actor, product_id=product_id)
    except (ValidationFailed, Conflict) as error:  # e.g. already published, or no tiers
        messages.error(request, error.message)
        return redirect("catalog_manage_edit", product_id)
    messages.success(request, _status_message(product))
    return redirect("catalog_manage_edit", product.pk)


def _status_message(product: Product) -> str:
    return {
        ProductStatus.PUBLISHED: _("The product is published."),
        ProductStatus.PENDING_REVIEW: _(
            "The product waits for review: it will be public once approved."
        ),
        ProductStatus.DRAFT: _("The product is a draft again; it is no longer public."),
    }.get(ProductStatus(product.status), _("The product's status has changed."))


@acting_member
def product_remove(request: HttpRequest, actor: Membership, product_id: uuid.UUID) -> HttpResponse:
    """GET asks for confirmation; POST deletes the product."""
    _ensure_supplier(actor)
    product = product_get_for_supplier(actor=actor, product_id=product_id)
    if request.method != "POST":
        return render(request, "catalog/manage/delete.html", {"actor": actor, "product": product})
    product_delete(actor=actor, product_id=product.pk)
    messages.success(request, _("%(sku)s has been deleted.") % {"sku": product.sku})
    return redirect("catalog_manage_list")


@require_POST
@acting_member
def image_add(request: HttpRequest, actor: Membership, product_id: uuid.UUID) -> HttpResponse:
    """Upload one image; the service sniffs, re-encodes and thumbnails it."""
    _ensure_supplier(actor)
    form = ProductImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose an image file to upload."))
        return redirect("catalog_manage_edit", product_id)
    upload = form.cleaned_data["image"]
    try:
        product_image_add(
            actor=actor,
            product_id=product_id,
            data=upload.read(),
            filename=upload.name or "",
            alt_text=form.cleaned_data["alt_text"],
        )
    except ValidationFailed as error:
        messages.error(request, error.message)
        return redirect("catalog_manage_edit", product_id)
    messages.success(request, _("The image has been added."))
    return redirect("catalog_manage_edit", product_id)


@require_POST
@acting_member
def image_remove(
    request: HttpRequest, actor: Membership, product_id: uuid.UUID, image_id: uuid.UUID
) -> HttpResponse:
    _ensure_supplier(actor)
    product_image_remove(actor=actor, image_id=image_id, product_id=product_id)
    messages.success(request, _("The image has been removed."))
    return redirect("catalog_manage_edit", product_id)


@acting_member
def category_options(request: HttpRequest, actor: Membership) -> HttpResponse:
    """HTMX autocomplete: categories whose path contains `?category_q=`, as radio choices."""
    _ensure_supplier(actor)
    query = request.GET.get("category_q", "").strip()
    found = list(category_search(query=query)) if len(query) >= 2 else []
    rows = [(category, category_name(category)) for category in found]
    return render(request, "catalog/manage/form.html#category-results", {"results": rows})


@acting_member
def tier_row(request: HttpRequest, actor: Membership) -> HttpResponse:
    """HTMX: one more empty price tier row, and the formset's new total (out of band)."""
    _ensure_supplier(actor)
    index_text = request.GET.get("index", "")
    index = int(index_text) if index_text.isdigit() else 0
    index = min(index, TierFormSet.max_num or 20)
    form = TierFormSet(prefix="tiers").empty_form
    form.prefix = f"tiers-{index}"
    context = {"tier": form, "next_index": index + 1, "oob": True}
    return render(request, "catalog/manage/form.html#tier-row", context)
