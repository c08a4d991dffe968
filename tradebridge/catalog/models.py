"""The catalog: categories (Google Product Taxonomy), products with price tiers, variants,
images, and catalog import jobs.

Products are written only through `catalog.services`, which keeps the denormalised
`min_unit_price`/`max_unit_price` in step with the tiers and validates every field.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.enums import ImportFormat, ImportStatus, ProductStatus, Unit
from tradebridge.companies.iso_codes import validate_country_code, validate_currency_code
from tradebridge.core.models import TimeStampedModel


class Category(models.Model):
    """One node of the Google Product Taxonomy; its id is Google's integer id.

    German and Spanish names stay blank until an openly licensed translation is shipped;
    pages fall back to the English `name`.
    """

    id = models.PositiveIntegerField(primary_key=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    name_de = models.CharField(_("German name"), max_length=200, blank=True)
    name_es = models.CharField(_("Spanish name"), max_length=200, blank=True)
    path = models.CharField(_("path"), max_length=600)
    depth = models.PositiveSmallIntegerField(_("depth"))

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ("path",)
        indexes = (models.Index(fields=("parent", "name"), name="catalog_category_parent"),)

    def __str__(self) -> str:
        return self.path


class Product(TimeStampedModel):
    """A product a supplier company sells, priced by quantity tiers in `currency`."""

    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="products"
    )
    sku = models.CharField(_("SKU"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # {lang: {"title": str, "description": str}} for languages other than the main one.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="products"
    )
    # [[name, value], ...] in the supplier's order.
    attributes = models.JSONField(_("attributes"), default=list, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.PIECE)
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency_code])
    moq = models.PositiveIntegerField(_("minimum order quantity"), default=1)
    order_multiple = models.PositiveIntegerField(_("order multiple"), default=1)
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), null=True, blank=True)
    # [[min_quantity, days], ...] ascending: orders of at least min_quantity take `days`.
    lead_time_steps = models.JSONField(_("lead time by quantity"), default=list, blank=True)
    stock = models.PositiveIntegerField(_("ready-to-ship stock"), null=True, blank=True)
    sample_available = models.BooleanField(_("samples available"), default=False)
    sample_price = models.DecimalField(
        _("sample price"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    customization = models.JSONField(_("customization options"), default=list, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    origin_country = models.CharField(
        _("country of origin"), max_length=2, blank=True, validators=[validate_country_code]
    )
    weight_kg = models.DecimalField(
        _("unit weight (kg)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    length_cm = models.DecimalField(
        _("length (cm)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    width_cm = models.DecimalField(
        _("width (cm)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    height_cm = models.DecimalField(
        _("height (cm)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    units_per_carton = models.PositiveIntegerField(_("units per carton"), null=True, blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    status_reason = models.TextField(_("status reason"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The import that last wrote this SKU (created, updated or left unchanged), so that the
    # supplier can publish everything from one import at once.
    import_job = models.ForeignKey(
        "catalog.ImportJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
        editable=False,
    )
    # Kept by the services from the tiers (null while a draft has no tiers).
    min_unit_price = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    max_unit_price = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ("-created_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("supplier", "sku"), name="catalog_product_sku_unique"),
            models.CheckConstraint(
                condition=Q(status__in=ProductStatus.values), name="catalog_product_status_valid"
            ),
            models.CheckConstraint(condition=Q(moq__gte=1), name="catalog_product_moq_positive"),
            models.CheckConstraint(
                condition=Q(order_multiple__gte=1), name="catalog_product_multiple_positive"
            ),
            models.CheckConstraint(
                condition=Q(sample_price__isnull=True) | Q(sample_price__gte=0),
                name="catalog_product_sample_price_not_negative",
            ),
        )
        indexes = (
            # Listing orders (newest first, id as the tie-break) are read straight off these.
            models.Index(
                fields=("supplier", "status", "-published_at", "-id"),
                name="catalog_product_supplier_new",
            ),
            models.Index(fields=("status", "category"), name="catalog_product_category"),
            models.Index(fields=("status", "-published_at", "-id"), name="catalog_product_newest"),
            models.Index(fields=("status", "min_unit_price"), name="catalog_product_price"),
        )

    def __str__(self) -> str:
        return f"{self.sku} {self.title}"

    @property
    def is_ready_to_ship(self) -> bool:
        return self.stock is not None and self.stock > 0


class PriceTier(models.Model):
    """From `min_quantity` units on, each unit costs `unit_price` (in the product's currency)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField(_("minimum quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ("product", "min_quantity")
        constraints = (
            models.UniqueConstraint(
                fields=("product", "min_quantity"), name="catalog_pricetier_unique_quantity"
            ),
            models.CheckConstraint(
                condition=Q(min_quantity__gte=1), name="catalog_pricetier_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gt=Decimal(0)), name="catalog_pricetier_price_positive"
            ),
        )

    def __str__(self) -> str:
        return f"{self.min_quantity}+ @ {self.unit_price}"


class ProductVariant(TimeStampedModel):
    """A purchasable variation of a product (size, colour...) with its own SKU and stock."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("SKU"), max_length=64)
    options = models.JSONField(_("options"), default=dict, blank=True)
    stock = models.PositiveIntegerField(_("ready-to-ship stock"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("product", "position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("product", "sku"), name="catalog_productvariant_sku_unique"
            ),
        )
        # The services look SKUs up across a supplier's variants on every write.
        indexes = (models.Index(fields=("sku",), name="catalog_variant_sku"),)

    def __str__(self) -> str:
        return self.sku


class ProductImage(TimeStampedModel):
    """A product picture, re-encoded on upload (JPEG/PNG/WebP only), with its thumbnail."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="catalog/images/")
    thumbnail = models.ImageField(upload_to="catalog/thumbnails/", blank=True)
    # Set by the upload service from the re-encoded image (no width_field: that would reopen
    # the file from storage whenever a row with a zero dimension is loaded).
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("alternative text"), max_length=300, blank=True)

    class Meta:
        ordering = ("product", "position", "created_at")

    def __str__(self) -> str:
        return self.image.name or ""


class ProductChange(models.Model):
    """One entry of the catalog's change feed: "reload product `product_id`".

    A row is written in the same transaction as every change of what a buyer could see of a
    product (its fields, tiers, variants, images, status, or its supplier's visibility and
    name), so a consumer that tails the feed by `id` never misses a committed change and
    never sees a rolled-back one. A row says nothing about what changed: the consumer reloads
    the product, and a product that is gone was deleted. Rows older than 7 days are pruned
    (`catalog.change_feed`; the newest row always stays, so the latest id never goes back): a
    consumer further behind rebuilds from scratch.

    No foreign keys: the product may be gone, and the feed must not slow deletes down.
    """

    id = models.BigAutoField(primary_key=True)  # the feed's order
    product_id = models.UUIDField()
    supplier_id = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"#{self.id} {self.product_id}"


class ImportJob(TimeStampedModel):
    """One run of a catalog file import for a supplier, with its progress and row errors."""

    supplier = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="catalog/imports/", blank=True)
    format = models.CharField(_("format"), max_length=8, choices=ImportFormat.choices)
    dry_run = models.BooleanField(_("dry run"), default=False)
    # Publish the imported products at the end (only offered to suppliers who publish at once).
    publish = models.BooleanField(_("publish when imported"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(null=True, blank=True)  # null: not counted yet
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    # [{"line": int, "column": str, "reason": str}, ...], the first MAX_IMPORT_ERRORS only.
    errors = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    MAX_ERRORS = 1000

    class Meta:
        ordering = ("-created_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="catalog_importjob_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=ImportFormat.values), name="catalog_importjob_format_valid"
            ),
        )
        indexes = (
            models.Index(fields=("supplier", "-created_at"), name="catalog_import_supplier"),
        )

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"
