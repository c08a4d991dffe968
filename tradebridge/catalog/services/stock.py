"""Ready-to-ship stock: taking units for orders and putting them back.

Each take is one conditional UPDATE (`stock = stock - n WHERE stock >= n`): the database
decides, so no read-then-write race can oversell. Rows are updated in one fixed order (product
id, then variant id, the product row before its variants) whatever the order of the caller's
lines, so two checkouts holding the same products never wait on each other in a cycle. Lines
for the same row are summed first, so one order cannot check two lines against the same
undecremented stock.

A line with a variant draws on the variant's stock, a line without one on the product's.
`stock` NULL means made to order: nothing is taken and the line always passes.

Both functions run inside the caller's transaction; `stock_reserve` runs in a savepoint so
that on InsufficientStock nothing it decremented stays decremented, even if the caller goes
on. Each writes change-feed rows for the products whose stock moved.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, QuerySet

from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.errors import InsufficientStock
from tradebridge.catalog.models import Product, ProductVariant
from tradebridge.core.errors import NotFound

_NIL = uuid.UUID(int=0)


@dataclass(frozen=True, slots=True)
class StockItem:
    """`quantity` units of a product, or of one of its variants."""

    product_id: uuid.UUID
    variant_id: uuid.UUID | None
    quantity: int

    def __post_init__(self) -> None:
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise TypeError(f"quantity must be an int, not {type(self.quantity).__name__}")
        if self.quantity < 1:
            raise ValueError("quantity must be at least 1")


def stock_reserve(*, items: Sequence[StockItem]) -> None:
    """Take the items' units from stock, all or nothing.

    Raises InsufficientStock (409, naming the first row short, in lock order) and then has
    decremented nothing; NotFound when a product or variant does not exist. Made-to-order
    rows pass untouched. Not idempotent: each call takes the units again.
    """
    wanted = summed(items)
    if not wanted:
        return
    moved: set[uuid.UUID] = set()
    with transaction.atomic():
        for (product_id, variant_id), quantity in wanted:
            if _take(product_id, variant_id, quantity):
                moved.add(product_id)
        _record_changes(moved)


def stock_release(*, items: Sequence[StockItem]) -> None:
    """Put the items' units back (a cancelled or expired reservation). Made-to-order rows and
    rows that are gone are skipped. Not idempotent: the caller releases each reservation once
    (orders marks it released under the order's lock)."""
    moved: set[uuid.UUID] = set()
    for (product_id, variant_id), quantity in summed(items):
        rows = _row(product_id, variant_id).filter(stock__isnull=False)
        if rows.update(stock=F("stock") + quantity):
            moved.add(product_id)
    _record_changes(moved)


def summed(items: Iterable[StockItem]) -> list[tuple[tuple[uuid.UUID, uuid.UUID | None], int]]:
    """The quantities per stock row, in lock order (product id, then variant id; the product's
    own row first)."""
    totals: dict[tuple[uuid.UUID, uuid.UUID | None], int] = {}
    for item in items:
        key = (item.product_id, item.variant_id)
        totals[key] = totals.get(key, 0) + item.quantity
    return sorted(totals.items(), key=lambda entry: (entry[0][0], entry[0][1] or _NIL))


def _row(
    product_id: uuid.UUID, variant_id: uuid.UUID | None
) -> QuerySet[Product] | QuerySet[ProductVariant]:
    if variant_id is None:
        return Product.objects.filter(pk=product_id)
    return ProductVariant.objects.filter(pk=variant_id, product_id=product_id)


def _take(product_id: uuid.UUID, variant_id: uuid.UUID | None, quantity: int) -> bool:
    """Whether units were taken (False: made to order). Raises InsufficientStock."""
    rows = _row(product_id, variant_id)
    if rows.filter(stock__gte=quantity).update(stock=F("stock") - quantity):
        return True
    # Not taken: made to order, sold out, or gone. This read comes after our failed UPDATE, so
    # it sees at least the stock that refused us.
    current = rows.values_list("stock", flat=True).first()
    exists = rows.exists() if current is None else True
    if not exists:
        raise NotFound(product_id=str(product_id))
    if current is None:
        return False
    raise InsufficientStock(
        product_id=str(product_id),
        variant_id=str(variant_id) if variant_id else None,
        requested=quantity,
        available=current,
    )


def _record_changes(product_ids: set[uuid.UUID]) -> None:
    if not product_ids:
        return
    suppliers = Product.objects.filter(pk__in=product_ids).order_by("pk")
    product_changes_record(changes=suppliers.values_list("pk", "supplier_id"))
