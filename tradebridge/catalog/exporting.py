"""Export a supplier's catalog in the import format (CSV, XLSX, JSONL), streamed, in bounded
memory: what `catalog_export` writes, `tradebridge import-catalog` reads back unchanged.

Formula injection (attack case X11): in CSV and XLSX every cell that starts with `=`, `+`,
`-`, `@`, a tab, a carriage return or NUL gets a leading `'`, so no spreadsheet program reads
it as a formula; XLSX cells are always written as strings, never as formulas. The importer
drops that one apostrophe again (`readers.unescape_cell`). JSONL is not a spreadsheet format
and is written as is.
"""

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Final

from django.db.models import Prefetch

from tradebridge.catalog.enums import ImportFormat
from tradebridge.catalog.file_format import (
    BASE_COLUMNS,
    PRODUCT_COLUMNS,
    TEMPLATE_COLUMNS,
    TEMPLATE_ROWS,
)
from tradebridge.catalog.models import PriceTier, Product, ProductImage, ProductVariant
from tradebridge.companies.models import Company

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "\x00")
CHUNK_SIZE: Final = 500


def neutralize_formula(value: str) -> str:
    """`value` with a leading `'` when a spreadsheet would read it as a formula (X11)."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


def catalog_template_write(*, stream: IO[bytes]) -> int:
    """Write the import page's template CSV (the header and `TEMPLATE_ROWS`) to `stream`;
    returns the number of example rows."""
    rows = ({name: row.get(name, "") for name in TEMPLATE_COLUMNS} for row in TEMPLATE_ROWS)
    return _write_csv(stream, TEMPLATE_COLUMNS, rows)


def catalog_export(*, supplier: Company, file_format: str, stream: IO[bytes]) -> int:
    """Write every product of `supplier` (any status) and its variants to `stream`.

    Returns the number of rows written (products plus variants). Reads in chunks of
    CHUNK_SIZE products, so memory does not grow with the catalog.
    """
    products = _products(supplier)
    columns = export_columns(_languages(supplier))
    rows = (row for product in products for row in product_rows(product, columns))
    if file_format == ImportFormat.XLSX:
        return _write_xlsx(stream, columns, rows)
    if file_format == ImportFormat.JSONL:
        return _write_jsonl(stream, rows)
    return _write_csv(stream, columns, rows)


def export_columns(languages: list[str]) -> tuple[str, ...]:
    translated = tuple(
        f"{name}_{language}" for language in languages for name in ("title", "description")
    )
    return BASE_COLUMNS + translated + PRODUCT_COLUMNS


def _languages(supplier: Company) -> list[str]:
    languages: set[str] = set()
    translations = Product.objects.filter(supplier=supplier).values_list("translations", flat=True)
    for value in translations.iterator(chunk_size=2000):
        languages.update(value or {})
    return sorted(languages)


def _products(supplier: Company) -> Iterator[Product]:
    queryset = (
        Product.objects.filter(supplier=supplier)
        .select_related("category")
        .prefetch_related(
            Prefetch("tiers", queryset=PriceTier.objects.order_by("min_quantity")),
            Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "sku")),
            Prefetch("images", queryset=ProductImage.objects.order_by("position")),
        )
        .order_by("sku")
    )
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def product_rows(product: Product, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """The product's row, then one row per variant (`variant_of` the product's SKU)."""
    row = dict.fromkeys(columns, "")
    row |= {
        "sku": product.sku,
        "title": product.title,
        "description": product.description,
        "category": str(product.category_id or ""),
        "currency": product.currency,
        "price_tiers": ";".join(
            f"{tier.min_quantity}:{_decimal(tier.unit_price)}" for tier in product.tiers.all()
        ),
        "moq": str(product.moq),
        "order_multiple": str(product.order_multiple),
        "unit": product.unit,
        "lead_time_days": _lead_time(product),
        "stock": _optional(product.stock),
        "hs_code": product.hs_code,
        "origin_country": product.origin_country or "",
        "weight_kg": _decimal(product.weight_kg),
        "length_cm": _decimal(product.length_cm),
        "width_cm": _decimal(product.width_cm),
        "height_cm": _decimal(product.height_cm),
        "units_per_carton": _optional(product.units_per_carton),
        "certifications": ";".join(product.certifications or []),
        "sample_price": _decimal(product.sample_price) if product.sample_available else "",
        "customization": ";".join(product.customization or []),
        "attributes": ";".join(f"{name}={value}" for name, value in product.attributes or []),
        "images": ";".join(
            (image.image.name or "").rsplit("/", 1)[-1]
            for image in product.images.all()
            if image.image
        ),
    }
    for language, texts in (product.translations or {}).items():
        for name in ("title", "description"):
            if f"{name}_{language}" in row:
                row[f"{name}_{language}"] = texts.get(name, "")
    yield row
    for variant in product.variants.all():
        yield dict.fromkeys(columns, "") | {
            "sku": variant.sku,
            "variant_of": product.sku,
            "options": ";".join(f"{name}={value}" for name, value in variant.options.items()),
            "stock": _optional(variant.stock),
        }


def _lead_time(product: Product) -> str:
    steps = [(int(quantity), int(days)) for quantity, days in product.lead_time_steps or []]
    base = product.lead_time_days
    if not steps:
        return _optional(base)
    if base is not None and steps[0][1] != base and steps[0][0] > 1:
        steps.insert(0, (1, base))  # the import reads the base lead time from the first pair
    return ";".join(f"{quantity}:{days}" for quantity, days in steps)


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


def _decimal(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# Writers ----------------------------------------------------------------------------------------


def _write_csv(stream: IO[bytes], columns: tuple[str, ...], rows: Iterator[dict[str, str]]) -> int:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        # every field quoted: a spreadsheet that splits on ";" would otherwise read the "=" after
        # a ";" inside a cell as the start of a new, formula cell
        writer = csv.writer(text, quoting=csv.QUOTE_ALL)
        writer.writerow(columns)
        count = 0
        for row in rows:
            writer.writerow([neutralize_formula(row[column]) for column in columns])
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


def _write_jsonl(stream: IO[bytes], rows: Iterator[dict[str, str]]) -> int:
    count = 0
    for row in rows:
        present = {name: value for name, value in row.items() if value}
        stream.write(json.dumps(present, ensure_ascii=False).encode() + b"\n")
        count += 1
    return count


def _write_xlsx(stream: IO[bytes], columns: tuple[str, ...], rows: Iterator[dict[str, str]]) -> int:
    from openpyxl import Workbook  # import cost only for XLSX
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Catalog")

    def cells(values: list[str]) -> list[Cell]:
        written = []
        for value in values:
            safe = ILLEGAL_CHARACTERS_RE.sub("", neutralize_formula(value))
            cell = WriteOnlyCell(sheet, value=safe)
            cell.data_type = "s"  # a string, never a formula, whatever it starts with
            written.append(cell)
        return written

    sheet.append(cells(list(columns)))
    count = 0
    for row in rows:
        sheet.append(cells([row[column] for column in columns]))
        count += 1
    book.save(stream)
    return count
