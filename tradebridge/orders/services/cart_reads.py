"""Loading a cart and turning it into the pure review's inputs (shared by the cart services
and checkout)."""

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet

from tradebridge.catalog.models import PriceTier, Product
from tradebridge.catalog.pricing import InvalidPriceTiers
from tradebridge.catalog.selectors import product_list_public, product_price_schedule
from tradebridge.companies.models import Membership
from tradebridge.core.money import Money
from tradebridge.orders.models import Cart, CartItem
from tradebridge.orders.pricing import CartLine, CartReview, ProductOffer, cart_review


def cart_items(cart: Cart) -> list[CartItem]:
    """The cart's items, oldest first, with product, supplier, tiers and variant loaded."""
    return list(_with_details(CartItem.objects.filter(cart=cart)))


def cart_items_for_member(actor: Membership) -> list[CartItem]:
    return list(_with_details(CartItem.objects.filter(cart__membership=actor)))


def review_of(items: Sequence[CartItem]) -> CartReview:
    """The pure review of these items against the catalog as it is now."""
    products = {item.product_id: item.product for item in items}
    available = set(
        product_list_public(product_ids=products).order_by().values_list("id", flat=True)
    )
    offers = {pk: _offer(product, pk in available) for pk, product in products.items()}
    return cart_review([cart_line(item) for item in items], offers)


def cart_line(item: CartItem) -> CartLine:
    stock = item.variant.stock if item.variant is not None else item.product.stock
    return CartLine(
        item_id=item.pk,
        product_id=item.product_id,
        variant_id=item.variant_id,
        quantity=item.quantity,
        is_sample=item.is_sample,
        seen=Money(item.unit_price_seen, item.currency_seen),
        stock=stock,
    )


def variant_label(options: object) -> str:
    if not isinstance(options, dict):
        return ""
    return ", ".join(f"{name}: {value}" for name, value in options.items())


def _offer(product: Product, available: bool) -> ProductOffer:
    try:
        schedule = product_price_schedule(product=product)
    except InvalidPriceTiers:
        schedule = None
    return ProductOffer(
        product_id=product.pk,
        supplier_id=product.supplier_id,
        supplier_name=product.supplier.display_name,
        schedule=schedule,
        sample_price=product.sample_price if product.sample_available else None,
        available=available,
    )


def _with_details(items: QuerySet[CartItem]) -> QuerySet[CartItem]:
    return (
        items.select_related("product", "product__supplier", "variant")
        .prefetch_related(
            Prefetch("product__tiers", queryset=PriceTier.objects.order_by("min_quantity"))
        )
        .order_by("added_at", "id")
    )
