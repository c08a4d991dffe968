"""The cart as the buyer sees it: the review's groups (one future order per supplier) with
each line's product, tier price, total, problems as sentences with the fix to apply, price
changes since the line was added, and the totals, also in the buyer's currency ("approx.").
Pure presentation over the cart items and their review; the rules are `orders.pricing`'s."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tradebridge.catalog.web.display import (
    product_text,
    product_url,
    rates_for,
    to_visitor_currency,
    visitor_locale,
)
from tradebridge.catalog.web.quantities import quantity_text, unit_name
from tradebridge.core.fx import RateTable
from tradebridge.core.money import Money
from tradebridge.orders.models import CartItem
from tradebridge.orders.pricing import (
    INSUFFICIENT_STOCK,
    SAMPLE_UNAVAILABLE,
    UNAVAILABLE,
    CartReview,
    LineProblem,
    ReviewLine,
    SupplierGroup,
)
from tradebridge.orders.services.cart_reads import variant_label
from tradebridge.orders.web.display import unit_price_text

BLOCKING = frozenset({"below_moq", "not_order_multiple", SAMPLE_UNAVAILABLE, UNAVAILABLE})


@dataclass(frozen=True)
class ProblemView:
    code: str
    text: str
    fix_quantity: int | None = None  # a button sets the line to this quantity
    blocking: bool = True


@dataclass(frozen=True)
class LineView:
    item: CartItem
    title: str
    url: str
    variant: str
    unit: str  # the unit's name in the plural the quantity takes ("pieces")
    quantity: str  # "100 pieces"
    unit_price: str
    line_total: str
    seen_price: str  # the price when added, if it changed since
    problems: list[ProblemView]


@dataclass(frozen=True)
class GroupView:
    supplier_name: str
    supplier_slug: str
    currency: str
    lines: list[LineView]
    total: str
    approx_total: str  # in the buyer's currency ("" when the same or no rate)
    payment_terms: str = ""  # the supplier's terms, as a sentence (the checkout's review)


@dataclass(frozen=True)
class CartView:
    groups: list[GroupView]
    line_count: int
    approx_total: str
    approx_currency: str
    can_checkout: bool
    price_changes: int


def _problem(problem: LineProblem, item: CartItem, *, single_row: bool) -> ProblemView:
    details = problem.details
    single = item.variant_id is None and not item.is_sample
    if problem.code == "below_moq":
        moq = int(details.get("moq", 0))
        text = _("Minimum order %(moq)s (all variants together).") % {"moq": moq}
        if single:
            text = _("Minimum order %(moq)s.") % {"moq": moq}
        return ProblemView(problem.code, text, moq if single else None)
    if problem.code == "not_order_multiple":
        nearest = int(details.get("nearest", 0))
        text = _("Order in multiples of %(multiple)s; the nearest quantity is %(nearest)s.") % {
            "multiple": details.get("order_multiple", ""),
            "nearest": nearest,
        }
        return ProblemView(problem.code, text, nearest if single else None)
    if problem.code == INSUFFICIENT_STOCK:
        available = int(details.get("available", 0))
        text = _("Only %(available)s in stock (%(requested)s asked for).") % {
            "available": available,
            "requested": details.get("requested", ""),
        }
        fix = available if single_row and available > 0 else None
        return ProblemView(problem.code, text, fix, blocking=True)
    if problem.code == SAMPLE_UNAVAILABLE:
        return ProblemView(problem.code, _("Samples are no longer offered: remove this line."))
    return ProblemView(problem.code, _("No longer available: remove this line."))


def _line(reviewed: ReviewLine, item: CartItem, rows: dict[object, int]) -> LineView:
    title = product_text(item.product)[0]
    single_row = rows[(item.product_id, item.variant_id)] == 1
    seen = reviewed.line.seen
    changed = reviewed.available and reviewed.price_changed
    return LineView(
        item=item,
        title=title,
        url=product_url(item.product),
        variant=variant_label(item.variant.options) if item.variant is not None else "",
        unit=unit_name(item.product.unit, item.quantity),
        quantity=quantity_text(item.quantity, item.product.unit),
        unit_price=unit_price_text(reviewed.unit_price.amount, reviewed.unit_price.currency),
        line_total=reviewed.line_total.format(visitor_locale()),
        seen_price=unit_price_text(seen.amount, seen.currency) if changed else "",
        problems=[_problem(p, item, single_row=single_row) for p in reviewed.problems],
    )


def _approx(money: Money, currency: str, rates: RateTable) -> str:
    if money.currency == currency:
        return ""
    converted = to_visitor_currency(money, currency, rates)
    return converted.money.rounded().format(visitor_locale()) if converted.money else ""


def cart_view(items: Sequence[CartItem], review: CartReview, currency: str) -> CartView:
    """The cart page's content; `currency` is the buyer's display currency."""
    by_id: dict[uuid.UUID, CartItem] = {item.pk: item for item in items}
    rows: dict[object, int] = {}
    for item in items:
        rows[(item.product_id, item.variant_id)] = (
            rows.get((item.product_id, item.variant_id), 0) + 1
        )
    rates = rates_for({currency, *(group.currency for group in review.groups)})
    groups = [_group(group, by_id, rows, currency, rates) for group in review.groups]
    return CartView(
        groups=groups,
        line_count=len(items),
        approx_total=_grand_total(review.groups, currency, rates),
        approx_currency=currency,
        can_checkout=not review.is_empty and not _blocked(review),
        price_changes=len(review.price_changes),
    )


def _group(
    group: SupplierGroup,
    by_id: dict[uuid.UUID, CartItem],
    rows: dict[object, int],
    currency: str,
    rates: RateTable,
) -> GroupView:
    first = by_id[group.lines[0].line.item_id]
    return GroupView(
        supplier_name=group.supplier_name,
        supplier_slug=first.product.supplier.slug,
        currency=group.currency,
        lines=[_line(line, by_id[line.line.item_id], rows) for line in group.lines],
        total=group.total.format(visitor_locale()),
        approx_total=_approx(group.total, currency, rates),
    )


def _blocked(review: CartReview) -> bool:
    return any(
        problem.code in BLOCKING for line in review.lines for problem in line.problems
    ) or bool(review.stock_shortfalls)


def _grand_total(groups: Sequence[SupplierGroup], currency: str, rates: RateTable) -> str:
    """The sum of every group in the buyer's currency; "" when a rate is missing, and when
    every group is already in that currency (nothing is approximate: each total is exact)."""
    if all(group.total.currency == currency for group in groups):
        return ""
    converted = []
    for group in groups:
        if group.total.currency == currency:
            converted.append(group.total)
            continue
        value = to_visitor_currency(group.total, currency, rates).money
        if value is None:
            return ""
        converted.append(value)
    return Money.total(converted, currency=currency).rounded().format(visitor_locale())
