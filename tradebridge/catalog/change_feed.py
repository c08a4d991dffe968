"""Writing the catalog's change feed (`ProductChange`): what consumers such as the search index
tail, by id, to stay in step with the catalog.

Every write path of the catalog calls `product_changes_record` inside its own transaction,
with the products whose buyer-visible data it changed; a supplier company's change that alters
all its products' visibility or search data (suspended, reinstated, verification level, name or
place) goes through `supplier_products_changed`, one `INSERT ... SELECT` for all of them.

`CatalogChanged` tells consumers that the feed has new rows. It is published once per
transaction that wrote rows, after the commit (never on rollback): a batch import of 500
products publishes one, not 500.

`product_changes_prune` deletes rows older than PRODUCT_CHANGE_TTL_DAYS, daily (see
`catalog.tasks`); the newest row always stays, so the latest id never goes back to 0.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final

from django.db import connection, transaction
from django.db.models import DateTimeField, Value
from django.utils import timezone

from tradebridge.catalog.events import CatalogChanged
from tradebridge.catalog.models import Product, ProductChange
from tradebridge.core.events import publish

PRODUCT_CHANGE_TTL_DAYS: Final = 7


def product_changes_record(*, changes: Iterable[tuple[uuid.UUID, uuid.UUID]]) -> int:
    """Append one feed row per `(product_id, supplier_id)`, in order, with one INSERT, and
    announce them once the current transaction commits. Call it inside the transaction of the
    change. Returns the number of rows written (0 writes and announces nothing)."""
    now = timezone.now()
    rows = [
        ProductChange(product_id=product_id, supplier_id=supplier_id, created_at=now)
        for product_id, supplier_id in changes
    ]
    if not rows:
        return 0
    ProductChange.objects.bulk_create(rows)
    _announce_once()
    return len(rows)


def supplier_products_changed(*, company_id: uuid.UUID) -> int:
    """A feed row for every product of the supplier company, in one `INSERT ... SELECT`
    (the company's suspension, reinstatement, verification level or public name and place
    changed what buyers see of all of them). Call it inside the transaction of the company's
    change. Returns the number of rows written. No permission check (an event handler)."""
    products = (
        Product.objects.filter(supplier_id=company_id)
        .order_by("id")
        .annotate(changed_at=Value(timezone.now(), output_field=DateTimeField()))
        .values_list("id", "supplier_id", "changed_at")
    )
    select_sql, params = products.query.get_compiler(connection=connection).as_sql()
    table = connection.ops.quote_name(ProductChange._meta.db_table)
    column_of = {field.name: str(field.column) for field in ProductChange._meta.concrete_fields}
    columns = ", ".join(  # in the order of the SELECT's values
        connection.ops.quote_name(column_of[name])
        for name in ("product_id", "supplier_id", "created_at")
    )
    with connection.cursor() as cursor:  # names come from the models, values are parameters
        cursor.execute(f"INSERT INTO {table} ({columns}) {select_sql}", params)
        written: int = max(cursor.rowcount, 0)
    if written:
        _announce_once()
    return written


def product_changes_prune(*, now: datetime | None = None) -> int:
    """Delete feed rows older than PRODUCT_CHANGE_TTL_DAYS, except the newest row. Returns
    how many went. Idempotent. A consumer whose position is older than the oldest row left
    (`catalog.selectors.product_change_oldest_id`) must rebuild from scratch."""
    cutoff = (now or timezone.now()) - timedelta(days=PRODUCT_CHANGE_TTL_DAYS)
    newest = ProductChange.objects.order_by("-id").values_list("id", flat=True).first()
    if newest is None:
        return 0
    # Ids grow with time: the first recent row bounds the old ones (no index on created_at).
    first_recent = (
        ProductChange.objects.filter(created_at__gte=cutoff)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    bound = newest if first_recent is None else first_recent
    deleted, _ = ProductChange.objects.filter(id__lt=bound).delete()
    return deleted


def _announce_once() -> None:
    """Schedule `CatalogChanged` for the commit of the current transaction, unless it already
    is: a pending announcement still in Django's list runs exactly when this transaction
    commits (a rolled-back savepoint takes its own callbacks with it), so one is enough."""
    db = transaction.get_connection()
    if db.in_atomic_block and any(
        isinstance(func, _Announcement) and not func.done for _, func, _ in db.run_on_commit
    ):
        return
    transaction.on_commit(_Announcement(), robust=True)


class _Announcement:
    """One transaction's CatalogChanged; `done` once run (test helpers that run the commit
    callbacks leave them in the list)."""

    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done = False

    def __call__(self) -> None:
        self.done = True
        # After the commit, outside any transaction: each handler runs at once, a failure
        # logged and not raised (see core.events).
        publish(CatalogChanged(), after_commit=True)
