"""Import a catalog file for a supplier: parse, validate and upsert by SKU, a batch at a time.

Good rows land even when others fail. Each batch of about BATCH_ROWS rows is one transaction
and one call of `product_upsert_many` (one query per table for the whole batch; a product
that fails is reported and the rest land); a product with images (and the variant rows that
follow it) is written on its own in a savepoint with its images, so a bad image keeps its
row out entirely. A dry run does the same work, including the services' own checks, and
rolls every batch back, so the report is exact and nothing changes. Memory stays bounded:
the reader streams, one batch is held at a time, and the importer keeps only the SKUs it has
seen (with their line, for the duplicate message) and the first MAX_ERRORS errors.
"""

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final

from django.db import transaction

from tradebridge.accounts.models import User
from tradebridge.catalog.hs_codes import hs_code_is_valid
from tradebridge.catalog.images import image_delete, image_ingest
from tradebridge.catalog.importing.archive import ArchiveUnreadable, ImageArchive
from tradebridge.catalog.importing.readers import CatalogFile, SourceRow
from tradebridge.catalog.importing.rows import (
    ProductRow,
    RowContext,
    RowError,
    VariantRow,
    parse_row,
)
from tradebridge.catalog.models import (
    Category,
    ImportJob,
    PriceTier,
    Product,
    ProductChange,
    ProductImage,
    ProductVariant,
)
from tradebridge.catalog.services import (
    ProductData,
    UpsertOutcome,
    VariantData,
    product_upsert_many,
    products_mark_imported,
)
from tradebridge.companies.iso_codes import COUNTRY_CODES, CURRENCY_CODES
from tradebridge.companies.models import Company
from tradebridge.core.errors import DomainError
from tradebridge.core.services.planner_statistics import (
    planner_statistics_are_stale,
    planner_statistics_refresh,
)

BATCH_ROWS: Final = 500
MAX_ERRORS: Final = ImportJob.MAX_ERRORS

# A service error's `field` detail, as the file's column.
_COLUMN_OF_FIELD: Final = {
    "tiers": "price_tiers",
    "lead_time_steps": "lead_time_days",
    "category_id": "category",
    "variants": "variant_of",
}


@dataclass
class ImportSummary:
    """Where an import stands; final when `finished`."""

    total_rows: int = 0
    processed_rows: int = 0
    created: int = 0
    updated: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    seconds: float = 0.0
    finished: bool = False

    @property
    def rows_per_second(self) -> float:
        return self.processed_rows / self.seconds if self.seconds else 0.0

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)


@dataclass
class _Group:
    """A product row and the variant rows right after it: written together."""

    product: ProductRow
    variants: list[VariantRow] = field(default_factory=list)


class CategoryLookup:
    """Category ids by id or full path (case-insensitive), loaded once per import."""

    def __init__(self) -> None:
        self._by_path: dict[str, int] = {}
        self._ids: set[int] = set()
        for category_id, path in Category.objects.values_list("id", "path").iterator():
            self._ids.add(category_id)
            self._by_path[_normalize_path(path)] = category_id

    def __call__(self, value: str) -> int | None:
        if value.isascii() and value.isdigit():
            return int(value) if int(value) in self._ids else None
        return self._by_path.get(_normalize_path(value))


def _normalize_path(path: str) -> str:
    return " > ".join(part.strip().casefold() for part in path.split(">"))


def catalog_import(
    *,
    supplier: Company,
    catalog: CatalogFile,
    created_by: User | None = None,
    images: ImageArchive | None = None,
    dry_run: bool = False,
    on_progress: Callable[[ImportSummary], None] | None = None,
    batch_rows: int = BATCH_ROWS,
    job_id: uuid.UUID | None = None,
) -> ImportSummary:
    """Import every row of `catalog` into `supplier`'s catalog; return the summary.

    No permission check: the caller has checked MANAGE_CATALOG once for the job (the web
    page's service) or runs with shell access (the CLI). `on_progress` is called after every
    committed batch and at the end. A file-level problem is raised by CatalogFile before.
    An import that wrote many rows refreshes the catalog tables' planner statistics before
    it returns (counted in `seconds`). With `job_id`, every product a row wrote (or found
    unchanged) records that job as its last import, in the batch's transaction.
    """
    importer = _Importer(supplier, created_by, images, dry_run, job_id)
    summary = importer.summary
    summary.total_rows = catalog.total_rows
    started = time.perf_counter()
    for batch in _batches(importer.groups(catalog.rows()), batch_rows):
        with transaction.atomic():
            importer.write(batch)
            if dry_run:
                transaction.set_rollback(True)
        summary.seconds = time.perf_counter() - started
        if on_progress is not None:
            on_progress(summary)
    if not dry_run:
        _refresh_statistics_if_stale(summary)
    summary.seconds = time.perf_counter() - started
    summary.finished = True
    summary.errors.sort(key=lambda error: error.line)
    if on_progress is not None:
        on_progress(summary)
    return summary


# The tables an import writes.
_IMPORTED_TABLES: Final = (Product, PriceTier, ProductVariant, ProductImage, ProductChange)


def _refresh_statistics_if_stale(summary: ImportSummary) -> None:
    """A large import changes what the planner should expect (a rebuild of the search index
    right after it reads the products in id order, through a status index without fresh
    statistics); autovacuum would get to it later, SQLite never."""
    changed = summary.created + summary.updated
    if planner_statistics_are_stale(changed_rows=changed, table_rows=Product.objects.count()):
        planner_statistics_refresh(models=_IMPORTED_TABLES)


def _batches(groups: Iterator[_Group | None], rows: int) -> Iterator[list[_Group]]:
    """Groups in lists of about `rows` rows; a `None` (a row that failed) counts as a row."""
    batch: list[_Group] = []
    size = 0
    for group in groups:
        if group is not None:
            batch.append(group)
            size += 1 + len(group.variants)
        else:
            size += 1
        if size >= rows:
            yield batch
            batch, size = [], 0
    yield batch


class _Importer:
    def __init__(
        self,
        supplier: Company,
        created_by: User | None,
        images: ImageArchive | None,
        dry_run: bool,
        job_id: uuid.UUID | None = None,
    ) -> None:
        self.supplier = supplier
        self.job_id = job_id
        self.imported: list[uuid.UUID] = []
        self.created_by = created_by
        self.images = images
        self.dry_run = dry_run
        self.summary = ImportSummary()
        self.seen: dict[str, int] = {}
        self.context = RowContext(
            default_currency=supplier.default_currency,
            category_id=CategoryLookup(),
            is_currency=CURRENCY_CODES.__contains__,
            is_country=COUNTRY_CODES.__contains__,
            is_hs_code=hs_code_is_valid,
        )

    def groups(self, rows: Iterator[SourceRow]) -> Iterator[_Group | None]:
        """Parse rows into groups; yield None for each row that failed (to count batches)."""
        current: _Group | None = None
        failed_parent = ""
        for source in rows:
            parsed = self._parse(source)
            if isinstance(parsed, ProductRow):
                if current is not None:
                    yield self._counted(current)
                current, failed_parent = _Group(parsed), ""
                continue
            if isinstance(parsed, VariantRow):
                if current is not None and current.product.sku == parsed.parent_sku:
                    current.variants.append(parsed)
                    continue
                self._orphan_variant(parsed, failed_parent)
            elif not source.cells.get("variant_of"):  # a product row that failed
                if current is not None:  # its would-be variants must not join the one before
                    yield self._counted(current)
                current, failed_parent = None, source.cells.get("sku", "")
            self.summary.processed_rows += 1
            yield None
        if current is not None:
            yield self._counted(current)

    def _counted(self, group: _Group) -> _Group:
        """Rows count as processed when their group goes to be written (not when read ahead)."""
        self.summary.processed_rows += 1 + len(group.variants)
        return group

    def _orphan_variant(self, variant: VariantRow, failed_parent: str) -> None:
        reason = (
            f"the row of product {variant.parent_sku} has errors"
            if variant.parent_sku == failed_parent
            else "a variant row must directly follow its product's row"
        )
        self.summary.add_error(RowError(variant.line, "variant_of", reason))

    def _parse(self, source: SourceRow) -> ProductRow | VariantRow | None:
        if source.problem:
            self.summary.add_error(RowError(source.line, source.column, source.problem))
            return None
        duplicate = self._duplicate(source.line, source.cells.get("sku", ""))
        parsed = parse_row(source.line, source.cells, self.context)
        if isinstance(parsed, list):
            for error in parsed:
                self.summary.add_error(error)
            return None
        if duplicate is not None:
            self.summary.add_error(duplicate)
            return None
        if isinstance(parsed, ProductRow) and self.images is not None:
            missing = [name for name in parsed.images if name not in self.images]
            if missing:
                reason = f"not in the images zip: {', '.join(missing)}"
                self.summary.add_error(RowError(source.line, "images", reason))
                return None
        return parsed

    def _duplicate(self, line: int, sku: str) -> RowError | None:
        if not sku:
            return None
        first = self.seen.get(sku)
        if first is not None:
            return RowError(line, "sku", f"duplicate sku in file (first at line {first})")
        self.seen[sku] = line
        return None

    def write(self, batch: list[_Group]) -> None:
        """Upsert the batch's products, at once, except those with images (one by one, with
        their images); report each failure against its rows."""
        with_images = [group for group in batch if self._has_images(group)]
        plain = [group for group in batch if not self._has_images(group)]
        outcomes = product_upsert_many(
            supplier=self.supplier,
            items=[_product_data(group) for group in plain],
            created_by=self.created_by,
        )
        for group, outcome in zip(plain, outcomes, strict=True):
            self._count(group, outcome)
        for group in with_images:
            self._write_with_images(group, self.images)
        if self.job_id is not None and self.imported:
            products_mark_imported(
                supplier_id=self.supplier.id, product_ids=self.imported, job_id=self.job_id
            )
        self.imported = []

    def _has_images(self, group: _Group) -> bool:
        return self.images is not None and bool(group.product.images) and not self.dry_run

    def _write_with_images(self, group: _Group, archive: ImageArchive | None) -> None:
        """The product and its images in one savepoint: a bad image keeps the row out, with
        its error on the `images` column (the upsert returns its own errors, never raises)."""
        try:
            with transaction.atomic():
                [outcome] = product_upsert_many(
                    supplier=self.supplier,
                    items=[_product_data(group)],
                    created_by=self.created_by,
                )
                if outcome.product is not None and archive is not None:
                    _replace_images(outcome.product, group.product.images, archive)
        except (DomainError, ArchiveUnreadable) as error:
            self.summary.add_error(RowError(group.product.line, "images", error.message))
            return
        self._count(group, outcome)

    def _count(self, group: _Group, outcome: UpsertOutcome) -> None:
        if outcome.error is not None:
            for error_row in _row_errors(group, outcome.error):
                self.summary.add_error(error_row)
        else:
            if outcome.product_id is not None:
                self.imported.append(outcome.product_id)
            if outcome.created:
                self.summary.created += 1
            else:
                self.summary.updated += 1


def _row_errors(group: _Group, error: DomainError) -> list[RowError]:
    """A service's error as row errors: one per field it names (`details["errors"]`), on
    the variant's own line when it names one (`details["index"]` of `variants`)."""
    reasons = error.details.get("errors")
    if not isinstance(reasons, dict) or not reasons:
        reasons = {str(error.details.get("field", "")): error.message}
    errors = []
    for field_name, reason in reasons.items():
        line = group.product.line
        index = error.details.get("index")
        if field_name == "variants" and isinstance(index, int) and index < len(group.variants):
            line = group.variants[index].line
        column = _COLUMN_OF_FIELD.get(field_name, field_name) or "sku"
        errors.append(RowError(line, column, str(reason)))
    return errors


def _product_data(group: _Group) -> ProductData:
    row = group.product
    return ProductData(
        sku=row.sku,
        title=row.title,
        description=row.description,
        translations=row.translations,
        category_id=row.category_id,
        currency=row.currency,
        tiers=row.tiers,
        moq=row.moq,
        order_multiple=row.order_multiple,
        unit=row.unit,
        lead_time_days=row.lead_time_days,
        lead_time_steps=row.lead_time_steps,
        stock=row.stock,
        hs_code=row.hs_code,
        origin_country=row.origin_country,
        weight_kg=row.weight_kg,
        length_cm=row.length_cm,
        width_cm=row.width_cm,
        height_cm=row.height_cm,
        units_per_carton=row.units_per_carton,
        certifications=row.certifications,
        sample_available=row.sample_available,
        sample_price=row.sample_price,
        customization=row.customization,
        attributes=row.attributes,
        variants=tuple(
            VariantData(sku=variant.sku, options=variant.options, stock=variant.stock)
            for variant in group.variants
        ),
    )


def _replace_images(product: Product, names: tuple[str, ...], archive: ImageArchive) -> None:
    """The row's images replace the product's (re-importing the same row keeps one copy)."""
    for image in list(product.images.all()):
        image_delete(image=image)
    for name in names:
        image_ingest(product=product, data=archive.read(name), filename=name)
