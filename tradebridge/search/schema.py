"""The two tantivy indexes' fields: products and suppliers.

Text fields: per served language a title field and a body field (stemmed), `words` (every
text of the document unstemmed: typo and prefix matching, suggestions, SKUs), `cjk`
(character pairs). Fast fields filter, sort and count facets; multi-valued ones
(`category_ids` holds the category and every ancestor, `certifications`) count once per
value, so a facet count of a category includes its whole subtree; `category_l<depth>` holds
the ancestor at each depth, so the tree facet counts one level at a time.

Prices are f64 inside the index: they only filter and bucket. Money shown to people comes
from the database as Decimal.
"""

from typing import Final

from tantivy import Schema, SchemaBuilder

from tradebridge.search.analysis import CJK_PAIRS, PLAIN, STEMMED_LANGUAGES, analyzer_name

SCHEMA_VERSION: Final = 2  # bump when fields change: `search-reindex` then builds anew

# Both indexes
ID: Final = "id"
WORDS: Final = "words"
CJK: Final = "cjk"
CATEGORY_IDS: Final = "category_ids"
COUNTRY: Final = "country"
PROVINCE: Final = "province"
VERIFICATION: Final = "verification"
QUALITY: Final = "quality"

# Products
SUPPLIER_ID: Final = "supplier_id"
CURRENCY: Final = "currency"
PRICE_MIN: Final = "price_min"
PRICE_MAX: Final = "price_max"
MOQ: Final = "moq"
CERTIFICATIONS: Final = "certifications"
READY_TO_SHIP: Final = "ready_to_ship"
LEAD_TIME: Final = "lead_time_days"
SAMPLE: Final = "sample_available"
PUBLISHED: Final = "published"

MAX_CATEGORY_DEPTH: Final = 7  # the Google taxonomy has 7 levels (0-6)

# Suppliers
NAME: Final = "name"
RESPONSE_RATE: Final = "response_rate"


def title_field(language: str) -> str:
    return f"title_{language}"


def body_field(language: str) -> str:
    return f"body_{language}"


def category_level_field(depth: int) -> str:
    """A product's category at `depth` (0: top level): counting one level's categories reads
    a few hundred values, not every category of the tree."""
    return f"category_l{depth}"


def _add_keyword(builder: SchemaBuilder, name: str, *, stored: bool = False) -> None:
    builder.add_text_field(
        name, stored=stored, fast=True, tokenizer_name="raw", index_option="basic"
    )


def _add_number(builder: SchemaBuilder, name: str) -> None:
    builder.add_unsigned_field(name, indexed=True, fast=True)


def _add_common(builder: SchemaBuilder) -> None:
    _add_keyword(builder, ID, stored=True)
    builder.add_text_field(WORDS, tokenizer_name=PLAIN)
    builder.add_text_field(CJK, tokenizer_name=CJK_PAIRS)
    _add_number(builder, CATEGORY_IDS)
    _add_keyword(builder, COUNTRY)
    _add_keyword(builder, PROVINCE)
    _add_number(builder, VERIFICATION)
    builder.add_float_field(QUALITY, fast=True)


def product_schema() -> Schema:
    builder = SchemaBuilder()
    _add_common(builder)
    for language in STEMMED_LANGUAGES:
        builder.add_text_field(title_field(language), tokenizer_name=analyzer_name(language))
        builder.add_text_field(body_field(language), tokenizer_name=analyzer_name(language))
    _add_keyword(builder, SUPPLIER_ID)
    _add_keyword(builder, CURRENCY)
    builder.add_float_field(PRICE_MIN, indexed=True, fast=True)
    builder.add_float_field(PRICE_MAX, indexed=True, fast=True)
    for name in (MOQ, READY_TO_SHIP, LEAD_TIME, SAMPLE, PUBLISHED):
        _add_number(builder, name)
    _add_keyword(builder, CERTIFICATIONS)
    for depth in range(MAX_CATEGORY_DEPTH):
        builder.add_unsigned_field(category_level_field(depth), fast=True)
    return builder.build()


def supplier_schema() -> Schema:
    builder = SchemaBuilder()
    _add_common(builder)
    builder.add_text_field(NAME, tokenizer_name=PLAIN)
    for language in STEMMED_LANGUAGES:
        builder.add_text_field(body_field(language), tokenizer_name=analyzer_name(language))
    _add_number(builder, RESPONSE_RATE)
    return builder.build()
