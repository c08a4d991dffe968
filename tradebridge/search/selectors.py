"""Reads that feed the index: visible products and active suppliers as index documents.

Visible means what the public sees (`catalog.selectors`): a published product of an active
supplier. Everything is read in id-ordered batches with a fixed number of queries per batch
(products with supplier and category, stocked variants, tiers are not needed: the product
keeps its min/max unit price), so a full rebuild runs in bounded memory.
"""

import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, Product, ProductVariant
from tradebridge.catalog.selectors import SUPPLIER_KINDS, CategoryTree, category_tree
from tradebridge.companies.models import Company
from tradebridge.messaging.selectors import supplier_response_stats
from tradebridge.search.documents import (
    MAIN_LANGUAGE,
    ProductDocument,
    SupplierDocument,
    quality_score,
    verification_rank,
)
from tradebridge.search.embeddings import product_passages

MAIN_PRODUCTS_PER_SUPPLIER: Final = 20  # titles that describe what a supplier sells
_PRODUCT_FIELDS: Final = (
    "id",
    "supplier_id",
    "sku",
    "title",
    "description",
    "translations",
    "category_id",
    "attributes",
    "currency",
    "moq",
    "lead_time_days",
    "lead_time_steps",
    "stock",
    "sample_available",
    "certifications",
    "published_at",
    "min_unit_price",
    "max_unit_price",
    "supplier__display_name",
    "supplier__legal_name",
    "supplier__country",
    "supplier__province",
    "supplier__verification_level",
)


@dataclass(frozen=True, slots=True)
class CategoryNames:
    """Every category's name by language ("en", "de", "es"; others fall back to English)."""

    tree: CategoryTree
    names: Mapping[int, Mapping[str, str]]

    def label(self, category_id: int, *, language: str) -> str:
        names = self.names.get(category_id, {})
        return names.get(language) or names.get(MAIN_LANGUAGE, str(category_id))

    def path(self, category_id: int | None) -> str:
        """The English path, top first: "Sporting Goods > Athletics > Soccer"."""
        if category_id is None:
            return ""
        chain = self.tree.ancestors_and_self(category_id)[::-1]
        return " > ".join(self.label(node, language=MAIN_LANGUAGE) for node in chain)

    def path_text(self, category_id: int | None, *, language: str) -> str:
        if category_id is None:
            return ""
        return " ".join(
            self.label(ancestor, language=language)
            for ancestor in self.tree.ancestors_and_self(category_id)
        )


_names_cache: dict[str, tuple[float, CategoryNames]] = {}
NAMES_CHECK_SECONDS: Final = 60  # categories change only through `load-categories`


def category_names(*, max_age: float = NAMES_CHECK_SECONDS) -> CategoryNames:
    """The names of every category, cached per process: the tree's version is checked (one
    query) at most every `max_age` seconds, the names reloaded when it changed."""
    now = time.monotonic()
    cached = _names_cache.get("names")
    if cached is not None and now - cached[0] < max_age:
        return cached[1]
    tree = category_tree()
    if cached is not None and cached[1].tree.version == tree.version:
        _names_cache["names"] = (now, cached[1])
        return cached[1]
    names: dict[int, dict[str, str]] = {}
    for category_id, name, name_de, name_es in Category.objects.values_list(
        "id", "name", "name_de", "name_es"
    ):
        names[category_id] = {"en": name, "de": name_de, "es": name_es}
    found = CategoryNames(tree=tree, names=names)
    _names_cache["names"] = (now, found)
    return found


def category_names_forget() -> None:
    _names_cache.clear()


def _visible_products() -> Any:
    return Product.objects.filter(
        status=ProductStatus.PUBLISHED, supplier__is_active=True, supplier__kind__in=SUPPLIER_KINDS
    )


def product_documents(*, product_ids: Iterable[uuid.UUID]) -> list[ProductDocument]:
    """Documents of the visible products among `product_ids` (others are simply absent). 2 queries
    (3 when the category tree changed)."""
    rows = list(_visible_products().filter(id__in=list(product_ids)).values(*_PRODUCT_FIELDS))
    return _documents(rows)


def product_document_batches(
    *, batch_size: int, after: uuid.UUID | None = None
) -> Iterator[list[ProductDocument]]:
    """Every visible product's document (with an id above `after`, if given), in id-ordered
    batches of `batch_size`."""
    last = after
    while True:
        products = _visible_products().order_by("id")
        if last is not None:
            products = products.filter(id__gt=last)
        rows = list(products.values(*_PRODUCT_FIELDS)[:batch_size])
        if not rows:
            return
        yield _documents(rows)
        last = rows[-1]["id"]


def visible_product_count() -> int:
    return int(_visible_products().count())


def _documents(rows: list[dict[str, Any]]) -> list[ProductDocument]:
    if not rows:
        return []
    names = category_names()
    stocked = set(
        ProductVariant.objects.filter(product_id__in=[row["id"] for row in rows], stock__gt=0)
        .values_list("product_id", flat=True)
        .distinct()
    )
    return [_document(row, names, row["id"] in stocked) for row in rows]


def _document(row: dict[str, Any], names: CategoryNames, variant_stocked: bool) -> ProductDocument:
    translations: dict[str, dict[str, str]] = row["translations"] or {}
    titles = {MAIN_LANGUAGE: row["title"]}
    bodies = {MAIN_LANGUAGE: row["description"]}
    for language, texts in translations.items():
        titles[language] = texts.get("title", "")
        bodies[language] = texts.get("description", "")
    attributes = " ".join(str(value) for _, value in row["attributes"] or ())  # not names
    common = " ".join(
        (attributes, row["sku"], row["supplier__display_name"], row["supplier__legal_name"])
    )
    category_id: int | None = row["category_id"]
    extra = {
        language: f"{names.path_text(category_id, language=language)} {common}"
        for language in ("en", "de", "es")
    }
    steps = [int(days) for _, days in row["lead_time_steps"] or ()]
    lead_times = [*steps, *([row["lead_time_days"]] if row["lead_time_days"] is not None else [])]
    level: str = row["supplier__verification_level"]
    published = row["published_at"]
    low, high = row["min_unit_price"], row["max_unit_price"]
    return ProductDocument(
        product_id=str(row["id"]),
        supplier_id=str(row["supplier_id"]),
        titles=titles,
        bodies=bodies,
        extra_text=extra,
        category_ids=names.tree.ancestors_and_self(category_id) if category_id else [],
        currency=row["currency"],
        price_min=float(low) if low is not None else None,
        price_max=float(high) if high is not None else None,
        moq=row["moq"],
        country=row["supplier__country"],
        province=row["supplier__province"],
        verification=verification_rank(level),
        certifications=[str(name) for name in row["certifications"] or ()],
        ready_to_ship=bool(row["stock"]) or variant_stocked,
        lead_time_days=min(lead_times) if lead_times else None,
        sample_available=row["sample_available"],
        published=int(published.timestamp()) if published is not None else 0,
        quality=quality_score(verification_level=level),
        passages=product_passages(
            title=row["title"],
            category_path=names.path(category_id),
            language_titles={k: v for k, v in titles.items() if k != MAIN_LANGUAGE and v},
        ),
    )


# --- suppliers ----------------------------------------------------------------------------


def _listed_suppliers() -> Any:
    return Company.objects.filter(is_active=True, kind__in=SUPPLIER_KINDS)


def supplier_documents(*, company_ids: Iterable[uuid.UUID]) -> list[SupplierDocument]:
    """Documents of the active suppliers among `company_ids`. 4 queries."""
    companies = list(_listed_suppliers().filter(id__in=list(company_ids)))
    return _supplier_documents(companies)


def supplier_document_batches(*, batch_size: int) -> Iterator[list[SupplierDocument]]:
    last: uuid.UUID | None = None
    while True:
        companies = _listed_suppliers().order_by("id")
        if last is not None:
            companies = companies.filter(id__gt=last)
        batch = list(companies[:batch_size])
        if not batch:
            return
        yield _supplier_documents(batch)
        last = batch[-1].id


def _supplier_documents(companies: list[Company]) -> list[SupplierDocument]:
    if not companies:
        return []
    names = category_names()
    ids = [company.id for company in companies]
    categories: dict[uuid.UUID, set[int]] = defaultdict(set)
    for supplier_id, category_id in (
        _visible_products()
        .filter(supplier_id__in=ids, category__isnull=False)
        .values_list("supplier_id", "category_id")
        .distinct()
    ):
        categories[supplier_id].add(category_id)
    titles = _main_titles(ids)
    rates = {
        supplier_id: stats.response_rate
        for supplier_id, stats in supplier_response_stats(supplier_ids=ids).items()
    }
    return [
        _supplier_document(company, categories, titles, names, rates.get(company.id))
        for company in companies
    ]


def _main_titles(supplier_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, list[str]]]:
    """Titles of each supplier's newest visible products, by language. One query per supplier
    would not scale; this reads the newest products of all of them and keeps the first few."""
    found: dict[uuid.UUID, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[uuid.UUID, int] = defaultdict(int)
    for supplier_id, title, translations in (
        _visible_products()
        .filter(supplier_id__in=supplier_ids)
        .order_by("supplier_id", "-published_at", "-id")
        .values_list("supplier_id", "title", "translations")
        .iterator(chunk_size=2000)
    ):
        if counts[supplier_id] >= MAIN_PRODUCTS_PER_SUPPLIER:
            continue
        counts[supplier_id] += 1
        found[supplier_id][MAIN_LANGUAGE].append(title)
        for language, texts in (translations or {}).items():
            found[supplier_id][language].append(texts.get("title", ""))
    return found


def _supplier_document(
    company: Company,
    categories: Mapping[uuid.UUID, set[int]],
    titles: Mapping[uuid.UUID, Mapping[str, list[str]]],
    names: CategoryNames,
    response_rate: int | None,
) -> SupplierDocument:
    own = categories.get(company.id, set())
    with_ancestors = sorted({a for c in own for a in names.tree.ancestors_and_self(c)})
    texts: dict[str, list[str]] = defaultdict(list)
    texts[MAIN_LANGUAGE].append(company.description)
    for language, found in titles.get(company.id, {}).items():
        texts[language].extend(found)
    for language in ("en", "de", "es"):
        texts[language].extend(names.label(c, language=language) for c in own)
    return SupplierDocument(
        company_id=str(company.id),
        names=[company.display_name, company.legal_name],
        texts={language: " ".join(found) for language, found in texts.items()},
        category_ids=with_ancestors,
        country=company.country,
        province=company.province,
        verification=verification_rank(company.verification_level),
        quality=quality_score(verification_level=company.verification_level),
        other_text=(company.city, company.province),
        response_rate=response_rate,
    )


def product_titles(*, product_ids: list[uuid.UUID], language: str) -> dict[uuid.UUID, str]:
    """Titles of the visible products among `product_ids` in `language` (else the main one)."""
    titles: dict[uuid.UUID, str] = {}
    for product_id, title, translations in (
        _visible_products().filter(id__in=product_ids).values_list("id", "title", "translations")
    ):
        translated = (translations or {}).get(language, {}).get("title", "")
        titles[product_id] = translated or title
    return titles
