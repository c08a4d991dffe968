"""Cart and checkout endpoints, and the company's shipping addresses.

The cart is the calling member's own (another member's item id answers 404 and changes
nothing). Prices are never taken from the client: the cart shows what each line costs now and
what the buyer last saw; checkout re-prices from the catalog and answers 409 `price_changed`
(the seen prices are then updated: the same request sent again goes through),
`insufficient_stock` or `product_unavailable`; 422 `cart_empty`, `cart_invalid` (MOQ,
multiples, samples), `ship_to_required`. POSTs take an `Idempotency-Key`.
"""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from tradebridge.companies.api.auth import auth_membership
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.orders.api.cart_schemas import (
    CartItemIn,
    CartItemOut,
    CartItemPatchIn,
    CartOut,
    CheckoutIn,
    CheckoutOut,
    ShippingAddressIn,
    ShippingAddressOut,
    cart_item_out,
    cart_out,
    checkout_out,
)
from tradebridge.orders.models import ShippingAddress
from tradebridge.orders.services.addresses import (
    shipping_address_add,
    shipping_address_list_for_company,
    shipping_address_set_default,
)
from tradebridge.orders.services.cart_reads import cart_items_for_member, review_of
from tradebridge.orders.services.carts import cart_item_add, cart_item_remove, cart_item_update
from tradebridge.orders.services.checkout import checkout_place

router = Router(tags=["orders: cart and checkout"])

_BUSY = {
    "description": "The embedded (SQLite) database stayed busy with other checkouts past its "
    "timeout (`busy`): nothing was written; send the same request again.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


@router.get("/cart", response=CartOut, summary="Read your cart")
def cart_read(request: HttpRequest) -> dict[str, Any]:
    """Your cart per supplier and currency, priced from the catalog now: each line's tier
    comes from the product's quantity summed over its variants; `problems` name what would
    stop checkout (`below_moq`, `not_order_multiple`, `insufficient_stock`,
    `sample_unavailable`, `unavailable`); `price_changed` compares with what you last saw."""
    actor = auth_membership(request)
    items = cart_items_for_member(actor) if actor.is_active else []
    return cart_out(review_of(items), {item.pk: item for item in items})


@router.post(
    "/cart/items",
    response={201: CartItemOut},
    summary="Add a product to your cart",
    openapi_extra=error_responses(404, 409),
)
@idempotent
def cart_item_post(request: HttpRequest, payload: CartItemIn) -> Status[dict[str, Any]]:
    """Adds to the line of the same product, variant and sample flag when there is one.
    404: a product you cannot see (not published, supplier suspended) or a variant of another
    product; 422 `invalid_quantity`, `quantity_too_large`, `below_moq`, `not_order_multiple`,
    `variant_required`, `sample_unavailable`, `own_product`, `cart_full`; 409
    `insufficient_stock`."""
    actor = auth_membership(request)
    item = cart_item_add(
        actor=actor,
        product_id=payload.product_id,
        quantity=payload.quantity,
        variant_id=payload.variant_id,
        is_sample=payload.is_sample,
    )
    return Status(201, cart_item_out(item))


@router.patch(
    "/cart/items/{item_id}",
    response=CartItemOut,
    summary="Change a cart line's quantity",
    openapi_extra=error_responses(409),
)
def cart_item_patch(
    request: HttpRequest, item_id: UUID, payload: CartItemPatchIn
) -> dict[str, Any]:
    actor = auth_membership(request)
    return cart_item_out(cart_item_update(actor=actor, item_id=item_id, quantity=payload.quantity))


@router.delete("/cart/items/{item_id}", response={204: None}, summary="Remove a cart line")
def cart_item_delete(request: HttpRequest, item_id: UUID) -> Status[None]:
    actor = auth_membership(request)
    cart_item_remove(actor=actor, item_id=item_id)
    return Status(204, None)


@router.post(
    "/checkout",
    response={201: CheckoutOut},
    summary="Place your cart: one order per supplier",
    openapi_extra={"responses": {**error_responses(409)["responses"], "503": _BUSY}},
)
@idempotent
def checkout_post(request: HttpRequest, payload: CheckoutIn) -> Status[dict[str, Any]]:
    """One purchase, one order per supplier (and currency), each with its own escrow and
    terms; stock is taken; the cart is emptied. `ship_to` left out: the company's default
    address (422 `ship_to_required` without one)."""
    actor = auth_membership(request)
    purchase = checkout_place(
        actor=actor,
        ship_to=payload.ship_to.ship_to() if payload.ship_to is not None else None,
        po_number=payload.po_number,
        incoterm=payload.incoterm,
        named_place=payload.named_place,
        notes=payload.notes,
    )
    orders = list(purchase.orders.select_related("supplier").order_by("created_at", "reference"))
    return Status(201, checkout_out(purchase, orders))


@router.get(
    "/shipping-addresses", response=list[ShippingAddressOut], summary="Your company's addresses"
)
def shipping_address_list(request: HttpRequest) -> list[ShippingAddress]:
    actor = auth_membership(request)
    return list(shipping_address_list_for_company(actor=actor))


@router.post(
    "/shipping-addresses",
    response={201: ShippingAddressOut},
    summary="Add a shipping address",
)
@idempotent
def shipping_address_post(
    request: HttpRequest, payload: ShippingAddressIn
) -> Status[ShippingAddress]:
    """The company's first address becomes its default; `is_default` makes a later one so."""
    actor = auth_membership(request)
    address = shipping_address_add(
        actor=actor, address=payload.ship_to(), is_default=payload.is_default
    )
    return Status(201, address)


@router.post(
    "/shipping-addresses/{address_id}/default",
    response=ShippingAddressOut,
    summary="Make an address the default",
)
def shipping_address_default(request: HttpRequest, address_id: UUID) -> ShippingAddress:
    actor = auth_membership(request)
    return shipping_address_set_default(actor=actor, address_id=address_id)
