"""Creating, editing and deleting products: by a supplier's member (`actor`), or by the
catalog importer for a whole supplier (`product_upsert_by_sku`, which checks no role: the
importer checks once per job).

Every write validates all fields (`product_data.validated`), keeps `min_unit_price` and
`max_unit_price` in step with the tiers, and appends to the change feed in the same
transaction (`change_feed.product_changes_record`: `CatalogChanged` follows the commit).
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction

from tradebridge.accounts.models import User
from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.errors import DuplicateSku
from tradebridge.catalog.images import image_files_delete_on_commit
from tradebridge.catalog.models import Category, PriceTier, Product, ProductVariant
from tradebridge.catalog.selectors import SUPPLIER_KINDS, product_get_for_supplier
from tradebridge.catalog.services.product_data import ProductData, validated
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import PermissionDenied, ValidationFailed
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
        _write(product, data, is_new=True)
        _audit(product, "product.created", actor_user_id=actor.user_id)
    return product


def product_update(*, actor: Membership, product_id: uuid.UUID, data: ProductData) -> Product:
    """Replace every editable field of one of the actor's company's products (its status is
    kept). Raises PermissionDenied, NotFound (missing or another supplier's), ValidationFailed,
    DuplicateSku."""
    ensure_can(actor, Permission.MANAGE_CATALOG)
    _active_supplier(actor.company)
    data = validated(data)
    with _sku_clash_is_duplicate(data), transaction.atomic():
        product = product_get_for_supplier(actor=actor, product_id=product_id, for_update=True)
        _write(product, data, is_new=False)
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


def product_upsert_by_sku(
    *, supplier: Company, data: ProductData, created_by: User | None
) -> tuple[Product, bool]:
    """Create the supplier's product with `data.sku`, or replace the fields of the existing
    one (status kept; new products are drafts). Returns (product, created). For the importer:
    checks no role. Raises ValidationFailed, DuplicateSku. Idempotent for the same data."""
    data = validated(data)
    try:
        product, created = _upsert(supplier, data)
    except DuplicateSku as error:
        if error.details.get("field") != "sku":
            raise
        # A concurrent import created the same SKU between our read and our insert:
        # it exists now, so the second attempt updates it.
        product, created = _upsert(supplier, data)
    return product, created


def _upsert(supplier: Company, data: ProductData) -> tuple[Product, bool]:
    with _sku_clash_is_duplicate(data), transaction.atomic():
        found = Product.objects.select_for_update().filter(supplier=supplier, sku=data.sku)
        product = next(iter(found.order_by()[:1]), None)
        created = product is None
        if product is None:
            product = Product(supplier=supplier, status=ProductStatus.DRAFT)
        _write(product, data, is_new=created)
    return product, created


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


def _write(product: Product, data: ProductData, *, is_new: bool) -> None:
    """Save `data` onto `product` (inside the caller's transaction): fields, tiers, variants."""
    if data.category_id is not None and not Category.objects.filter(id=data.category_id).exists():
        raise ValidationFailed(
            "Unknown category.", field="category", errors={"category": "Unknown category."}
        )
    _ensure_skus_free(product, data)
    _assign(product, data)
    product.save()
    _replace_tiers(product, data, is_new=is_new)
    _sync_variants(product, data, is_new=is_new)
    product_changes_record(changes=[(product.id, product.supplier_id)])


def _replace_tiers(product: Product, data: ProductData, *, is_new: bool) -> None:
    wanted = [(tier.min_quantity, tier.unit_price) for tier in data.tiers]
    if not is_new:
        stored = PriceTier.objects.filter(product_id=product.id).order_by("min_quantity")
        if list(stored.values_list("min_quantity", "unit_price")) == wanted:
            return  # a re-import of the same prices writes nothing
        stored.delete()
    PriceTier.objects.bulk_create(
        PriceTier(product=product, min_quantity=quantity, unit_price=price)
        for quantity, price in wanted
    )


def _assign(product: Product, data: ProductData) -> None:
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


def _ensure_skus_free(product: Product, data: ProductData) -> None:
    """A SKU names one product or variant per supplier. The product's own SKU against the
    other products' is the database's unique constraint (see `_write`); this checks the rest:
    every SKU against the other products' variants, and variant SKUs against other products."""
    skus = [data.sku, *(variant.sku for variant in data.variants)]
    taken = _sku_of_another_products_variant(product, skus)
    if taken is None and data.variants:
        clashing = (
            Product.objects.filter(supplier_id=product.supplier_id, sku__in=skus[1:])
            .exclude(id=product.id)
            .values_list("sku", flat=True)
            .order_by()[:1]
        )
        taken = next(iter(clashing), None)
    if taken is not None:
        raise DuplicateSku(field="sku" if taken == data.sku else "variants", sku=taken)


def _sku_of_another_products_variant(product: Product, skus: list[str]) -> str | None:
    # By SKU first (its index), then the owners: with a join, SQLite may scan all of a
    # big supplier's products instead.
    variants = list(
        ProductVariant.objects.filter(sku__in=skus)
        .exclude(product_id=product.id)
        .values_list("product_id", "sku")
    )
    if not variants:
        return None
    owned = set(
        Product.objects.filter(
            id__in=[product_id for product_id, _ in variants], supplier_id=product.supplier_id
        ).values_list("id", flat=True)
    )
    return next((sku for product_id, sku in variants if product_id in owned), None)


def _sync_variants(product: Product, data: ProductData, *, is_new: bool) -> None:
    """Variants are matched by SKU, so a variant keeps its id across edits and imports."""
    existing = {} if is_new else {variant.sku: variant for variant in product.variants.all()}
    wanted = {variant.sku for variant in data.variants}
    stale = [variant.id for sku, variant in existing.items() if sku not in wanted]
    if stale:
        ProductVariant.objects.filter(id__in=stale).delete()
    new: list[ProductVariant] = []
    for position, variant_data in enumerate(data.variants):
        fields = {
            "options": dict(variant_data.options),
            "stock": variant_data.stock,
            "position": position,
        }
        variant = existing.get(variant_data.sku)
        if variant is None:
            new.append(ProductVariant(product=product, sku=variant_data.sku, **fields))
            continue
        for name, value in fields.items():
            setattr(variant, name, value)
        variant.save(update_fields=[*fields, "updated_at"])
    ProductVariant.objects.bulk_create(new)


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
