"""Template tags of orders for the page furniture: the header's cart count and who may buy
on a product page. Each costs at most one query."""

from dataclasses import dataclass

from django import template

from tradebridge.catalog.models import Product
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.orders.cart_selectors import cart_line_count

register = template.Library()

_BUYING_KINDS = (CompanyKind.BUYER, CompanyKind.BOTH)


def buys(membership: Membership | None) -> bool:
    """Whether the membership's company buys (no query)."""
    return membership is not None and membership.company.kind in _BUYING_KINDS


@register.simple_tag
def has_cart(membership: Membership | None) -> bool:
    """Whether the header shows a cart for this membership (a buying company; no query)."""
    return buys(membership)


@register.simple_tag
def cart_count(membership: Membership | None) -> int:
    """The lines in the member's cart (0 without a membership)."""
    if membership is None:
        return 0
    return cart_line_count(actor=membership)


@dataclass(frozen=True)
class BuyOptions:
    """What the product page's buy box offers the visitor.

    `show`: a box at all; `sign_in`: anonymous, a sign-in link; `may_order`: the forms;
    otherwise a sentence says why not (role without the right to order).
    """

    show: bool
    sign_in: bool = False
    may_order: bool = False


@register.simple_tag
def buy_options(
    membership: Membership | None, product: Product, *, authenticated: bool, preview: bool
) -> BuyOptions:
    """Anonymous visitors get a sign-in link; members of a buying company other than the
    supplier get the forms (or, without the right to order, a sentence); the supplier itself,
    supplier-only companies and previews get nothing. The cart service decides for real."""
    if preview:
        return BuyOptions(show=False)
    if not authenticated:
        return BuyOptions(show=True, sign_in=True)
    if membership is None or membership.company_id == product.supplier_id or not buys(membership):
        return BuyOptions(show=False)
    return BuyOptions(show=True, may_order=has_permission(membership, Permission.PLACE_ORDERS))
