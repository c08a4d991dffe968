"""Loading the demo catalogs through the catalog services, as a supplier's import would.

Products are written with `product_upsert_many` in batches (the importer's service: every
field is validated as for any supplier) and published with `product_publish_many` by the
supplier's owner (the demo suppliers are verified, so they publish directly). Then each
product without an image gets its picture (`pictures.py`) through the catalog's image pipeline.
Idempotent: a SKU the supplier already has is left alone and a product with an image keeps it,
so a second run creates, changes and publishes nothing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from django.db import transaction

from tradebridge.accounts.models import User
from tradebridge.catalog.selectors import category_lookup, product_list_for_supplier
from tradebridge.catalog.services import (
    ProductData,
    VariantData,
    product_publish_many,
    product_upsert_many,
)
from tradebridge.companies.models import Membership
from tradebridge.companies.selectors import membership_list_for_user
from tradebridge.demo.catalogs.generated import (
    PRODUCTS_PER_TYPE,
    GeneratedProduct,
    generated_products,
)
from tradebridge.demo.catalogs.giftware import GiftwareRow, giftware_rows
from tradebridge.demo.catalogs.pictures import Picture, picture_for, pictures_add

DEMO_SEED: Final = 2026
BATCH: Final = 500  # products per upsert, as the importer's batches
GIFTWARE_DOMAIN: Final = "albion-giftware.example"


@dataclass
class CatalogSummary:
    created: dict[str, int] = field(default_factory=dict)  # supplier display name -> count
    present: int = 0
    pictured: int = 0  # products given a picture
    pictures: int = 0  # distinct pictures rendered for them

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def load_catalogs(
    *,
    owners: dict[str, str],
    seed: int = DEMO_SEED,
    per_type: int = PRODUCTS_PER_TYPE,
    giftware_limit: int | None = None,
) -> CatalogSummary:
    """Create the missing demo products of each supplier and publish them.

    `owners` maps a supplier's e-mail domain to its owner's address. Raises the catalog
    services' errors if the demo data broke a rule (a bug in the demo, not in the input).
    """
    categories = category_lookup()
    summary = CatalogSummary()
    by_domain: dict[str, list[ProductData]] = {}
    pictures: dict[str, Picture] = {}  # SKU -> picture
    for product in generated_products(seed, per_type):
        by_domain.setdefault(product.supplier, []).append(_generated_data(product, categories))
        pictures[product.sku] = picture_for(
            title=product.title,
            category=product.category,
            attributes=product.attributes,
        )
    rows = giftware_rows(seed)
    if giftware_limit is not None:
        rows = (row for _, row in zip(range(giftware_limit), rows, strict=False))
    by_domain[GIFTWARE_DOMAIN] = []
    for row in rows:
        by_domain[GIFTWARE_DOMAIN].append(_giftware_data(row, categories))
        pictures[row.sku] = picture_for(title=row.title, category=row.category)
    for domain, products in by_domain.items():
        owner = _owner(owners[domain])
        created = _load_supplier(owner, products, summary)
        summary.created[owner.company.display_name] = created
        _add_pictures(owner, pictures, summary)
    return summary


def _load_supplier(owner: Membership, products: list[ProductData], summary: CatalogSummary) -> int:
    existing = set(product_list_for_supplier(actor=owner).values_list("sku", flat=True))
    missing = [data for data in products if data.sku not in existing]
    summary.present += len(products) - len(missing)
    for start in range(0, len(missing), BATCH):
        with transaction.atomic():
            outcomes = product_upsert_many(
                supplier=owner.company, items=missing[start : start + BATCH], created_by=owner.user
            )
            ids = [outcome.saved().id for outcome in outcomes]
            product_publish_many(actor=owner, product_ids=ids)
    return len(missing)


def _add_pictures(owner: Membership, pictures: dict[str, Picture], summary: CatalogSummary) -> None:
    """Picture the supplier's demo products that have no image (none, on a second run)."""
    without_image = (
        product_list_for_supplier(actor=owner)
        .filter(images__isnull=True)
        .select_related(None)
        .prefetch_related(None)
        .only("id", "sku", "title", "supplier_id")
    )
    missing = [
        (product, pictures[product.sku]) for product in without_image if product.sku in pictures
    ]
    summary.pictured += len(missing)
    summary.pictures += pictures_add(products=missing)


def _owner(email: str) -> Membership:
    user = User.objects.get(email=email)
    membership = membership_list_for_user(user=user).first()
    if membership is None:  # the demo people were not loaded: a programming error
        raise LookupError(f"{email} has no company")
    return membership


def _category(categories: dict[str, int], path: str) -> int:
    return categories[path.casefold()]


def _generated_data(product: GeneratedProduct, categories: dict[str, int]) -> ProductData:
    length, width, height = product.dimensions_cm
    return ProductData(
        sku=product.sku,
        title=product.title,
        description=product.description,
        translations=product.translations,
        currency="CNY" if product.supplier == "brightway-yiwu.example" else "USD",
        tiers=product.tiers,
        category_id=_category(categories, product.category),
        attributes=product.attributes,
        unit=product.unit,
        order_multiple=product.order_multiple,
        lead_time_days=product.lead_time_days,
        lead_time_steps=product.lead_time_steps,
        stock=product.stock,
        sample_available=product.sample_price is not None,
        sample_price=product.sample_price,
        customization=product.customization,
        hs_code=product.hs_code,
        origin_country="CN",
        weight_kg=product.weight_kg,
        length_cm=length,
        width_cm=width,
        height_cm=height,
        units_per_carton=product.units_per_carton,
        certifications=product.certifications,
        variants=_variants(product.variants),
    )


def _variants(variants: Iterable[tuple[str, dict[str, str]]]) -> tuple[VariantData, ...]:
    return tuple(VariantData(sku=sku, options=options) for sku, options in variants)


def _giftware_data(row: GiftwareRow, categories: dict[str, int]) -> ProductData:
    return ProductData(
        sku=row.sku,
        title=row.title,
        description=(
            f"{row.title}. Wholesale pack of {row.moq}; ships from our UK warehouse in "
            f"{row.lead_time_days} working days."
        ),
        currency="GBP",
        tiers=row.tiers,
        moq=row.moq,
        category_id=_category(categories, row.category),
        unit=row.unit,
        lead_time_days=row.lead_time_days,
        stock=row.stock,
        hs_code=row.hs_code,
        origin_country="GB",
        units_per_carton=row.units_per_carton,
        weight_kg=Decimal("0.25"),
    )
