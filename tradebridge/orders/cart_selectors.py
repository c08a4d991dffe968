"""Reads of a member's cart for the page furniture (the header's cart link, the product
page's buy box). The cart's review (prices, problems, totals) is `orders.services.carts`."""

from tradebridge.companies.models import Membership
from tradebridge.orders.models import CartItem


def cart_line_count(*, actor: Membership) -> int:
    """The number of lines in the member's cart (one query; 0 without a cart)."""
    return CartItem.objects.filter(cart__membership=actor).count()
