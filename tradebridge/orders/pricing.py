"""The cart review: what each cart line costs now, and what stands in the way of ordering it.
Pure functions over frozen dataclasses, no ORM (the services load the catalog's data).

Rules:

- A product's tier is chosen by the SUM of its non-sample quantities across its variants and
  lines (buying 60 red and 60 blue pays the 100+ tier); MOQ and order-multiple problems are
  judged on that sum too and reported on each of the product's lines.
- A sample line costs the product's sample price per unit, has no MOQ, and needs the
  product to offer samples (`sample_unavailable` otherwise).
- A line whose price differs from the one the buyer last saw (`seen`) is a price change.
- Stock is judged per stock row (the variant's, or the product's when there is no variant):
  all lines drawing on one row, samples included, are summed against it
  (`insufficient_stock`). Made-to-order rows (`stock` None) never fall short.
- A line of a product that is no longer sold is `unavailable`, and left out of the totals.
- Lines are grouped per supplier and currency: each group becomes one order. Line totals are
  rounded half-up to the currency's minor unit; a group's total is the sum of its lines.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tradebridge.catalog.errors import BelowMinimumOrder, NotOrderMultiple
from tradebridge.catalog.pricing import PriceSchedule, Tier, price_for_quantity
from tradebridge.core.money import Money

UNAVAILABLE = "unavailable"
SAMPLE_UNAVAILABLE = "sample_unavailable"
INSUFFICIENT_STOCK = "insufficient_stock"
# Problems the buyer fixes in the cart (422 at checkout), as opposed to changes (409).
QUANTITY_PROBLEMS = frozenset({BelowMinimumOrder.code, NotOrderMultiple.code, SAMPLE_UNAVAILABLE})


@dataclass(frozen=True, slots=True)
class ProductOffer:
    """What the catalog sells of one product now. `schedule` None: it has no valid prices;
    `sample_price` None: no samples; `available` False: no longer sold."""

    product_id: uuid.UUID
    supplier_id: uuid.UUID
    supplier_name: str
    schedule: PriceSchedule | None
    sample_price: Decimal | None
    available: bool = True


@dataclass(frozen=True, slots=True)
class CartLine:
    """One cart item as the review takes it. `stock`: what is left on the row it draws on."""

    item_id: uuid.UUID
    product_id: uuid.UUID
    variant_id: uuid.UUID | None
    quantity: int
    is_sample: bool
    seen: Money
    stock: int | None


@dataclass(frozen=True, slots=True)
class LineProblem:
    code: str
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReviewLine:
    line: CartLine
    unit_price: Money
    line_total: Money
    problems: tuple[LineProblem, ...]

    @property
    def price_changed(self) -> bool:
        return self.unit_price != self.line.seen

    @property
    def available(self) -> bool:
        return not self.has(UNAVAILABLE)

    def has(self, code: str) -> bool:
        return any(problem.code == code for problem in self.problems)


@dataclass(frozen=True, slots=True)
class SupplierGroup:
    """The lines of one supplier in one currency: one order at checkout."""

    supplier_id: uuid.UUID
    supplier_name: str
    currency: str
    lines: tuple[ReviewLine, ...]
    total: Money


@dataclass(frozen=True, slots=True)
class CartReview:
    groups: tuple[SupplierGroup, ...]

    @property
    def lines(self) -> tuple[ReviewLine, ...]:
        return tuple(line for group in self.groups for line in group.lines)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def price_changes(self) -> tuple[ReviewLine, ...]:
        return tuple(line for line in self.lines if line.available and line.price_changed)

    @property
    def unavailable(self) -> tuple[ReviewLine, ...]:
        return tuple(line for line in self.lines if not line.available)

    @property
    def stock_shortfalls(self) -> tuple[ReviewLine, ...]:
        return tuple(line for line in self.lines if line.has(INSUFFICIENT_STOCK))

    @property
    def quantity_problems(self) -> tuple[ReviewLine, ...]:
        return tuple(
            line
            for line in self.lines
            if any(problem.code in QUANTITY_PROBLEMS for problem in line.problems)
        )

    @property
    def has_problems(self) -> bool:
        return any(line.problems for line in self.lines)


def cart_review(lines: Sequence[CartLine], offers: Mapping[uuid.UUID, ProductOffer]) -> CartReview:
    """Price and check every line against the offers (every line's product must be in
    `offers`). Groups come in the order of their first line, lines in the given order."""
    summed = _product_quantities(lines)
    demand = _stock_demand(lines)
    reviewed = [_review_line(line, offers[line.product_id], summed, demand) for line in lines]
    return CartReview(groups=_grouped(reviewed, offers))


def unit_price_for(schedule: PriceSchedule, quantity: int) -> Money:
    """The tier price `quantity` units pay (the lowest tier's below it; never raises for a
    positive quantity)."""
    chosen: Tier = schedule.tiers[0]
    for tier in schedule.tiers:
        if tier.min_quantity > quantity:
            break
        chosen = tier
    return Money(chosen.unit_price, schedule.currency)


def _product_quantities(lines: Sequence[CartLine]) -> dict[uuid.UUID, int]:
    totals: dict[uuid.UUID, int] = {}
    for line in lines:
        if not line.is_sample:
            totals[line.product_id] = totals.get(line.product_id, 0) + line.quantity
    return totals


def _stock_demand(lines: Sequence[CartLine]) -> dict[tuple[uuid.UUID, uuid.UUID | None], int]:
    totals: dict[tuple[uuid.UUID, uuid.UUID | None], int] = {}
    for line in lines:
        key = (line.product_id, line.variant_id)
        totals[key] = totals.get(key, 0) + line.quantity
    return totals


def _review_line(
    line: CartLine,
    offer: ProductOffer,
    summed: Mapping[uuid.UUID, int],
    demand: Mapping[tuple[uuid.UUID, uuid.UUID | None], int],
) -> ReviewLine:
    problems: list[LineProblem] = []
    if not offer.available or offer.schedule is None:
        problems.append(LineProblem(UNAVAILABLE))
        unit_price = line.seen
    elif line.is_sample:
        unit_price = _sample_price(line, offer, problems)
    else:
        unit_price = _tier_price(offer.schedule, summed[line.product_id], problems)
    wanted = demand[(line.product_id, line.variant_id)]
    if line.stock is not None and wanted > line.stock:
        problems.append(
            LineProblem(INSUFFICIENT_STOCK, {"available": line.stock, "requested": wanted})
        )
    return ReviewLine(
        line=line,
        unit_price=unit_price,
        line_total=(unit_price * line.quantity).rounded(),
        problems=tuple(problems),
    )


def _sample_price(line: CartLine, offer: ProductOffer, problems: list[LineProblem]) -> Money:
    assert offer.schedule is not None  # noqa: S101  # checked by the caller
    if offer.sample_price is None:
        problems.append(LineProblem(SAMPLE_UNAVAILABLE))
        return line.seen
    return Money(offer.sample_price, offer.schedule.currency)


def _tier_price(schedule: PriceSchedule, quantity: int, problems: list[LineProblem]) -> Money:
    try:
        return price_for_quantity(schedule, quantity).unit_price
    except (BelowMinimumOrder, NotOrderMultiple) as error:
        problems.append(LineProblem(error.code, dict(error.details)))
        return unit_price_for(schedule, quantity)


def _grouped(
    reviewed: Sequence[ReviewLine], offers: Mapping[uuid.UUID, ProductOffer]
) -> tuple[SupplierGroup, ...]:
    buckets: dict[tuple[uuid.UUID, str], list[ReviewLine]] = {}
    for line in reviewed:
        offer = offers[line.line.product_id]
        buckets.setdefault((offer.supplier_id, line.unit_price.currency), []).append(line)
    groups = []
    for (supplier_id, currency), group_lines in buckets.items():
        name = offers[group_lines[0].line.product_id].supplier_name
        total = Money.total(
            (line.line_total for line in group_lines if line.available), currency=currency
        )
        groups.append(
            SupplierGroup(
                supplier_id=supplier_id,
                supplier_name=name,
                currency=currency,
                lines=tuple(group_lines),
                total=total,
            )
        )
    return tuple(groups)
