"""The catalog file's columns (DESIGN.md, docs/catalog-file-format.md): what the importer
accepts and the exporter writes, in the exporter's order. `title_<lang>` and
`description_<lang>` columns come between the two groups."""

from typing import Final

BASE_COLUMNS: Final = (
    "sku",
    "variant_of",
    "options",
    "title",
    "description",
)
PRODUCT_COLUMNS: Final = (
    "category",
    "currency",
    "price_tiers",
    "moq",
    "order_multiple",
    "unit",
    "lead_time_days",
    "stock",
    "hs_code",
    "origin_country",
    "weight_kg",
    "length_cm",
    "width_cm",
    "height_cm",
    "units_per_carton",
    "certifications",
    "sample_price",
    "customization",
    "attributes",
    "images",
)
REQUIRED_COLUMNS: Final = ("sku", "title")
KNOWN_COLUMNS: Final = frozenset(BASE_COLUMNS + PRODUCT_COLUMNS)
