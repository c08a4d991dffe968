"""Catalog endpoints: a supplier's own products, and the public catalog.

Supplier routes live under `/companies/{company_id}/products`: any active member reads the
company's products (drafts included), members whose role may manage the catalog write, and a
company the caller is not a member of answers 404 like one that does not exist; so does
another supplier's product or image. Public routes (`/products`, `/suppliers`, `/categories`)
need no authentication and show only published products of active suppliers. Listing and
searching products (`GET /products`) is the search app's (`search.api`).
"""

import uuid
from typing import Annotated

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES
from tradebridge.catalog.api.product_input import product_data_from_create, product_data_from_patch
from tradebridge.catalog.api.schemas import (
    CategoryOut,
    ConversionOut,
    MainCategoryOut,
    PriceQuoteOut,
    ProductCreateIn,
    ProductOut,
    ProductPatchIn,
    SupplierOut,
    SupplierProductOut,
    SupplierProductSummaryOut,
    TierOut,
    money_out,
    rate_string,
    storefront_url,
    total_of,
    unit_price_of,
)
from tradebridge.catalog.enums import ProductStatus, Unit
from tradebridge.catalog.images import (
    MAX_IMAGE_BYTES,
    ImageTooLarge,
    product_image_add,
    product_image_remove,
)
from tradebridge.catalog.models import Product, ProductImage
from tradebridge.catalog.pricing import (
    ConvertedPriceQuote,
    PriceQuote,
    lead_time_for_quantity,
    price_for_quantity,
    price_in_currency,
)
from tradebridge.catalog.selectors import (
    category_get,
    category_tree,
    category_tree_with_counts,
    product_get_for_supplier,
    product_get_public,
    product_list_for_supplier,
    product_price_schedule,
    supplier_storefront,
)
from tradebridge.catalog.services import (
    product_create,
    product_delete,
    product_publish,
    product_unpublish,
    product_update,
)
from tradebridge.companies.api.auth import auth_membership
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.pagination import PagePagination
from tradebridge.core.api.params import one_of
from tradebridge.core.selectors import fx_rate_table_latest

router = Router(tags=["catalog"])
OWN = "/companies/{company_id}/products"


def _with_images(products: QuerySet[Product]) -> QuerySet[Product]:
    return products.prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "created_at"))
    )


# --- the supplier's own products ------------------------------------------------------------


class OwnProductFilters(Schema):
    status: ProductStatus | None = Field(None, description="Only products in this status.")


@router.get(
    OWN,
    response=list[SupplierProductSummaryOut],
    tags=["catalog: own products"],
    summary="List your company's products",
)
@paginate(PagePagination)
def own_product_list(
    request: HttpRequest, company_id: uuid.UUID, filters: Query[OwnProductFilters]
) -> QuerySet[Product]:
    """Every product of your company, drafts and suspended ones included, newest first."""
    actor = auth_membership(request, company_id)
    status = filters.status.value if filters.status is not None else None
    return _with_images(product_list_for_supplier(actor=actor, status=status))


@router.post(
    OWN,
    response={201: SupplierProductOut},
    tags=["catalog: own products"],
    summary="Create a product",
)
@idempotent
def own_product_create(
    request: HttpRequest, company_id: uuid.UUID, payload: ProductCreateIn
) -> Status[Product]:
    """Create a draft product (owners, admins and sales of a supplier company).

    Any field breaking a rule answers 422 with `details.errors` naming every bad field;
    a SKU already used by another of your products or variants answers 409 `duplicate_sku`.
    """
    actor = auth_membership(request, company_id)
    product = product_create(actor=actor, data=product_data_from_create(payload))
    return Status(201, product_get_for_supplier(actor=actor, product_id=product.id))


@router.get(
    f"{OWN}/{{product_id}}",
    response=SupplierProductOut,
    tags=["catalog: own products"],
    summary="Read one of your products",
)
def own_product_read(request: HttpRequest, company_id: uuid.UUID, product_id: uuid.UUID) -> Product:
    """One of your company's products, whatever its status."""
    return product_get_for_supplier(
        actor=auth_membership(request, company_id), product_id=product_id
    )


@router.patch(
    f"{OWN}/{{product_id}}",
    response=SupplierProductOut,
    tags=["catalog: own products"],
    summary="Change a product",
)
def own_product_update(
    request: HttpRequest, company_id: uuid.UUID, product_id: uuid.UUID, payload: ProductPatchIn
) -> Product:
    """Change the fields you send; the others keep their value. Sending `tiers` or `variants`
    replaces the whole list. Status, supplier and derived prices are not fields (422)."""
    actor = auth_membership(request, company_id)
    current = product_get_for_supplier(actor=actor, product_id=product_id)
    data = product_data_from_patch(current, payload)
    product_update(actor=actor, product_id=product_id, data=data)
    return product_get_for_supplier(actor=actor, product_id=product_id)


@router.delete(
    f"{OWN}/{{product_id}}",
    response={204: None},
    tags=["catalog: own products"],
    summary="Delete a product",
)
def own_product_delete(
    request: HttpRequest, company_id: uuid.UUID, product_id: uuid.UUID
) -> Status[None]:
    """Delete a product with its tiers, variants and images."""
    product_delete(actor=auth_membership(request, company_id), product_id=product_id)
    return Status(204, None)


@router.post(
    f"{OWN}/{{product_id}}/publish",
    response=SupplierProductOut,
    tags=["catalog: own products"],
    summary="Publish a product",
)
@idempotent
def own_product_publish(
    request: HttpRequest, company_id: uuid.UUID, product_id: uuid.UUID
) -> Product:
    """Publish: at once for business-verified or audited suppliers, otherwise the product
    goes to `pending_review` until an operator approves it. Idempotent. A suspended product
    answers 409 `invalid_transition`."""
    actor = auth_membership(request, company_id)
    product_publish(actor=actor, product_id=product_id)
    return product_get_for_supplier(actor=actor, product_id=product_id)


@router.post(
    f"{OWN}/{{product_id}}/unpublish",
    response=SupplierProductOut,
    tags=["catalog: own products"],
    summary="Unpublish a product",
)
@idempotent
def own_product_unpublish(
    request: HttpRequest, company_id: uuid.UUID, product_id: uuid.UUID
) -> Product:
    """Back to draft: hidden from buyers. Idempotent. A suspended product stays suspended (409)."""
    actor = auth_membership(request, company_id)
    product_unpublish(actor=actor, product_id=product_id)
    return product_get_for_supplier(actor=actor, product_id=product_id)


@router.post(
    f"{OWN}/{{product_id}}/images",
    response={201: SupplierProductOut},
    tags=["catalog: own products"],
    summary="Upload a product picture",
)
@idempotent
def own_product_image_add(
    request: HttpRequest,
    company_id: uuid.UUID,
    product_id: uuid.UUID,
    file: File[UploadedFile],
    alt_text: Annotated[str, Form(max_length=300, description="Describes the picture.")] = "",
) -> Status[Product]:
    """Upload a picture (multipart field `file`): JPEG, PNG or WebP, at most 10 MB and 40
    megapixels. It is re-encoded without its metadata and gets a thumbnail; anything else
    answers 422 `unsupported_image` or `image_too_large`. Answers the product."""
    actor = auth_membership(request, company_id)
    if file.size is not None and file.size > MAX_IMAGE_BYTES:  # never read a huge upload
        raise ImageTooLarge(size_bytes=file.size, max_bytes=MAX_IMAGE_BYTES)
    product_image_add(
        actor=actor,
        product_id=product_id,
        data=file.read(MAX_IMAGE_BYTES + 1),
        filename=file.name or "",
        alt_text=alt_text,
    )
    return Status(201, product_get_for_supplier(actor=actor, product_id=product_id))


@router.delete(
    f"{OWN}/{{product_id}}/images/{{image_id}}",
    response={204: None},
    tags=["catalog: own products"],
    summary="Delete a product picture",
)
def own_product_image_remove(
    request: HttpRequest, company_id: uuid.UUID, product_id: uuid.UUID, image_id: uuid.UUID
) -> Status[None]:
    """Delete a picture of the product (its files go once the deletion commits)."""
    product_image_remove(
        actor=auth_membership(request, company_id), product_id=product_id, image_id=image_id
    )
    return Status(204, None)


# --- the public catalog ---------------------------------------------------------------------


@router.get(
    "/products/{product_id}",
    response=ProductOut,
    auth=None,
    tags=["catalog: public"],
    summary="Read a published product",
)
def public_product_read(request: HttpRequest, product_id: uuid.UUID) -> Product:
    """A published product of an active supplier; anything else is 404."""
    return _public_product(product_id)


class PriceQuery(Schema):
    quantity: int = Field(..., le=2_000_000_000, description="Units, in the product's `unit`.")
    currency: Annotated[str, one_of(DISPLAY_CURRENCIES, any_case=True)] | None = Field(
        None,
        description="ISO 4217 code to price in (EUR or one the ECB publishes rates for); "
        "default the supplier's currency.",
    )


@router.get(
    "/products/{product_id}/price",
    response=PriceQuoteOut,
    auth=None,
    tags=["catalog: public"],
    summary="Price a quantity, in any currency",
)
def public_product_price(
    request: HttpRequest, product_id: uuid.UUID, params: Query[PriceQuery]
) -> PriceQuoteOut:
    """The price of `quantity` units: the tier applied, the unit price (rounded half-up to 4
    decimal places) and the total (rounded half-up to the currency's minor unit), converted
    at the latest ECB reference rate (at most a year old) when `currency` differs from the
    supplier's; the rate (8 significant digits), its date and source are returned, so a
    stale rate shows.

    Errors (422): `below_moq` (details: `moq`, `quantity`), `not_order_multiple` (details:
    `order_multiple`, `nearest`), `invalid_quantity`, `fx_rate_unavailable`; `invalid_input`
    for a currency outside the list.
    """
    product = _public_product(product_id)
    schedule = product_price_schedule(product=product)
    quote = price_for_quantity(schedule, params.quantity)
    target = (params.currency or product.currency).upper()
    conversion: ConversionOut | None = None
    unit_price, total = quote.unit_price, quote.total
    if target != product.currency:
        converted = _converted(quote, product.currency, target)
        unit_price, total = converted.unit_price, converted.total
        conversion = ConversionOut(
            from_currency=product.currency,
            to_currency=target,
            rate=rate_string(converted.rate),
            rate_date=converted.rate_date,
            rate_source=converted.rate_source,
        )
    return PriceQuoteOut(
        product_id=product.id,
        quantity=quote.quantity,
        unit=Unit(product.unit),
        unit_price=unit_price_of(unit_price),
        total=total_of(total),
        tier=TierOut(
            min_quantity=quote.tier.min_quantity,
            unit_price=money_out(quote.tier.unit_price, product.currency),  # type: ignore[arg-type]
        ),
        supplier_unit_price=unit_price_of(quote.unit_price),
        supplier_total=total_of(quote.total),
        conversion=conversion,
        moq=product.moq,
        order_multiple=product.order_multiple,
        lead_time_days=lead_time_for_quantity(
            product.lead_time_days,
            [(int(q), int(d)) for q, d in product.lead_time_steps],
            quote.quantity,
        ),
        ready_to_ship=product.stock is not None and product.stock >= quote.quantity,
    )


@router.get(
    "/suppliers/{slug}",
    response=SupplierOut,
    auth=None,
    tags=["catalog: public"],
    summary="Read a supplier's profile",
)
def public_supplier_read(request: HttpRequest, slug: str) -> SupplierOut:
    """A supplier's public profile: where it is, how verified, what it mainly sells."""
    storefront = supplier_storefront(slug=slug)
    supplier = storefront.supplier
    return SupplierOut(
        id=supplier.id,
        slug=supplier.slug,
        display_name=supplier.display_name,
        url=storefront_url(request, supplier.slug),
        country=supplier.country,
        province=supplier.province,
        city=supplier.city,
        website=supplier.website,
        description=supplier.description,
        languages=list(supplier.languages),
        verification_level=supplier.verification_level,  # type: ignore[arg-type]
        main_categories=[
            MainCategoryOut(
                id=category.id, name=category.name, path=category.path, product_count=count
            )
            for category, count in storefront.main_categories
        ],
        product_count=storefront.product_count,
        member_since=supplier.created_at,
    )


class CategoryFilters(Schema):
    parent: int | None = Field(None, description="List this category's children (default: top).")
    include_empty: bool = Field(False, description="Also categories without products.")


@router.get(
    "/categories",
    response=list[CategoryOut],
    auth=None,
    tags=["catalog: public"],
    summary="Browse categories with product counts",
    openapi_extra=error_responses(404),
)
@paginate(PagePagination)
def public_category_list(
    request: HttpRequest, filters: Query[CategoryFilters]
) -> list[CategoryOut]:
    """One level of the Google Product Taxonomy, by name, with the number of published
    products in each category and below. An unknown `parent` answers 404."""
    if filters.parent is not None:
        category_get(category_id=filters.parent)
    children = category_tree().children
    return [
        CategoryOut(
            id=category.id,
            parent_id=category.parent_id,
            name=category.name,
            path=category.path,
            depth=category.depth,
            product_count=count,
            has_children=bool(children.get(category.id)),
        )
        for category, count in category_tree_with_counts(
            parent_id=filters.parent, include_empty=filters.include_empty
        )
    ]


def _converted(quote: PriceQuote, source: str, target: str) -> ConvertedPriceQuote:
    """`quote` in `target` at the latest reference rate, at most a year old (the response
    shows its date); older than that, 422 fx_rate_unavailable."""
    rates = fx_rate_table_latest(on=timezone.localdate(), currencies={source, target})
    return price_in_currency(quote, target, rates)


def _public_product(product_id: uuid.UUID) -> Product:
    return product_get_public(product_id=product_id)
