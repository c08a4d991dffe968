"""A member's cart: adding, changing and removing lines, and reviewing it.

Every write is scoped to the actor's own cart (another member's item answers 404, as one that
does not exist) and needs PLACE_ORDERS. Only products a buyer can see may be added (published,
by an active supplier; anything else is 404). Quantities are whole numbers from 1 to
MAX_LINE_QUANTITY; a cart holds at most MAX_CART_LINES lines. Adding a line that is already
there (same product, variant and sample flag) adds to its quantity.

MOQ and order multiples are checked at once for a product without variants; for a product
with variants they apply to the sum of its variants' quantities, so they are reported by the
review and enforced at checkout (the buyer adds the variants one by one). A quantity above the
stock left answers 409 `insufficient_stock`.

After every write, the seen prices of the product's lines are set to what they cost now (the
product's summed quantity may have moved them to another tier): a price change that checkout
reports is then always a change of the catalog, never of the buyer's own cart.
"""

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from tradebridge.catalog.errors import InsufficientStock, InvalidQuantity
from tradebridge.catalog.models import Product, ProductVariant
from tradebridge.catalog.pricing import price_for_quantity
from tradebridge.catalog.selectors import product_get_public, product_price_schedule
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound
from tradebridge.orders.errors import (
    CartFull,
    OwnProduct,
    QuantityTooLarge,
    SampleUnavailable,
    VariantRequired,
)
from tradebridge.orders.models import Cart, CartItem
from tradebridge.orders.pricing import CartReview
from tradebridge.orders.services.cart_reads import cart_items, cart_items_for_member, review_of

MAX_LINE_QUANTITY = 1_000_000
MAX_CART_LINES = 100


def cart_review_for_member(actor: Membership) -> CartReview:
    """The review of the actor's cart (empty without one). Reads only: the seen prices are
    left as they are, so the changes stay visible until checkout confirms them."""
    if not actor.is_active:
        return review_of([])
    return review_of(cart_items_for_member(actor))


def cart_item_add(
    *,
    actor: Membership,
    product_id: uuid.UUID,
    quantity: int,
    variant_id: uuid.UUID | None = None,
    is_sample: bool = False,
    now: datetime | None = None,
) -> CartItem:
    """Add `quantity` of a product (or variant; or samples) to the actor's cart and return
    its line. Raises PermissionDenied, NotFound (product not visible, variant not of the
    product), InvalidQuantity / QuantityTooLarge, VariantRequired, SampleUnavailable,
    OwnProduct, BelowMinimumOrder / NotOrderMultiple (products without variants), CartFull
    (422), InsufficientStock (409). Not idempotent: adding twice adds twice."""
    ensure_can(actor, Permission.PLACE_ORDERS)
    _check_quantity(quantity)
    product = product_get_public(product_id=product_id)
    variant = _variant_for(product, variant_id)
    _check_buyable(actor, product, is_sample=is_sample)
    _check_in_stock(product, variant, quantity)
    with transaction.atomic():
        cart = _cart_locked(actor)
        item = _line_for(cart, product, variant, is_sample=is_sample)
        new_quantity = quantity if item is None else item.quantity + quantity
        _check_quantity(new_quantity)
        if item is None:
            _check_room(cart)
            item = _line_new(cart, product, variant, is_sample, new_quantity, now)
        else:
            item.quantity = new_quantity
            item.save(update_fields=["quantity"])
        _check_line(item, product)
        _reprice(cart, product.pk)
    item.refresh_from_db()
    return item


def cart_item_update(*, actor: Membership, item_id: uuid.UUID, quantity: int) -> CartItem:
    """Set a line's quantity. Raises what `cart_item_add` raises for a quantity, and NotFound
    for an item that is not in the actor's cart. Idempotent."""
    ensure_can(actor, Permission.PLACE_ORDERS)
    _check_quantity(quantity)
    with transaction.atomic():
        cart = _cart_locked(actor)
        item = _item_in(cart, item_id)
        item.quantity = quantity
        item.save(update_fields=["quantity"])
        _check_line(item, item.product)
        _reprice(cart, item.product_id)
    item.refresh_from_db()
    return item


def cart_item_remove(*, actor: Membership, item_id: uuid.UUID) -> None:
    """Remove a line from the actor's cart. Raises NotFound for an item not in it (also when
    already removed)."""
    ensure_can(actor, Permission.PLACE_ORDERS)
    with transaction.atomic():
        cart = _cart_locked(actor)
        item = _item_in(cart, item_id)
        item.delete()
        _reprice(cart, item.product_id)


def _cart_locked(actor: Membership) -> Cart:
    cart, _ = Cart.objects.get_or_create(membership=actor)
    return Cart.objects.select_for_update().get(pk=cart.pk)


def _item_in(cart: Cart, item_id: uuid.UUID) -> CartItem:
    item = (
        CartItem.objects.select_related("product", "variant").filter(cart=cart, pk=item_id).first()
    )
    if item is None:
        raise NotFound(item_id=str(item_id))
    return item


def _check_quantity(quantity: int) -> None:
    value: object = quantity  # callers outside the typed code may pass anything
    if isinstance(value, bool) or not isinstance(value, int) or quantity < 1:
        raise InvalidQuantity(quantity=str(quantity))
    if quantity > MAX_LINE_QUANTITY:
        raise QuantityTooLarge(max_quantity=MAX_LINE_QUANTITY, quantity=quantity)


def _variant_for(product: Product, variant_id: uuid.UUID | None) -> ProductVariant | None:
    if variant_id is None:
        if product.variants.exists():
            raise VariantRequired(product_id=str(product.pk))
        return None
    variant = ProductVariant.objects.filter(pk=variant_id, product=product).first()
    if variant is None:
        raise NotFound(variant_id=str(variant_id))
    return variant


def _check_buyable(actor: Membership, product: Product, *, is_sample: bool) -> None:
    if product.supplier_id == actor.company_id:
        raise OwnProduct(product_id=str(product.pk))
    if is_sample and (not product.sample_available or product.sample_price is None):
        raise SampleUnavailable(product_id=str(product.pk))


def _check_in_stock(product: Product, variant: ProductVariant | None, quantity: int) -> None:
    """More than the stock left answers 409 before the cart is locked: once a flash sale has
    sold out, every latecomer costs a read, not a transaction. (The check on the locked cart
    below still counts the lines already there.)"""
    stock = variant.stock if variant is not None else product.stock
    if stock is not None and quantity > stock:
        raise InsufficientStock(
            product_id=str(product.pk),
            variant_id=str(variant.pk) if variant is not None else None,
            requested=quantity,
            available=stock,
        )


def _check_room(cart: Cart) -> None:
    if CartItem.objects.filter(cart=cart).count() >= MAX_CART_LINES:
        raise CartFull(max_items=MAX_CART_LINES)


def _line_for(
    cart: Cart, product: Product, variant: ProductVariant | None, *, is_sample: bool
) -> CartItem | None:
    return CartItem.objects.filter(
        cart=cart, product=product, variant=variant, is_sample=is_sample
    ).first()


def _line_new(
    cart: Cart,
    product: Product,
    variant: ProductVariant | None,
    is_sample: bool,
    quantity: int,
    now: datetime | None,
) -> CartItem:
    return CartItem.objects.create(
        cart=cart,
        product=product,
        variant=variant,
        is_sample=is_sample,
        quantity=quantity,
        unit_price_seen=0,  # set by _reprice below, in the same transaction
        currency_seen=product.currency,
        added_at=now or timezone.now(),
    )


def _check_line(item: CartItem, product: Product) -> None:
    """The rules a single line can be held to: MOQ and multiple (products without variants,
    not samples), and the stock left on its row (all the cart's lines on that row summed)."""
    if not item.is_sample and item.variant_id is None:
        price_for_quantity(product_price_schedule(product=product), _product_total(item))
    stock = item.variant.stock if item.variant is not None else product.stock
    wanted = sum(
        CartItem.objects.filter(
            cart_id=item.cart_id, product_id=item.product_id, variant_id=item.variant_id
        ).values_list("quantity", flat=True)
    )
    if stock is not None and wanted > stock:
        raise InsufficientStock(
            product_id=str(item.product_id),
            variant_id=str(item.variant_id) if item.variant_id else None,
            requested=wanted,
            available=stock,
        )


def _product_total(item: CartItem) -> int:
    return sum(
        CartItem.objects.filter(
            cart_id=item.cart_id, product_id=item.product_id, is_sample=False
        ).values_list("quantity", flat=True)
    )


def _reprice(cart: Cart, product_id: uuid.UUID) -> None:
    """Set the seen price and stock of the product's lines to what the review says now."""
    items = [item for item in cart_items(cart) if item.product_id == product_id]
    for line in review_of(items).lines:
        CartItem.objects.filter(pk=line.line.item_id).update(
            unit_price_seen=line.unit_price.amount,
            currency_seen=line.unit_price.currency,
            stock_seen=line.line.stock,
        )
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())
