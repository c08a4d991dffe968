"""What the search service is asked and what it answers: the one contract between the engine
(`search.engine`), the pages, the API and the analytics. Plain values, no ORM.

A search returns product ids in rank order plus exact facet counts; callers load the products
they show from the database by id (`catalog.selectors`), so the index never holds the truth.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final

MAX_PAGE_SIZE: Final = 100
MAX_PAGE: Final = 1000  # deeper pages are for crawlers, not buyers: they narrow the search
# Past this many hits, `count` may be an estimate and `count_is_estimate` says so.
EXACT_COUNT_LIMIT: Final = 10_000


class ProductSort(StrEnum):
    RELEVANCE = "relevance"
    PRICE_ASC = "price"
    PRICE_DESC = "-price"
    MOQ_ASC = "moq"
    NEWEST = "newest"


class ProductFacet(StrEnum):
    """The facet names of a product search, as the API and pages spell them."""

    CATEGORY = "category"
    PRICE = "price"
    MOQ = "moq"
    SUPPLIER_COUNTRY = "supplier_country"
    SUPPLIER_PROVINCE = "supplier_province"
    VERIFICATION = "verified"
    CERTIFICATION = "certification"
    READY_TO_SHIP = "ready_to_ship"
    LEAD_TIME = "lead_time"
    SAMPLE_AVAILABLE = "sample_available"


@dataclass(frozen=True, slots=True)
class ProductQuery:
    """A buyer's product search. Empty `text` lists everything that matches the filters.

    `category` keeps products of that category and of every category below it.
    `min_price`/`max_price` are unit prices in `currency`, compared with each product's
    price range converted at the day's ECB rate. `verified` is a minimum verification level
    (companies.enums.VerificationLevel value). `page` counts from 1.
    """

    text: str = ""
    category: int | None = None
    currency: str = "EUR"
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    max_moq: int | None = None
    supplier_country: str = ""
    supplier_province: str = ""
    verified: str = ""
    certification: str = ""
    ready_to_ship: bool | None = None
    max_lead_time_days: int | None = None
    sample_available: bool | None = None
    sort: ProductSort = ProductSort.RELEVANCE
    page: int = 1
    page_size: int = 24
    language: str = "en"  # the buyer's language: stemming and labels


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet: `value` as the filter takes it, `label` for people."""

    value: str
    label: str
    count: int
    selected: bool = False
    depth: int = 0  # for the category tree: 0 is a top-level category


@dataclass(frozen=True, slots=True)
class ProductHit:
    product_id: uuid.UUID
    score: float


@dataclass(frozen=True, slots=True)
class ProductResults:
    """One page of a product search: `count` matches in all, `hits` on this page in order,
    `facets` by ProductFacet value, and `suggestions` when nothing (or little) matched:
    corrected query texts, or filters whose removal would give results."""

    count: int
    hits: list[ProductHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    count_is_estimate: bool = False
    corrected_text: str = ""  # the query actually run, when a typo correction was applied
    suggestions: list[str] = field(default_factory=list)
    relaxed_filters: list[str] = field(default_factory=list)  # filter names worth dropping


@dataclass(frozen=True, slots=True)
class SupplierQuery:
    text: str = ""
    category: int | None = None
    country: str = ""
    province: str = ""
    verified: str = ""
    min_response_rate: int | None = None  # percent
    page: int = 1
    page_size: int = 24
    language: str = "en"


@dataclass(frozen=True, slots=True)
class SupplierHit:
    company_id: uuid.UUID
    score: float


@dataclass(frozen=True, slots=True)
class SupplierResults:
    count: int
    hits: list[SupplierHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An autosuggest entry: a completed query text, or a category to jump to."""

    text: str
    kind: str  # "query" | "category" | "product"
    category_id: int | None = None
    product_id: uuid.UUID | None = None
