"""Request parameters and response bodies of the search API.

Parameters are validated here (422 `invalid_input` naming each bad one); amounts travel as
decimal strings, never floats. A result is the catalog's product summary plus its price range
converted to the requested currency, rounded to that currency's minor unit for display.
"""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import StringConstraints

from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES
from tradebridge.catalog.api.schemas import STOREFRONT_URL, MoneyOut, ProductSummaryOut
from tradebridge.catalog.models import Product
from tradebridge.companies.enums import VerificationLevel
from tradebridge.core.api.params import NO_NUL, NO_NUL_NOT_BLANK, one_of
from tradebridge.core.fx import RateTable, RateUnavailable, convert
from tradebridge.core.money import Money
from tradebridge.search.errors import MAX_NUMBER
from tradebridge.search.types import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    FacetValue,
    ProductQuery,
    ProductSort,
    SupplierQuery,
)

Amount = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{1,12}(\.\d{1,4})?$")]
CountryCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{2}$")]
CurrencyCode = Annotated[str, one_of(DISPLAY_CURRENCIES, any_case=True)]
Words = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=NO_NUL)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100, pattern=NO_NUL)]


class _PageIn(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Page number, 1 to {MAX_PAGE}.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Results per page (1-100).")


class ProductSearchIn(_PageIn):
    q: Words = Field("", description="Words, in any language we serve; typos are forgiven.")
    category: int | None = Field(
        None,
        ge=1,
        le=MAX_NUMBER,
        description="A Google Product Taxonomy id; its subcategories are included. "
        "An unknown id answers 404.",
    )
    min_price: Amount | None = Field(None, description="Lowest unit price, in `currency`.")
    max_price: Amount | None = Field(None, description="Highest unit price, in `currency`.")
    currency: CurrencyCode | None = Field(
        None,
        description="ISO 4217 code of prices and price filters (one the ECB publishes, or "
        "EUR); default your display currency.",
    )
    max_moq: int | None = Field(None, ge=1, le=2_000_000_000, description="Largest MOQ.")
    supplier_country: CountryCode | None = Field(None, description="ISO 3166 alpha-2.")
    supplier_province: Name | None = Field(None, description="Province or state, as listed.")
    verified: VerificationLevel | None = Field(
        None, description="Suppliers verified at least this far."
    )
    certification: Name | None = Field(None, description="A certification, e.g. `CE`.")
    ready_to_ship: bool | None = Field(None, description="Only products in stock (true).")
    sample_available: bool | None = Field(None, description="Only products with samples.")
    max_lead_time: int | None = Field(
        None, ge=0, le=3650, description="Longest lead time, in days."
    )
    sort: ProductSort = Field(ProductSort.RELEVANCE, description="Order of the results.")

    def to_query(self, *, currency: str, language: str) -> ProductQuery:
        return ProductQuery(
            text=self.q,
            category=self.category,
            currency=currency,
            min_price=Decimal(self.min_price) if self.min_price is not None else None,
            max_price=Decimal(self.max_price) if self.max_price is not None else None,
            max_moq=self.max_moq,
            supplier_country=(self.supplier_country or "").upper(),
            supplier_province=self.supplier_province or "",
            verified=self.verified.value if self.verified is not None else "",
            certification=self.certification or "",
            ready_to_ship=self.ready_to_ship,
            max_lead_time_days=self.max_lead_time,
            sample_available=self.sample_available,
            sort=self.sort,
            page=self.page,
            page_size=self.page_size,
            language=language,
        )


class SupplierSearchIn(_PageIn):
    q: Words = Field("", description="Words in a supplier's name, profile or main products.")
    category: int | None = Field(
        None,
        ge=1,
        le=MAX_NUMBER,
        description="Suppliers selling in this category. An unknown id answers 404.",
    )
    country: CountryCode | None = Field(None, description="ISO 3166 alpha-2.")
    province: Name | None = Field(None, description="Province or state, as listed.")
    verified: VerificationLevel | None = Field(None, description="Verified at least this far.")
    min_response_rate: int | None = Field(
        None, ge=0, le=100, description="Answers at least this share of enquiries (percent)."
    )

    def to_query(self, *, language: str) -> SupplierQuery:
        return SupplierQuery(
            text=self.q,
            category=self.category,
            country=(self.country or "").upper(),
            province=self.province or "",
            verified=self.verified.value if self.verified is not None else "",
            min_response_rate=self.min_response_rate,
            page=self.page,
            page_size=self.page_size,
            language=language,
        )


class SuggestIn(Schema):
    q: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=100, pattern=NO_NUL_NOT_BLANK
        ),
    ] = Field(..., description="What was typed so far: 1 to 100 characters, not only spaces.")
    limit: int = Field(8, ge=1, le=20)


# --- output ----------------------------------------------------------------------------------


class FacetValueOut(Schema):
    value: str = Field(..., description="As the filter parameter takes it.")
    label: str = Field(..., description="For people, in the request's language.")
    count: int = Field(..., description="Matches with this value (all other filters applied).")
    selected: bool = False
    depth: int = Field(0, description="Category tree level; 0 is a top-level category.")


def facets_out(facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValueOut]]:
    return {
        name: [
            FacetValueOut(
                value=v.value, label=v.label, count=v.count, selected=v.selected, depth=v.depth
            )
            for v in values
        ]
        for name, values in facets.items()
    }


class PriceRangeOut(Schema):
    """The unit price range converted to the requested currency (rounded for display)."""

    min: MoneyOut
    max: MoneyOut
    rate_date: date | None = Field(..., description="ECB rate's date; null: no conversion.")


_PRICING = "_search_pricing"


def price_in(request: HttpRequest, *, currency: str, rates: RateTable) -> None:
    """Price this request's results in `currency` at `rates` (read by `ProductHitOut`)."""
    setattr(request, _PRICING, (currency, rates))


class ProductHitOut(ProductSummaryOut):
    """A product summary with its price range in the request's currency (`price_in`)."""

    price_range: PriceRangeOut | None = Field(
        ..., description="Null when the product has no price or no rate is known."
    )

    @staticmethod
    def resolve_price_range(obj: Product, context: dict[str, Any]) -> "PriceRangeOut | None":
        currency, rates = getattr(context["request"], _PRICING)
        return price_range_out(obj, currency, rates)


class ProductSearchOut(Schema):
    count: int = Field(..., description="Matches in all (see `count_is_estimate`).")
    count_is_estimate: bool = Field(..., description="`count` is an estimate past 10,000.")
    page: int
    page_size: int
    currency: str = Field(..., description="The currency of `price_range` and price filters.")
    results: list[ProductHitOut]
    facets: dict[str, list[FacetValueOut]] = Field(
        ..., description="By facet name: category, price, moq, supplier_country, ..."
    )
    corrected_query: str | None = Field(
        ..., description="The query actually run, when a typo correction was applied."
    )
    suggestions: list[str] = Field(..., description="Other queries to try when few matched.")
    relaxed_filters: list[str] = Field(
        ..., description="Parameters whose removal would give results."
    )


class SupplierHitOut(Schema):
    id: uuid.UUID
    slug: str
    display_name: str
    url: str = Field(..., description=STOREFRONT_URL)
    country: str
    province: str
    city: str
    verification_level: VerificationLevel
    product_count: int = Field(..., description="Published products.")


class SupplierSearchOut(Schema):
    count: int
    page: int
    page_size: int
    results: list[SupplierHitOut]
    facets: dict[str, list[FacetValueOut]]


class SuggestionOut(Schema):
    text: str
    kind: str = Field(..., description="`query`, `category` or `product`.")
    category_id: int | None
    product_id: uuid.UUID | None


def price_range_out(product: Product, currency: str, rates: RateTable) -> PriceRangeOut | None:
    """The product's unit price range in `currency`; None without prices or a rate."""
    low, high = product.min_unit_price, product.max_unit_price
    if low is None or high is None:
        return None
    if product.currency == currency:
        bounds = (Money(low.normalize(), currency), Money(high.normalize(), currency))
        return PriceRangeOut(min=_money(bounds[0]), max=_money(bounds[1]), rate_date=None)
    try:
        converted = [
            convert(Money(amount, product.currency), currency, rates) for amount in (low, high)
        ]
    except RateUnavailable:
        return None
    return PriceRangeOut(
        min=_money(converted[0].result.rounded()),
        max=_money(converted[1].result.rounded()),
        rate_date=converted[0].rate_date,
    )


def _money(money: Money) -> MoneyOut:
    return MoneyOut(**money.as_dict())
