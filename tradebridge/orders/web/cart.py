"""The cart (/cart/): lines grouped by supplier, each group one future order, with quantity
changes and removals through HTMX (the whole cart comes back, since one line's quantity can
move its siblings' tier), and the product page's "Add to cart" / "Buy samples" forms.

Only members of a buying company have a cart (others: 404); the cart services check the
role and scope every line to the member's own cart.
"""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.catalog.selectors import product_get_public
from tradebridge.catalog.web.display import product_url, rates_for, visitor_locale
from tradebridge.catalog.web.product import QuoteView, quote_for
from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.companies.web.preferences import display_currency_for
from tradebridge.core.errors import DomainError, NotFound
from tradebridge.orders.services.cart_reads import cart_items_for_member, review_of
from tradebridge.orders.services.carts import cart_item_add, cart_item_remove, cart_item_update
from tradebridge.orders.templatetags.orders_nav import buys
from tradebridge.orders.web.cart_display import cart_view
from tradebridge.orders.web.errors import error_text
from tradebridge.orders.web.forms import AddToCartForm, QuantityForm


def ensure_buying(actor: Membership) -> None:
    if not buys(actor):
        raise NotFound()


def cart_context(request: HttpRequest, actor: Membership) -> dict[str, object]:
    items = cart_items_for_member(actor)
    view = cart_view(items, review_of(items), display_currency_for(request))
    return {"actor": actor, "cart": view}


@acting_member
def cart_page(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The cart, grouped by supplier, with what stands in the way of checking out."""
    ensure_buying(actor)
    return render(request, "orders/cart.html", cart_context(request, actor))


def _cart_answer(
    request: HttpRequest, actor: Membership, errors: dict[uuid.UUID, str], status: int = 200
) -> HttpResponse:
    """HTMX: the cart and the header's count (out of band). Otherwise back to the cart."""
    if not is_htmx(request):
        for text in errors.values():
            messages.error(request, text)
        return redirect("orders_cart")
    context = cart_context(request, actor) | {"line_errors": errors, "oob": True}
    return render(request, "orders/cart.html#cart", context, status=status)


@require_POST
@acting_member
def cart_item_quantity(request: HttpRequest, actor: Membership, item_id: uuid.UUID) -> HttpResponse:
    """Set a line's quantity (the service checks MOQ, multiples and stock)."""
    ensure_buying(actor)
    form = QuantityForm(request.POST)
    if not form.is_valid():
        return _cart_answer(
            request, actor, {item_id: _("Enter a whole number of at least 1.")}, 422
        )
    try:
        cart_item_update(actor=actor, item_id=item_id, quantity=form.cleaned_data["quantity"])
    except NotFound:
        raise
    except DomainError as error:
        return _cart_answer(request, actor, {item_id: error_text(error)}, 422)
    return _cart_answer(request, actor, {})


@require_POST
@acting_member
def cart_item_delete(request: HttpRequest, actor: Membership, item_id: uuid.UUID) -> HttpResponse:
    """Remove a line."""
    ensure_buying(actor)
    cart_item_remove(actor=actor, item_id=item_id)
    if not is_htmx(request):
        messages.success(request, _("The line has been removed."))
    return _cart_answer(request, actor, {})


@require_POST
@acting_member
def cart_add(request: HttpRequest, actor: Membership, product_id: uuid.UUID) -> HttpResponse:
    """Add the product (a variant, or samples) to the cart, then back to the product page
    with what happened (the cart's link is in the header)."""
    product = product_get_public(product_id=product_id)
    back = product_url(product)
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a whole number of at least 1."))
        return redirect(back)
    data = form.cleaned_data
    try:
        cart_item_add(
            actor=actor,
            product_id=product.pk,
            quantity=data["quantity"],
            variant_id=data["variant"],
            is_sample=data["is_sample"],
        )
    except NotFound:
        raise
    except DomainError as error:
        messages.error(request, error_text(error))
        return redirect(f"{back}?quantity={data['quantity']}")
    if data["is_sample"]:
        messages.success(request, _("Samples added to your cart."))
    else:
        messages.success(request, _("Added to your cart."))
    return redirect(back)


def buy_price(request: HttpRequest, product_id: uuid.UUID) -> HttpResponse:
    """HTMX: the buy box's price line for `?quantity=`: the tier's unit price and the total
    in the supplier's currency, or why this quantity cannot be ordered (public products only;
    anyone may ask, as the product page's own price box)."""
    try:
        product = product_get_public(product_id=product_id)
    except NotFound:
        quote = QuoteView("", error=_("This product is no longer available."))
        return render(request, "orders/_buy_box.html#buy-price", {"quote": quote}, status=404)
    currency = display_currency_for(request)
    rates = rates_for({currency, product.currency})
    quantity = request.GET.get("quantity", "").strip()
    quote = quote_for(product, quantity, currency, rates, visitor_locale())
    return render(request, "orders/_buy_box.html#buy-price", {"quote": quote})
