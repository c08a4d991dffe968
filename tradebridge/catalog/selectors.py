"""Reads of the catalog. Tenant scoping lives here: a supplier sees only its own products
(another supplier's product raises the same NotFound as a missing one), and the public sees
only published products of active suppliers (kind supplier or both), so a suspended product
or supplier, or a company that stopped being a supplier, is hidden everywhere at once.

The category tree (about 5,600 nodes) is cached per process as plain parent links and
rebuilt when the table changes (one cheap aggregate query checks that); product counts are
one GROUP BY over the products, rolled up to every ancestor in Python.
"""

import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Sum

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, ImportJob, PriceTier, Product, ProductChange
from tradebridge.catalog.pricing import PriceSchedule, Tier
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Company, Membership
from tradebridge.core.errors import NotFound

SUPPLIER_KINDS: Final = (CompanyKind.SUPPLIER, CompanyKind.BOTH)
MAIN_CATEGORY_DEPTH: Final = 1  # "Sporting Goods > Athletics": specific, yet not a leaf
_ANCESTOR_JOINS: Final = "parent__" * 6 + "parent"  # the taxonomy is at most 7 levels deep


# --- categories -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CategoryTree:
    """Parent and children links of every category, by id."""

    version: tuple[int, int, int]
    parents: dict[int, int | None]
    children: dict[int | None, tuple[int, ...]]

    def ancestors_and_self(self, category_id: int) -> list[int]:
        chain: list[int] = []
        current: int | None = category_id
        while current is not None and current in self.parents:
            chain.append(current)
            current = self.parents[current]
        return chain

    def descendants_and_self(self, category_id: int) -> list[int]:
        found, pending = [], [category_id]
        while pending:
            current = pending.pop()
            found.append(current)
            pending.extend(self.children.get(current, ()))
        return found


_tree_lock = threading.Lock()
_tree_cache: dict[str, CategoryTree] = {}


def category_tree() -> CategoryTree:
    """The whole tree as links, cached per process and per database; 1 query when fresh,
    2 when the table changed (categories only change through `load-categories`)."""
    stats = Category.objects.aggregate(count=Count("id"), last=Max("id"), links=Sum("parent_id"))
    version = (stats["count"], stats["last"] or 0, stats["links"] or 0)
    cached = _tree_cache.get(connection.alias)
    if cached is not None and cached.version == version:
        return cached
    parents: dict[int, int | None] = dict(Category.objects.values_list("id", "parent_id"))
    children: dict[int | None, list[int]] = defaultdict(list)
    for category_id, parent_id in parents.items():
        children[parent_id].append(category_id)
    tree = CategoryTree(
        version=version,
        parents=parents,
        children={key: tuple(sorted(ids)) for key, ids in children.items()},
    )
    with _tree_lock:
        _tree_cache[connection.alias] = tree
    return tree


def category_get(*, category_id: int) -> Category:
    """One category with its ancestors loaded (`category.parent.parent...`, no more queries).
    Raises NotFound."""
    category = Category.objects.select_related(_ANCESTOR_JOINS).filter(id=category_id).first()
    if category is None:
        raise NotFound(category_id=category_id)
    return category


def category_ancestors(*, category: Category) -> list[Category]:
    """From the top level down to the category's parent (use `category_get` first)."""
    chain: list[Category] = []
    node = category.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain[::-1]


def category_search(*, query: str, limit: int = 20) -> QuerySet[Category]:
    """Categories whose path contains `query` (case-insensitive), shallowest first."""
    return Category.objects.filter(path__icontains=query.strip()).order_by("depth", "path")[:limit]


def category_lookup() -> dict[str, int]:
    """For importers: category id by `str(id)` and by case-folded full path. 1 query."""
    lookup: dict[str, int] = {}
    for category_id, path in Category.objects.values_list("id", "path"):
        lookup[str(category_id)] = category_id
        lookup[path.casefold()] = category_id
    return lookup


def category_counts(*, supplier_id: uuid.UUID | None = None) -> dict[int, int]:
    """Public products per category, each counted in its category and every ancestor.

    Categories without products are absent. Two or three queries, whatever the tree size.
    """
    own = _own_counts(supplier_id=supplier_id)
    tree = category_tree()
    rolled: Counter[int] = Counter()
    for category_id, count in own.items():
        for ancestor in tree.ancestors_and_self(category_id):
            rolled[ancestor] += count
    return dict(rolled)


def category_tree_with_counts(
    *,
    parent_id: int | None = None,
    supplier_id: uuid.UUID | None = None,
    include_empty: bool = False,
) -> list[tuple[Category, int]]:
    """The children of `parent_id` (top-level categories when None) with their public
    product counts (subtrees included), by name; empty ones only with `include_empty`."""
    counts = category_counts(supplier_id=supplier_id)
    children = Category.objects.filter(parent_id=parent_id).order_by("name")
    return [
        (category, counts.get(category.id, 0))
        for category in children
        if include_empty or counts.get(category.id)
    ]


def _own_counts(*, supplier_id: uuid.UUID | None) -> dict[int, int]:
    """Public products per category, not rolled up.

    Counted without joining the companies: all published products from the (status,
    category) index alone, minus those of hidden companies (inactive, or not suppliers: few
    have published products, found by the supplier index). A join would read every product
    row, ten times slower on SQLite at 100,000 products."""
    published = Product.objects.filter(status=ProductStatus.PUBLISHED, category__isnull=False)
    if supplier_id is not None:
        if not _listed_companies().filter(id=supplier_id).exists():
            return {}
        return _per_category(published.filter(supplier_id=supplier_id))
    counts = _per_category(published)
    hidden_ids = list(_unlisted_companies_with_products())
    hidden = _per_category(published.filter(supplier_id__in=hidden_ids)) if hidden_ids else {}
    for category_id, count in hidden.items():
        counts[category_id] -= count
    return {category_id: count for category_id, count in counts.items() if count}


def _unlisted_companies_with_products() -> QuerySet[Company, uuid.UUID]:
    """Ids of the inactive or non-supplier companies that have products (few: a buyer has
    products only if it sold before), one index probe per such company."""
    has_products = Exists(Product.objects.filter(supplier_id=OuterRef("id")))
    unlisted = Company.objects.filter(~Q(is_active=True, kind__in=SUPPLIER_KINDS))
    return unlisted.filter(has_products).values_list("id", flat=True)


def _per_category(products: QuerySet[Product]) -> dict[int, int]:
    return dict(products.order_by().values_list("category_id").annotate(count=Count("*")))


# --- products ---------------------------------------------------------------------------


def _listed_companies() -> QuerySet[Company]:
    return Company.objects.filter(is_active=True, kind__in=SUPPLIER_KINDS)


def _public_products() -> QuerySet[Product]:
    """The rule of every public read: published, by an active company that is a supplier."""
    return Product.objects.filter(
        status=ProductStatus.PUBLISHED, supplier__is_active=True, supplier__kind__in=SUPPLIER_KINDS
    )


def _with_details(products: QuerySet[Product]) -> QuerySet[Product]:
    return products.select_related("supplier", "category").prefetch_related(
        Prefetch("tiers", queryset=PriceTier.objects.order_by("min_quantity"))
    )


def product_list_public(
    *,
    category_id: int | None = None,
    supplier_id: uuid.UUID | None = None,
    product_ids: Iterable[uuid.UUID] | None = None,
) -> QuerySet[Product]:
    """Published products of active suppliers (kind supplier or both), newest first, with
    supplier, category and tiers loaded. `category_id` includes its subcategories."""
    products = _public_products()
    if category_id is not None:
        products = products.filter(
            category_id__in=category_tree().descendants_and_self(category_id)
        )
    if supplier_id is not None:
        products = products.filter(supplier_id=supplier_id)
    if product_ids is not None:
        products = products.filter(id__in=list(product_ids))
    return _with_details(products).order_by("-published_at", "-id")


def product_get_public(*, product_id: uuid.UUID) -> Product:
    """A published product of an active supplier, with details. Raises NotFound otherwise."""
    product = _with_details(_public_products()).filter(id=product_id).first()
    if product is None:
        raise NotFound(product_id=str(product_id))
    return product


def product_list_for_supplier(*, actor: Membership, status: str | None = None) -> QuerySet[Product]:
    """Every product of the actor's company (any status), newest first; none for an
    inactive membership."""
    if not actor.is_active:
        return Product.objects.none()
    products = Product.objects.filter(supplier_id=actor.company_id)
    if status is not None:
        products = products.filter(status=status)
    return _with_details(products).order_by("-created_at", "-id")


def product_get_for_supplier(
    *, actor: Membership, product_id: uuid.UUID, for_update: bool = False
) -> Product:
    """The actor's company's product (any status). Raises NotFound for a missing product,
    another supplier's product, or an inactive membership. `for_update` locks the row
    (inside a transaction) and loads nothing else."""
    products = Product.objects.filter(id=product_id, supplier_id=actor.company_id)
    if not actor.is_active:
        products = products.none()
    if for_update:
        product = products.select_for_update().first()
    else:
        product = _with_details(products).prefetch_related("variants", "images").first()
    if product is None:
        raise NotFound(product_id=str(product_id))
    return product


def product_list_for_supplier_locked(
    *, actor: Membership, product_ids: Iterable[uuid.UUID]
) -> list[Product]:
    """The actor's company's products with these ids, locked (inside a transaction) in id
    order, with nothing else loaded. Raises NotFound (naming one id) when any is missing,
    another supplier's, or the membership is inactive."""
    wanted = set(product_ids)
    products = Product.objects.filter(id__in=wanted, supplier_id=actor.company_id)
    found = list(products.select_for_update().order_by("id")) if actor.is_active else []
    if len(found) != len(wanted):
        missing = wanted - {product.id for product in found}
        raise NotFound(product_id=str(min(missing)))
    return found


def product_price_schedule(*, product: Product) -> PriceSchedule:
    """The product's pricing as the pure `pricing` module takes it (uses prefetched tiers).

    Raises InvalidPriceTiers if stored tiers break the rules (services never store such)."""
    tiers = tuple(
        Tier(min_quantity=tier.min_quantity, unit_price=tier.unit_price)
        for tier in sorted(product.tiers.all(), key=lambda tier: tier.min_quantity)
    )
    return PriceSchedule(
        currency=product.currency,
        tiers=tiers,
        moq=product.moq,
        order_multiple=product.order_multiple,
    )


# --- storefronts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Storefront:
    supplier: Company
    main_categories: tuple[tuple[Category, int], ...]  # (category, public products), top 5
    product_count: int


def supplier_storefront(*, slug: str, main_categories: int = 5) -> Storefront:
    """The public face of an active supplier company. Raises NotFound for an unknown slug,
    a suspended (inactive) company, or a buyer-only company."""
    supplier = _listed_companies().filter(slug=slug).first()
    if supplier is None:
        raise NotFound(slug=slug)
    own = _own_counts(supplier_id=supplier.id)
    tree = category_tree()
    by_main: Counter[int] = Counter()
    for category_id, count in own.items():
        chain = tree.ancestors_and_self(category_id)[::-1]  # top level first
        by_main[chain[min(MAIN_CATEGORY_DEPTH, len(chain) - 1)]] += count
    top = by_main.most_common(main_categories)
    categories = Category.objects.in_bulk([category_id for category_id, _ in top])
    return Storefront(
        supplier=supplier,
        main_categories=tuple((categories[cid], count) for cid, count in top if cid in categories),
        product_count=_public_products().filter(supplier_id=supplier.id).count(),
    )


# --- import jobs ------------------------------------------------------------------------


def import_job_list_for_supplier(*, actor: Membership) -> QuerySet[ImportJob]:
    """The actor's company's import jobs, newest first."""
    if not actor.is_active:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(supplier_id=actor.company_id).order_by("-created_at", "-id")


def import_job_get_for_supplier(*, actor: Membership, job_id: uuid.UUID) -> ImportJob:
    """One of the actor's company's import jobs. Raises NotFound otherwise."""
    job = import_job_list_for_supplier(actor=actor).filter(id=job_id).first()
    if job is None:
        raise NotFound(job_id=str(job_id))
    return job


# --- the change feed ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProductChangeRow:
    """One feed entry: reload `product_id` (gone means deleted)."""

    id: int
    product_id: uuid.UUID
    supplier_id: uuid.UUID
    created_at: datetime


def product_changes_after(after_id: int, *, limit: int) -> list[ProductChangeRow]:
    """Up to `limit` feed rows with an id above `after_id`, in id order. Not scoped: the feed
    names products, public or not, for system consumers (the search index), never for users."""
    rows = (
        ProductChange.objects.filter(id__gt=after_id)
        .order_by("id")
        .values_list("id", "product_id", "supplier_id", "created_at")[:limit]
    )
    return [ProductChangeRow(*row) for row in rows]


def product_change_latest_id() -> int:
    """The newest feed row's id, 0 when the feed is empty (pruning never empties it)."""
    return ProductChange.objects.order_by("-id").values_list("id", flat=True).first() or 0


def product_change_oldest_id() -> int:
    """The oldest feed row's id, 0 when empty. A consumer whose position is below this minus
    one may have missed pruned rows, and must rebuild (ids can also skip on PostgreSQL after a
    rollback, so this errs on the side of rebuilding)."""
    return ProductChange.objects.order_by("id").values_list("id", flat=True).first() or 0
