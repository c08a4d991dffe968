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

# The import page's template file: the header and two example rows (a product and one of its
# variants), as docs/catalog-file-format.md describes them; it imports as it is.
TEMPLATE_ROWS: Final = (
    {
        "sku": "BALL-5",
        "title": "PU soccer ball, size 5",
        "description": "Thermo-bonded, 32 panels.",
        "category": "Sporting Goods > Athletics > Soccer > Soccer Balls",
        "currency": "USD",
        "price_tiers": "100:4.20;500:3.90;2000:3.50",
        "moq": "200",
        "order_multiple": "10",
        "unit": "piece",
        "lead_time_days": "1:15;5000:30",
        "stock": "1200",
        "hs_code": "9506.62",
        "origin_country": "CN",
        "weight_kg": "0.42",
        "length_cm": "22",
        "width_cm": "22",
        "height_cm": "22",
        "units_per_carton": "50",
        "certifications": "CE;EN 71",
        "sample_price": "12.50",
        "customization": "logo;packaging",
        "attributes": "Material=PU;Size=5",
    },
    {"sku": "BALL-5-RED", "variant_of": "BALL-5", "options": "Color=Red", "stock": "300"},
)
TEMPLATE_COLUMNS: Final = tuple(name for name in BASE_COLUMNS + PRODUCT_COLUMNS if name != "images")
