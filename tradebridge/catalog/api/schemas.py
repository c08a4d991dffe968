"""Request and response bodies of the catalog API.

Inputs name their fields and forbid any other (`status`, `supplier`, `min_unit_price`... are a
422, never assigned). Amounts travel as decimal strings (`"4.20"`), never as JSON numbers, so
no float is ever parsed; money goes out as `{"amount": "4.20", "currency": "USD"}`.

Precision on the wire (the API's stated rule, see docs/api.md): a unit price has at most 4
decimal places (the precision suppliers enter prices with; a converted one is rounded half-up
to it), a total is rounded half-up to its currency's minor unit, an exchange rate has at most
8 significant digits. Every amount shows at least its currency's minor digits ("4.20").
"""

import uuid
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import slugify
from ninja import Field, Schema
from pydantic import StringConstraints

from tradebridge.catalog.enums import ProductStatus, Unit
from tradebridge.catalog.models import Category, Product, ProductImage
from tradebridge.companies.api.schemas import StrictIn
from tradebridge.companies.enums import VerificationLevel
from tradebridge.core.money import Money

MAX_TIERS = 20
UNIT_PRICE_PLACES = 4
RATE_DIGITS = 8
MAX_COUNT = 2_000_000_000

Amount = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\d{1,16}(\.\d{1,4})?$"),
]
"""A non-negative decimal string with up to 4 decimal places, such as "4.20"."""

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
PositiveCount = Annotated[int, Field(ge=1, le=MAX_COUNT)]
ShortText = Annotated[str, Field(max_length=100)]


def decimal_string(value: Decimal | None) -> str | None:
    """A stored decimal without trailing zeros beyond what it says ("0.42", "22")."""
    if value is None:
        return None
    return f"{value.normalize():f}"


def money_out(amount: Decimal | None, currency: str) -> "MoneyOut | None":
    """`{"amount": "4.20", "currency": "USD"}`: at least the currency's minor digits, exact."""
    if amount is None:
        return None
    return MoneyOut(**Money(amount.normalize(), currency).as_dict())


def money_of(money: Money) -> "MoneyOut":
    return MoneyOut(**Money(money.amount.normalize(), money.currency).as_dict())


def unit_price_of(money: Money) -> "MoneyOut":
    """A unit price rounded half-up to 4 decimal places ("3.5455", "0.0042", "4.20")."""
    step = Decimal(1).scaleb(-UNIT_PRICE_PLACES)
    return money_of(Money(money.amount.quantize(step, rounding=ROUND_HALF_UP), money.currency))


def total_of(money: Money) -> "MoneyOut":
    """An amount due, rounded half-up to its currency's minor unit ("2127.27", "340364")."""
    return MoneyOut(**money.rounded().as_dict())


def rate_string(rate: Decimal) -> str:
    """An exchange rate rounded half-up to 8 significant digits ("0.90909091", "145.45455")."""
    step = Decimal(1).scaleb(rate.adjusted() - RATE_DIGITS + 1)
    return f"{rate.quantize(step, rounding=ROUND_HALF_UP).normalize():f}"


# --- output ----------------------------------------------------------------------------------


class MoneyOut(Schema):
    amount: str = Field(
        ...,
        description="Decimal string, never a float; at least the currency's minor digits. "
        "Unit prices have at most 4 decimal places, totals the currency's minor digits.",
        examples=["4.20"],
    )
    currency: str = Field(..., description="ISO 4217 code.", examples=["USD"])


class TierOut(Schema):
    min_quantity: int = Field(..., description="From this many units on, this unit price.")
    unit_price: MoneyOut


class LeadTimeStepOut(Schema):
    min_quantity: int
    days: int


class AttributeOut(Schema):
    name: str
    value: str


class TranslationOut(Schema):
    title: str = ""
    description: str = ""


class VariantOut(Schema):
    id: uuid.UUID
    sku: str
    options: dict[str, str]
    stock: int | None


class ImageOut(Schema):
    id: uuid.UUID
    url: str = Field(..., description="The re-encoded image (JPEG, PNG or WebP).")
    thumbnail_url: str | None = Field(..., description="A WebP at most 400 px wide and high.")
    width: int
    height: int
    position: int
    alt_text: str

    @staticmethod
    def resolve_url(obj: ProductImage, context: dict[str, Any]) -> str:
        return _absolute(context, obj.image.url)

    @staticmethod
    def resolve_thumbnail_url(obj: ProductImage, context: dict[str, Any]) -> str | None:
        return _absolute(context, obj.thumbnail.url) if obj.thumbnail else None


class CategorySummaryOut(Schema):
    id: int = Field(..., description="The Google Product Taxonomy id.")
    name: str
    path: str = Field(..., description='Full English path, "A > B > C".')


STOREFRONT_URL = "The supplier's storefront page on the marketplace (absolute URL)."
PRODUCT_URL = (
    "The product's page on the marketplace (absolute URL); it answers 404 while the product "
    "is not published."
)


def storefront_url(request: HttpRequest | None, slug: str) -> str:
    """The absolute address of the storefront page of the supplier `slug`."""
    return _absolute({"request": request}, reverse("catalog_storefront", args=[slug]))


def product_url(request: HttpRequest | None, product: Product) -> str:
    """The absolute address of the product's page (its slug: the original title)."""
    path = reverse("catalog_product", args=[product.pk, slugify(product.title) or "product"])
    return _absolute({"request": request}, path)


class SupplierSummaryOut(Schema):
    id: uuid.UUID
    slug: str
    display_name: str
    country: str
    city: str
    verification_level: VerificationLevel
    url: str = Field(..., description=STOREFRONT_URL)

    @staticmethod
    def resolve_url(obj: Any, context: dict[str, Any]) -> str:
        return storefront_url((context or {}).get("request"), obj.slug)


class ProductSummaryOut(Schema):
    """A product as lists show it."""

    id: uuid.UUID
    sku: str
    title: str
    url: str = Field(..., description=PRODUCT_URL)
    supplier: SupplierSummaryOut
    category: CategorySummaryOut | None
    unit: Unit
    currency: str
    moq: int = Field(..., description="Minimum order quantity, in `unit`.")
    order_multiple: int
    min_unit_price: MoneyOut | None = Field(..., description="Lowest tier price.")
    max_unit_price: MoneyOut | None = Field(..., description="Price at the MOQ.")
    tiers: list[TierOut]
    lead_time_days: int | None
    ready_to_ship: bool = Field(..., description="Stock is held and can ship at once.")
    sample_available: bool
    thumbnail_url: str | None
    published_at: datetime | None

    @staticmethod
    def resolve_url(obj: Product, context: dict[str, Any]) -> str:
        return product_url((context or {}).get("request"), obj)

    @staticmethod
    def resolve_min_unit_price(obj: Product) -> MoneyOut | None:
        return money_out(obj.min_unit_price, obj.currency)

    @staticmethod
    def resolve_max_unit_price(obj: Product) -> MoneyOut | None:
        return money_out(obj.max_unit_price, obj.currency)

    @staticmethod
    def resolve_tiers(obj: Product) -> list[TierOut]:
        return [
            TierOut(
                min_quantity=tier.min_quantity,
                unit_price=money_out(tier.unit_price, obj.currency),  # type: ignore[arg-type]
            )
            for tier in sorted(obj.tiers.all(), key=lambda tier: tier.min_quantity)
        ]

    @staticmethod
    def resolve_ready_to_ship(obj: Product) -> bool:
        return obj.is_ready_to_ship

    @staticmethod
    def resolve_thumbnail_url(obj: Product, context: dict[str, Any]) -> str | None:
        first = next(iter(obj.images.all()), None)  # prefetched, by position
        if first is None:
            return None
        return _absolute(context, (first.thumbnail or first.image).url)


class ProductOut(ProductSummaryOut):
    """Everything a buyer may read about a product."""

    description: str
    translations: dict[str, TranslationOut] = Field(
        ..., description="Titles and descriptions in other languages, by language code."
    )
    attributes: list[AttributeOut]
    lead_time_steps: list[LeadTimeStepOut] = Field(
        ..., description="Longer lead times for larger orders, by ascending quantity."
    )
    stock: int | None = Field(..., description="Ready-to-ship units; null: made to order.")
    sample_price: MoneyOut | None
    customization: list[str]
    hs_code: str
    origin_country: str
    weight_kg: str | None
    length_cm: str | None
    width_cm: str | None
    height_cm: str | None
    units_per_carton: int | None
    certifications: list[str]
    variants: list[VariantOut]
    images: list[ImageOut]
    updated_at: datetime

    @staticmethod
    def resolve_attributes(obj: Product) -> list[AttributeOut]:
        return [AttributeOut(name=name, value=value) for name, value in obj.attributes]

    @staticmethod
    def resolve_lead_time_steps(obj: Product) -> list[LeadTimeStepOut]:
        return [LeadTimeStepOut(min_quantity=q, days=d) for q, d in obj.lead_time_steps]

    @staticmethod
    def resolve_sample_price(obj: Product) -> MoneyOut | None:
        return money_out(obj.sample_price, obj.currency)

    @staticmethod
    def resolve_weight_kg(obj: Product) -> str | None:
        return decimal_string(obj.weight_kg)

    @staticmethod
    def resolve_length_cm(obj: Product) -> str | None:
        return decimal_string(obj.length_cm)

    @staticmethod
    def resolve_width_cm(obj: Product) -> str | None:
        return decimal_string(obj.width_cm)

    @staticmethod
    def resolve_height_cm(obj: Product) -> str | None:
        return decimal_string(obj.height_cm)


class SupplierProductSummaryOut(ProductSummaryOut):
    status: ProductStatus
    status_reason: str = Field(..., description="Why an operator suspended it, if they did.")
    created_at: datetime
    updated_at: datetime


class SupplierProductOut(ProductOut):
    status: ProductStatus
    status_reason: str = Field(..., description="Why an operator suspended it, if they did.")
    created_at: datetime


class ConversionOut(Schema):
    from_currency: str
    to_currency: str
    rate: str = Field(
        ...,
        description="Units of `to_currency` per unit of `from_currency`, rounded half-up to 8 "
        "significant digits (the amounts are converted at the exact rate).",
    )
    rate_date: date = Field(..., description="Publication day of the reference rate used.")
    rate_source: str = Field(..., examples=["ECB"])


class PriceQuoteOut(Schema):
    product_id: uuid.UUID
    quantity: int
    unit: Unit
    unit_price: MoneyOut = Field(
        ..., description="In the requested currency, rounded half-up to 4 decimal places."
    )
    total: MoneyOut = Field(
        ...,
        description="In the requested currency: the exact total converted, then rounded "
        "half-up to the currency's minor unit.",
    )
    tier: TierOut = Field(..., description="The tier applied, in the supplier's currency.")
    supplier_unit_price: MoneyOut = Field(..., description="In the supplier's currency.")
    supplier_total: MoneyOut = Field(..., description="In the supplier's currency.")
    conversion: ConversionOut | None = Field(
        ..., description="The rate used when another currency was asked for; else null."
    )
    moq: int
    order_multiple: int
    lead_time_days: int | None = Field(..., description="Lead time for this quantity.")
    ready_to_ship: bool = Field(..., description="The stock covers this quantity now.")


class CategoryOut(Schema):
    id: int = Field(..., description="The Google Product Taxonomy id.")
    parent_id: int | None
    name: str = Field(..., description="English name.")
    path: str
    depth: int
    product_count: int = Field(..., description="Published products here and below.")
    has_children: bool


class MainCategoryOut(CategorySummaryOut):
    product_count: int


class SupplierOut(Schema):
    id: uuid.UUID
    slug: str
    display_name: str
    url: str = Field(..., description=STOREFRONT_URL)
    country: str
    province: str
    city: str
    website: str
    description: str
    languages: list[str]
    verification_level: VerificationLevel
    main_categories: list[MainCategoryOut]
    product_count: int = Field(..., description="Published products.")
    member_since: datetime


# --- input -----------------------------------------------------------------------------------


class TierIn(StrictIn):
    min_quantity: PositiveCount
    unit_price: Amount = Field(..., description='Decimal string, e.g. "4.20".')


class LeadTimeStepIn(StrictIn):
    min_quantity: PositiveCount
    days: Annotated[int, Field(ge=0, le=3650)]


class AttributeIn(StrictIn):
    name: Annotated[str, Field(max_length=100)]
    value: Annotated[str, Field(max_length=500)]


class TranslationIn(StrictIn):
    title: Annotated[str, Field(max_length=300)] = ""
    description: Annotated[str, Field(max_length=20_000)] = ""


class VariantIn(StrictIn):
    sku: Annotated[str, Field(max_length=64)]
    options: dict[ShortText, Annotated[str, Field(max_length=500)]] = Field(
        ..., description='What sets it apart, e.g. {"Size": "M", "Color": "Red"}.'
    )
    stock: Count | None = None


class _ProductFieldsIn(StrictIn):
    """Optional fields of a product, shared by create (defaults) and PATCH (unset: unchanged)."""

    description: Annotated[str, Field(max_length=20_000)] = ""
    translations: dict[Annotated[str, Field(max_length=20)], TranslationIn] = Field(
        default_factory=dict, description='{"fr": {"title": ..., "description": ...}, ...}'
    )
    category_id: int | None = Field(None, description="A Google Product Taxonomy id.")
    attributes: list[AttributeIn] = Field(default_factory=list, max_length=50)
    unit: Unit = Unit.PIECE
    moq: PositiveCount | None = Field(None, description="Default: the lowest tier's quantity.")
    order_multiple: PositiveCount = 1
    lead_time_days: Annotated[int, Field(ge=0, le=3650)] | None = None
    lead_time_steps: list[LeadTimeStepIn] = Field(default_factory=list, max_length=20)
    stock: Count | None = Field(None, description="Ready-to-ship units; null: made to order.")
    sample_available: bool = False
    sample_price: Amount | None = None
    customization: list[ShortText] = Field(default_factory=list, max_length=30)
    hs_code: Annotated[str, Field(max_length=16)] = Field("", description="HS 2022, 6-10 digits.")
    origin_country: Annotated[str, Field(max_length=2)] = ""
    weight_kg: Amount | None = None
    length_cm: Amount | None = None
    width_cm: Amount | None = None
    height_cm: Amount | None = None
    units_per_carton: PositiveCount | None = None
    certifications: list[ShortText] = Field(default_factory=list, max_length=30)
    variants: list[VariantIn] = Field(default_factory=list, max_length=200)


class ProductCreateIn(_ProductFieldsIn):
    sku: Annotated[str, Field(min_length=1, max_length=64)]
    title: Annotated[str, Field(min_length=1, max_length=300)]
    currency: Annotated[str, Field(min_length=3, max_length=3)]
    tiers: list[TierIn] = Field(..., min_length=1, max_length=MAX_TIERS)


class ProductPatchIn(_ProductFieldsIn):
    """Only the fields sent change; `null` clears a nullable field."""

    sku: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    title: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    currency: Annotated[str, Field(min_length=3, max_length=3)] | None = None
    tiers: list[TierIn] | None = Field(None, min_length=1, max_length=MAX_TIERS)


def _absolute(context: dict[str, Any], url: str) -> str:
    request: HttpRequest | None = (context or {}).get("request")
    return request.build_absolute_uri(url) if request is not None else url


def category_summary(category: Category) -> CategorySummaryOut:
    return CategorySummaryOut(id=category.id, name=category.name, path=category.path)
