"""Checkout (/checkout/): the ship-to (a saved address, the default one chosen, or a new
one), the PO number, the Incoterm and its named place, notes, and a review of the orders it
will place (one per supplier, with their payment terms). Then the purchase's page
(/checkout/done/<id>/) with the orders it created.

A double submit places one purchase: the form carries a server-minted key, claimed through
core's idempotency records (scope: company, user, this page) before the cart is placed; the
second submit of the same key is answered with the first one's result (or "still placing").
When the service answers `price_changed`, the page shows the changes (the service already
updated the prices seen) and asks to confirm again; `insufficient_stock` says what is left.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tradebridge.catalog.errors import InsufficientStock
from tradebridge.catalog.web.display import product_text
from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.companies.web.preferences import display_currency_for
from tradebridge.core.errors import DomainError, NotFound
from tradebridge.core.services.idempotency import (
    IdempotencyKeyReused,
    IdempotencyRequestInProgress,
    IdempotencyScope,
    StoredResponse,
    idempotency_claim,
    idempotency_complete,
    idempotency_release,
)
from tradebridge.core.web.errors import status_for
from tradebridge.orders.errors import CartEmpty, CartInvalid, PriceChanged, ProductUnavailable
from tradebridge.orders.models import CartItem, Order, ShippingAddress
from tradebridge.orders.pricing import CartReview
from tradebridge.orders.selectors import OrderSide, order_list_for_company
from tradebridge.orders.services.addresses import ShipTo, shipping_address_list_for_company
from tradebridge.orders.services.cart_reads import cart_items_for_member, review_of
from tradebridge.orders.services.checkout import checkout_place
from tradebridge.orders.services.terms import supplier_terms_many
from tradebridge.orders.web.addresses import ship_to_from
from tradebridge.orders.web.cart import ensure_buying
from tradebridge.orders.web.cart_display import CartView, cart_view
from tradebridge.orders.web.display import (
    money_text,
    payment_terms_text,
    status_badge,
    unit_price_text,
)
from tradebridge.orders.web.errors import error_text
from tradebridge.orders.web.forms import AddressForm, CheckoutForm

NEW_ADDRESS = "new"
_ROUTE = "orders_checkout"


@dataclass(frozen=True)
class Change:
    title: str
    text: str  # "was X, now Y" or "N left"


def _with_terms(view: CartView, review: CartReview) -> CartView:
    """The cart with each supplier's payment terms (what its order will be placed with)."""
    terms = supplier_terms_many({group.supplier_id for group in review.groups})
    groups = [
        replace(
            shown,
            payment_terms=payment_terms_text(
                terms[group.supplier_id].deposit_percent, terms[group.supplier_id].balance_due
            ),
        )
        for shown, group in zip(view.groups, review.groups, strict=True)
    ]
    return replace(view, groups=groups)


def _context(
    request: HttpRequest,
    actor: Membership,
    form: CheckoutForm,
    address_form: AddressForm,
    **extra: Any,
) -> dict[str, Any]:
    items = cart_items_for_member(actor)
    review = review_of(items)
    view = _with_terms(cart_view(items, review, display_currency_for(request)), review)
    return {
        "actor": actor,
        "cart": view,
        "form": form,
        "address_form": address_form,
        "addresses": list(shipping_address_list_for_company(actor=actor)),
        "chosen_address": form["address"].value() or "",
        **extra,
    }


def _fresh_form(address: str) -> CheckoutForm:
    return CheckoutForm(initial={"key": secrets.token_urlsafe(24), "address": address})


def _default_choice(actor: Membership) -> str:
    for address in shipping_address_list_for_company(actor=actor):
        return str(address.pk)  # the default comes first
    return NEW_ADDRESS


@acting_member
def checkout_page(request: HttpRequest, actor: Membership) -> HttpResponse:
    """GET: the form and the review. POST: place the purchase (once per form key)."""
    ensure_buying(actor)
    if request.method == "POST":
        return _place(request, actor)
    items = cart_items_for_member(actor)
    if not items:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders_cart")
    form = _fresh_form(_default_choice(actor))
    context = _context(request, actor, form, AddressForm(prefix="ship"))
    if not context["cart"].can_checkout:
        messages.error(request, _("Fix the lines marked in red before checking out."))
        return redirect("orders_cart")
    return render(request, "orders/checkout.html", context)


def _ship_to(
    actor: Membership, choice: str, address_form: AddressForm
) -> tuple[ShipTo | None, bool]:
    """(the ship-to, whether the choice is usable)."""
    if choice == NEW_ADDRESS:
        if not address_form.is_valid():
            return None, False
        return ship_to_from(address_form.cleaned_data), True
    saved = {str(a.pk): a for a in shipping_address_list_for_company(actor=actor)}
    address: ShippingAddress | None = saved.get(choice)
    if address is None:
        return None, False
    return ship_to_from(
        {
            "name": address.name,
            "line1": address.line1,
            "line2": address.line2,
            "city": address.city,
            "postal_code": address.postal_code,
            "country": address.country,
        }
    ), True


def _fingerprint(request: HttpRequest) -> str:
    body = sorted((k, v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken")
    return hashlib.sha256(repr(body).encode()).hexdigest()


def _place(request: HttpRequest, actor: Membership) -> HttpResponse:
    form = CheckoutForm(request.POST)
    address_form = AddressForm(request.POST, prefix="ship")
    choice = request.POST.get("address", "")
    ship_to, usable = _ship_to(actor, choice, address_form) if form.is_valid() else (None, False)
    if not form.is_valid() or not usable:
        if choice != NEW_ADDRESS and form.is_valid():
            form.add_error(None, _("Choose a ship-to address."))
        return _again(request, actor, form, address_form, status=400)
    scope = IdempotencyScope(actor.company_id, actor.user_id, "POST", _ROUTE)
    try:
        claim = idempotency_claim(
            scope=scope, key=form.cleaned_data["key"], fingerprint=_fingerprint(request)
        )
    except (IdempotencyRequestInProgress, IdempotencyKeyReused) as error:
        messages.info(request, error_text(error))
        return redirect("orders_list")
    if claim.replay is not None:
        return redirect(claim.replay.body.decode())
    return _checkout(request, actor, form, address_form, ship_to, claim.record_id)


def _checkout(
    request: HttpRequest,
    actor: Membership,
    form: CheckoutForm,
    address_form: AddressForm,
    ship_to: ShipTo | None,
    record_id: uuid.UUID,
) -> HttpResponse:
    items = {item.pk: item for item in cart_items_for_member(actor)}
    data = form.cleaned_data
    try:
        purchase = checkout_place(
            actor=actor,
            ship_to=ship_to,
            po_number=data["po_number"],
            incoterm=data["incoterm"],
            named_place=data["named_place"],
            notes=data["notes"],
        )
    except DomainError as error:
        idempotency_release(record_id=record_id)
        return _refused(request, actor, form, address_form, error, items)
    done = reverse("orders_checkout_done", args=[purchase.pk])
    stored = StoredResponse(status=303, body=done.encode(), content_type="text/uri-list")
    idempotency_complete(record_id=record_id, response=stored)
    return redirect(done)


def _refused(
    request: HttpRequest,
    actor: Membership,
    form: CheckoutForm,
    address_form: AddressForm,
    error: DomainError,
    items: dict[uuid.UUID, CartItem],
) -> HttpResponse:
    if isinstance(error, CartEmpty | CartInvalid | ProductUnavailable | NotFound):
        messages.error(request, error_text(error))
        return redirect("orders_cart")
    changes: list[Change] = []
    if isinstance(error, PriceChanged):
        changes = _price_changes(error, items)
    elif isinstance(error, InsufficientStock):
        changes = _stock_change(error, items)
    else:
        field = error.details.get("field")
        form.add_error(field if field in form.fields else None, error_text(error))
    return _again(
        request,
        actor,
        form,
        address_form,
        status=status_for(error),
        problem=error.code,
        changes=changes,
    )


def _again(
    request: HttpRequest,
    actor: Membership,
    form: CheckoutForm,
    address_form: AddressForm,
    *,
    status: int,
    **extra: Any,
) -> HttpResponse:
    """The form as sent, with a fresh key (the refused one was released)."""
    data = request.POST.copy()
    data["key"] = secrets.token_urlsafe(24)
    again = CheckoutForm(data)
    again.is_valid()
    for field, errors in form.errors.items():
        if field not in again.errors:
            for message in errors:
                again.add_error(field if field != "__all__" else None, message)
    context = _context(request, actor, again, address_form, **extra)
    return render(request, "orders/checkout.html", context, status=status)


def _title(items: dict[uuid.UUID, CartItem], item_id: object) -> str:
    try:
        item = items.get(uuid.UUID(str(item_id)))
    except ValueError:
        item = None
    return product_text(item.product)[0] if item is not None else ""


def _price_changes(error: PriceChanged, items: dict[uuid.UUID, CartItem]) -> list[Change]:
    changes = []
    for line in error.details.get("lines", []):
        old, new = line.get("old", {}), line.get("new", {})
        text = _("was %(old)s, now %(new)s") % {
            "old": unit_price_text(Decimal(old.get("amount", "0")), old.get("currency", "EUR")),
            "new": unit_price_text(Decimal(new.get("amount", "0")), new.get("currency", "EUR")),
        }
        changes.append(Change(_title(items, line.get("item_id")), text))
    return changes


def _stock_change(error: InsufficientStock, items: dict[uuid.UUID, CartItem]) -> list[Change]:
    product_id = str(error.details.get("product_id", ""))
    match = next((i for i in items.values() if str(i.product_id) == product_id), None)
    title = product_text(match.product)[0] if match is not None else ""
    text = _("%(available)s left, %(requested)s asked for") % {
        "available": error.details.get("available", 0),
        "requested": error.details.get("requested", ""),
    }
    return [Change(title, text)]


@dataclass(frozen=True)
class PlacedOrder:
    order: Order
    total: str
    badge: str


@acting_member
def checkout_done(request: HttpRequest, actor: Membership, purchase_id: uuid.UUID) -> HttpResponse:
    """The purchase just placed: its orders, one per supplier, and what happens next."""
    orders = list(
        order_list_for_company(actor=actor, role=OrderSide.BUYER)
        .filter(purchase_id=purchase_id)
        .select_related("purchase")
    )
    if not orders:
        raise NotFound()
    rows = [PlacedOrder(o, money_text(o.total, o.currency), status_badge(o.status)) for o in orders]
    context = {"actor": actor, "purchase": orders[0].purchase, "rows": rows}
    return render(request, "orders/checkout_done.html", context)
