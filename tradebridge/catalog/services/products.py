"""Creating, editing and deleting products: by a supplier's member (`actor`), or by the
catalog importer for a whole supplier (`product_upsert_many`, a batch, and its one-item form
`product_upsert_by_sku`; they check no role: the importer checks once per job).

Every write validates all fields (`product_data.validated`), then saves through
`product_writes.products_write` (one query per table per batch), which keeps
`min_unit_price` and `max_unit_price` in step with the tiers and appends to the change feed
in the same transaction (`CatalogChanged` follows the commit).
"""

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from tradebridge.accounts.models import User
from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.errors import DuplicateSku
from tradebridge.catalog.images import image_files_delete_on_commit
from tradebridge.catalog.models import Product
from tradebridge.catalog.selectors import SUPPLIER_KINDS, product_get_for_supplier
from tradebridge.catalog.services.product_data import ProductData, validated
from tradebridge.catalog.services.product_writes import ProductWrite, products_write
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import DomainError, PermissionDenied
from tradebridge.core.services.audit import audit_record

OBJECT_TYPE = "catalog.product"


def product_create(*, actor: Membership, data: ProductData) -> Product:
    """A new draft product of the actor's company.

    Raises PermissionDenied (role without MANAGE_CATALOG, or a company that is not an active
    supplier), ValidationFailed (any field; details name them), DuplicateSku. Not idempotent.
    """
    ensure_can(actor, Permission.MANAGE_CATALOG)
    supplier = _active_supplier(actor.company)
    data = validated(data)
    with _sku_clash_is_duplicate(data), transaction.atomic():
        product = Product(supplier=supplier, status=ProductStatus.DRAFT)
        _write_one(ProductWrite(data=data, product=product, is_new=True))
        _audit(product, "product.created", actor_user_id=actor.user_id)
    return product


def product_update(*, actor: Membership, product_id: uuid.UUID, data: ProductData) -> Product:
    """Replace every editable field of one of the actor's company's products (its status is
    kept; nothing is written when nothing changed). Raises PermissionDenied, NotFound
    (missing or another supplier's), ValidationFailed, DuplicateSku."""
    ensure_can(actor, Permission.MANAGE_CATALOG)
    _active_supplier(actor.company)
    data = validated(data)
    with _sku_clash_is_duplicate(data), transaction.atomic():
        product = product_get_for_supplier(actor=actor, product_id=product_id, for_update=True)
        _write_one(ProductWrite(data=data, product=product, is_new=False))
        _audit(product, "product.updated", actor_user_id=actor.user_id)
    return product


def product_delete(*, actor: Membership, product_id: uuid.UUID) -> None:
    """Delete one of the actor's company's products with its tiers, variants and images.
    Raises PermissionDenied, NotFound."""
    ensure_can(actor, Permission.MANAGE_CATALOG)
    with transaction.atomic():
        product = product_get_for_supplier(actor=actor, product_id=product_id, for_update=True)
        _audit(product, "product.deleted", actor_user_id=actor.user_id)
        image_files_delete_on_commit(product_id=product.pk)
        product.delete()
        product_changes_record(changes=[(product_id, product.supplier_id)])


@dataclass(frozen=True, slots=True)
class UpsertOutcome:
    """What became of one item of `product_upsert_many`: its product (saved, or unchanged) and
    whether it was created, or the error that kept it out."""

    product: Product | None
    created: bool = False
    error: DomainError | None = None

    @property
    def product_id(self) -> uuid.UUID | None:
        return None if self.product is None else self.product.id

    def saved(self) -> Product:
        """The product, or raise the item's error."""
        if self.error is not None:
            raise self.error
        if self.product is None:  # every outcome has a product or an error
            raise RuntimeError("an upsert outcome without a product or an error")
        return self.product


def product_upsert_many(
    *, supplier: Company, items: Sequence[ProductData], created_by: User | None
) -> list[UpsertOutcome]:
    """Create or update the supplier's products by SKU, one outcome per item in order (new
    products are drafts; existing ones keep their status; unchanged ones are not written).

    For the importer: checks no role. Runs inside the caller's transaction, with about one
    query per table for the whole batch. Items that fail carry their error
    (ValidationFailed, DuplicateSku) and change nothing; the others are saved. A SKU repeated
    in `items` is written in order, the later item updating what the earlier one wrote. If a
    concurrent import of the same SKUs makes the batch fail, its items are written one by
    one. Idempotent for the same data.
    """
    outcomes: list[UpsertOutcome | None] = [None] * len(items)
    ready: list[tuple[int, ProductData]] = []
    for index, item in enumerate(items):
        try:
            ready.append((index, validated(item)))
        except DomainError as error:
            outcomes[index] = UpsertOutcome(product=None, error=error)
    for part in _parts_without_repeated_skus(ready):
        try:
            with transaction.atomic():
                done = _upsert(supplier, [data for _, data in part])
        except IntegrityError:  # a concurrent import inserted one of these SKUs first
            done = [_upsert_alone(supplier, data) for _, data in part]
        for (index, _), outcome in zip(part, done, strict=True):
            outcomes[index] = outcome
    return [outcome or UpsertOutcome(product=None) for outcome in outcomes]  # all are set


def product_upsert_by_sku(
    *, supplier: Company, data: ProductData, created_by: User | None
) -> tuple[Product, bool]:
    """`product_upsert_many` of one item: returns (product, created) or raises its error
    (ValidationFailed, DuplicateSku). Idempotent for the same data."""
    [outcome] = product_upsert_many(supplier=supplier, items=[data], created_by=created_by)
    return outcome.saved(), outcome.created


def _upsert(supplier: Company, items: list[ProductData]) -> list[UpsertOutcome]:
    """One query per table: lock the existing products by SKU (in id order, as every
    writer does), then write all the items."""
    found = (
        Product.objects.select_for_update()
        .filter(supplier=supplier, sku__in=[data.sku for data in items])
        .order_by("id")
    )
    existing = {product.sku: product for product in found}
    writes = [
        ProductWrite(
            data=data,
            product=existing.get(data.sku)
            or Product(supplier=supplier, status=ProductStatus.DRAFT),
            is_new=data.sku not in existing,
        )
        for data in items
    ]
    errors = products_write(supplier_id=supplier.id, writes=writes)
    return [
        UpsertOutcome(product=write.product, created=write.is_new)
        if error is None
        else UpsertOutcome(product=None, error=error)
        for write, error in zip(writes, errors, strict=True)
    ]


def _upsert_alone(supplier: Company, data: ProductData) -> UpsertOutcome:
    """One item in its own savepoint; after a clash with a concurrent insert of its SKU, once
    more (the SKU exists now, so the second attempt updates it)."""
    for _ in range(2):
        try:
            with transaction.atomic():
                [outcome] = _upsert(supplier, [data])
        except IntegrityError:
            continue
        return outcome
    return UpsertOutcome(product=None, error=DuplicateSku(field="sku", sku=data.sku))


def _parts_without_repeated_skus(
    items: list[tuple[int, ProductData]],
) -> Iterator[list[tuple[int, ProductData]]]:
    """`items` cut, in order, wherever an item names a SKU (its own or a variant's) that an
    earlier item of the same part names: each part can be written at once."""
    part: list[tuple[int, ProductData]] = []
    seen: set[str] = set()
    for index, data in items:
        skus = [data.sku, *(variant.sku for variant in data.variants)]
        if seen.intersection(skus):
            yield part
            part, seen = [], set()
        part.append((index, data))
        seen.update(skus)
    if part:
        yield part


@contextmanager
def _sku_clash_is_duplicate(data: ProductData) -> Iterator[None]:
    """Around the transaction of a write: the unique (supplier, sku) constraint's error, from
    a concurrent write of the same SKU, becomes DuplicateSku. All other fields were validated
    before, so no other constraint can fail."""
    try:
        yield
    except IntegrityError:
        raise DuplicateSku(field="sku", sku=data.sku) from None


def _active_supplier(company: Company) -> Company:
    if not company.is_active or company.kind not in SUPPLIER_KINDS:
        raise PermissionDenied("Only an active supplier company can sell products.")
    return company


def _write_one(write: ProductWrite) -> None:
    [error] = products_write(supplier_id=write.product.supplier_id, writes=[write])
    if error is not None:
        raise error


def _audit(
    product: Product, action: str, *, actor_user_id: uuid.UUID | None, **data: object
) -> None:
    audit_record(
        action=action,
        object_type=OBJECT_TYPE,
        object_id=product.id,
        actor_user_id=actor_user_id,
        company_id=product.supplier_id,
        data={"sku": product.sku, **data},
    )


def products_mark_imported(
    *, supplier_id: uuid.UUID, product_ids: Sequence[uuid.UUID], job_id: uuid.UUID
) -> int:
    """Record `job_id` as the import that last wrote these products of the supplier, in one
    UPDATE inside the caller's transaction; returns how many. Nothing a buyer sees changes, so
    no feed row. For the importer: checks no role. Idempotent."""
    products = Product.objects.filter(supplier_id=supplier_id, id__in=list(product_ids))
    return products.update(import_job_id=job_id)
