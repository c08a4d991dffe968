"""Saving validated product data, for one product or a batch of hundreds, with one query per
table per batch: the one write path behind product_create, product_update and the importer's
product_upsert_many (`products.py`).

`products_write` takes planned writes (`ProductWrite`: the data, the product it goes to, new
or not), checks what needs the database (categories, SKU clashes) for all of them at once,
then writes the products that passed: new ones bulk-created, changed ones bulk-updated,
unchanged ones not at all (a re-import of the same file writes nothing); tiers replaced only
where they changed; variants matched by SKU (they keep their ids). Every product written gets
a change-feed row. A product that fails a check gets its error, the others are written.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from django.db import IntegrityError
from django.utils import timezone

from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.errors import DuplicateSku
from tradebridge.catalog.models import Category, PriceTier, Product, ProductVariant
from tradebridge.catalog.services.product_data import ProductData
from tradebridge.core.errors import DomainError, ValidationFailed

# What `_assign` sets: compared to find unchanged products, written by bulk_update.
_FIELDS: Final = (
    "sku", "title", "description", "translations", "category", "attributes", "unit",
    "currency", "moq", "order_multiple", "lead_time_days", "lead_time_steps", "stock",
    "sample_available", "sample_price", "customization", "hs_code", "origin_country",
    "weight_kg", "length_cm", "width_cm", "height_cm", "units_per_carton", "certifications",
    "min_unit_price", "max_unit_price",
)  # fmt: skip
_ATTNAMES: Final = tuple("category_id" if name == "category" else name for name in _FIELDS)
_VARIANT_FIELDS: Final = ("options", "stock", "position", "updated_at")


@dataclass(frozen=True, slots=True)
class ProductWrite:
    """Validated `data` to save onto `product` (a new, unsaved one when `is_new`)."""

    data: ProductData
    product: Product
    is_new: bool


@dataclass
class _Changes:
    """Everything a batch writes, collected before any write."""

    new_products: list[Product] = field(default_factory=list)
    updated_products: list[Product] = field(default_factory=list)
    retiered: list[uuid.UUID] = field(default_factory=list)  # existing products: tiers go
    tiers: list[PriceTier] = field(default_factory=list)
    stale_variants: list[uuid.UUID] = field(default_factory=list)
    updated_variants: list[ProductVariant] = field(default_factory=list)
    new_variants: list[ProductVariant] = field(default_factory=list)


def products_write(
    *, supplier_id: uuid.UUID, writes: Sequence[ProductWrite]
) -> list[DomainError | None]:
    """Save every write that passes the database checks, inside the caller's transaction.

    Returns one entry per write, in order: None (saved, or unchanged) or its error:
    ValidationFailed (unknown category) or DuplicateSku (a SKU of another product or variant
    of the supplier). The product SKUs of `writes` must differ from each other and from their
    variant SKUs (callers split batches where they repeat). A new product whose SKU another
    product has (a concurrent write of the same SKU, or a create of a taken SKU) raises
    IntegrityError, as the unique constraint does, before anything is written.
    """
    errors: list[DomainError | None] = [None] * len(writes)
    _check_categories(writes, errors)
    _check_skus(supplier_id, writes, errors)
    passed = [write for write, error in zip(writes, errors, strict=True) if error is None]
    changes = _plan(passed)
    _apply(changes)
    written = [*changes.new_products, *changes.updated_products]
    product_changes_record(changes=[(product.id, supplier_id) for product in written])
    return errors


# --- checks -------------------------------------------------------------------------------


def _check_categories(writes: Sequence[ProductWrite], errors: list[DomainError | None]) -> None:
    wanted = {write.data.category_id for write in writes if write.data.category_id is not None}
    known = set(Category.objects.filter(id__in=wanted).order_by().values_list("id", flat=True))
    for index, write in enumerate(writes):
        if write.data.category_id is not None and write.data.category_id not in known:
            errors[index] = ValidationFailed(
                "Unknown category.", field="category", errors={"category": "Unknown category."}
            )


def _check_skus(
    supplier_id: uuid.UUID, writes: Sequence[ProductWrite], errors: list[DomainError | None]
) -> None:
    """A SKU names one product or variant per supplier: each write's SKUs against the other
    products' variants, its variant SKUs and its own SKU against the other products."""
    skus = {sku for write in writes for sku in _skus(write.data)}
    product_of_sku = dict(
        Product.objects.filter(supplier_id=supplier_id, sku__in=skus)
        .order_by()
        .values_list("sku", "id")
    )
    variant_owners = _supplier_variant_owners(supplier_id, skus)
    for index, write in enumerate(writes):
        if errors[index] is None and write.is_new and write.data.sku in product_of_sku:
            # The SKU of a product to create names a product already: another writer got
            # there first (the caller looked before). The unique constraint's own signal,
            # raised before anything is written, for the caller to handle as that.
            raise IntegrityError(f"SKU {write.data.sku} exists already")
        if errors[index] is None:
            errors[index] = _sku_clash(write, product_of_sku, variant_owners)


def _skus(data: ProductData) -> list[str]:
    return [data.sku, *(variant.sku for variant in data.variants)]


def _supplier_variant_owners(supplier_id: uuid.UUID, skus: set[str]) -> dict[str, set[uuid.UUID]]:
    """SKU -> the supplier's products with a variant of that SKU. By SKU first (its index),
    then the owners: with a join, SQLite may scan all of a big supplier's products instead."""
    variants = list(
        ProductVariant.objects.filter(sku__in=skus).order_by().values_list("sku", "product_id")
    )
    if not variants:
        return {}
    owned = set(
        Product.objects.filter(
            id__in={product_id for _, product_id in variants}, supplier_id=supplier_id
        )
        .order_by()
        .values_list("id", flat=True)
    )
    owners: dict[str, set[uuid.UUID]] = defaultdict(set)
    for sku, product_id in variants:
        if product_id in owned:
            owners[sku].add(product_id)
    return owners


def _sku_clash(
    write: ProductWrite,
    product_of_sku: dict[str, uuid.UUID],
    variant_owners: dict[str, set[uuid.UUID]],
) -> DuplicateSku | None:
    own_id = write.product.id
    data = write.data
    for sku in _skus(data):
        if variant_owners.get(sku, set()) - {own_id}:
            return DuplicateSku(field="sku" if sku == data.sku else "variants", sku=sku)
    for variant in data.variants:
        if product_of_sku.get(variant.sku, own_id) != own_id:
            return DuplicateSku(field="variants", sku=variant.sku)
    if product_of_sku.get(data.sku, own_id) != own_id:
        return DuplicateSku(field="sku", sku=data.sku)
    return None


# --- planning and writing -----------------------------------------------------------------


def _plan(writes: Sequence[ProductWrite]) -> _Changes:
    existing = [write.product.id for write in writes if not write.is_new]
    stored_tiers = _stored_tiers(existing)
    stored_variants = _stored_variants(existing)
    changes = _Changes()
    now = timezone.now()
    for write in writes:
        product = write.product
        fields_changed = _assign(product, write.data)
        tiers_changed = _plan_tiers(write, stored_tiers.get(product.id, []), changes)
        variants_changed = _plan_variants(write, stored_variants.get(product.id, {}), changes)
        if write.is_new:
            changes.new_products.append(product)
        elif fields_changed or tiers_changed or variants_changed:
            product.updated_at = now
            changes.updated_products.append(product)
    return changes


def _apply(changes: _Changes) -> None:
    # New SKUs in one order in every writer, so two imports racing for the same new SKUs
    # wait for each other instead of deadlocking (the loser then updates, see products.py).
    Product.objects.bulk_create(sorted(changes.new_products, key=lambda product: product.sku))
    if changes.updated_products:
        Product.objects.bulk_update(changes.updated_products, [*_FIELDS, "updated_at"])
    if changes.retiered:
        PriceTier.objects.filter(product_id__in=changes.retiered).delete()
    PriceTier.objects.bulk_create(changes.tiers)
    if changes.stale_variants:
        ProductVariant.objects.filter(id__in=changes.stale_variants).delete()
    if changes.updated_variants:
        ProductVariant.objects.bulk_update(changes.updated_variants, _VARIANT_FIELDS)
    ProductVariant.objects.bulk_create(changes.new_variants)


def _stored_tiers(product_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[tuple[int, Decimal]]]:
    tiers: dict[uuid.UUID, list[tuple[int, Decimal]]] = defaultdict(list)
    rows = (
        PriceTier.objects.filter(product_id__in=product_ids)
        .order_by("product_id", "min_quantity")
        .values_list("product_id", "min_quantity", "unit_price")
    )
    for product_id, quantity, price in rows if product_ids else ():
        tiers[product_id].append((quantity, price))
    return tiers


def _stored_variants(
    product_ids: list[uuid.UUID],
) -> dict[uuid.UUID, dict[str, ProductVariant]]:
    variants: dict[uuid.UUID, dict[str, ProductVariant]] = defaultdict(dict)
    rows = ProductVariant.objects.filter(product_id__in=product_ids).order_by()
    for variant in rows if product_ids else ():
        variants[variant.product_id][variant.sku] = variant
    return variants


def _plan_tiers(write: ProductWrite, stored: list[tuple[int, Decimal]], changes: _Changes) -> bool:
    wanted = [(tier.min_quantity, tier.unit_price) for tier in write.data.tiers]
    if not write.is_new:
        if stored == wanted:
            return False  # a re-import of the same prices writes nothing
        changes.retiered.append(write.product.id)
    changes.tiers.extend(
        PriceTier(product=write.product, min_quantity=quantity, unit_price=price)
        for quantity, price in wanted
    )
    return True


def _plan_variants(
    write: ProductWrite, stored: dict[str, ProductVariant], changes: _Changes
) -> bool:
    """Variants are matched by SKU, so a variant keeps its id across edits and imports."""
    wanted = {variant.sku for variant in write.data.variants}
    stale = [variant.id for sku, variant in stored.items() if sku not in wanted]
    changes.stale_variants.extend(stale)
    changed = bool(stale)
    now = timezone.now()
    for position, data in enumerate(write.data.variants):
        values = {"options": dict(data.options), "stock": data.stock, "position": position}
        variant = stored.get(data.sku)
        if variant is None:
            changes.new_variants.append(
                ProductVariant(product=write.product, sku=data.sku, **values)
            )
            changed = True
        elif any(getattr(variant, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(variant, name, value)
            variant.updated_at = now
            changes.updated_variants.append(variant)
            changed = True
    return changed


def _assign(product: Product, data: ProductData) -> bool:
    """Set `data` onto `product`; whether any stored value changed."""
    before = [getattr(product, name) for name in _ATTNAMES]
    product.sku = data.sku
    product.title = data.title
    product.description = data.description
    product.translations = {lang: dict(texts) for lang, texts in data.translations.items()}
    product.category_id = data.category_id
    product.attributes = [[name, value] for name, value in data.attributes]
    product.unit = data.unit
    product.currency = data.currency
    product.moq = data.moq or data.tiers[0].min_quantity
    product.order_multiple = data.order_multiple
    product.lead_time_days = data.lead_time_days
    product.lead_time_steps = [[quantity, days] for quantity, days in data.lead_time_steps]
    product.stock = data.stock
    product.sample_available = data.sample_available
    product.sample_price = data.sample_price
    product.customization = list(data.customization)
    product.hs_code = data.hs_code
    product.origin_country = data.origin_country
    product.weight_kg = data.weight_kg
    product.length_cm = data.length_cm
    product.width_cm = data.width_cm
    product.height_cm = data.height_cm
    product.units_per_carton = data.units_per_carton
    product.certifications = list(data.certifications)
    prices = [tier.unit_price for tier in data.tiers]
    product.min_unit_price, product.max_unit_price = min(prices), max(prices)
    return before != [getattr(product, name) for name in _ATTNAMES]
