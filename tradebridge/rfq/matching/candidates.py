"""Who may be matched to an RFQ and what matching knows about each: reads only.

A candidate is an active company that is a supplier (or both) with published products,
never the RFQ's buyer; for an RFQ open to invited suppliers only, just the invited ones
(invited suppliers stay candidates even without published products, to get their reasons).
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID

from django.db.models import Q, QuerySet

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.selectors import SUPPLIER_KINDS
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.messaging.selectors import supplier_response_stats
from tradebridge.rfq.matching.ranking import MatchCriteria, SupplierFeatures, certification_key
from tradebridge.rfq.matching.similarity import GroupKey, supplier_similarities
from tradebridge.rfq.models import RFQ

VERIFICATION_RANK: Final = {
    VerificationLevel.UNVERIFIED: 0,
    VerificationLevel.EMAIL_VERIFIED: 1,
    VerificationLevel.BUSINESS_VERIFIED: 2,
    VerificationLevel.AUDITED: 3,
}
TEXT_CHARS: Final = 1000


@dataclass(frozen=True, slots=True)
class Candidates:
    """An RFQ's criteria and its candidates' features; `judged_by` names, per supplier, the
    similarity provider that judged its text ("vectors", "lexical")."""

    criteria: MatchCriteria
    features: tuple[SupplierFeatures, ...]
    judged_by: dict[UUID, str]


def rfq_text(rfq: RFQ) -> str:
    """The text matched against catalogs: the title, the product's title, the description
    and the specifications' values, cut at TEXT_CHARS."""
    parts = [rfq.title]
    if rfq.product is not None:
        parts.append(rfq.product.title)
    parts.append(rfq.description)
    parts.extend(str(value) for value in (rfq.specs or {}).values())
    return " ".join(" ".join(part.split()) for part in parts if part)[:TEXT_CHARS]


def rfq_candidates(*, rfq: RFQ, invited_ids: Collection[UUID], only_invited: bool) -> Candidates:
    """The candidates of `rfq` with their features (a handful of queries, whatever the count)."""
    suppliers = Company.objects.filter(is_active=True, kind__in=SUPPLIER_KINDS).exclude(
        id=rfq.buyer_id
    )
    if only_invited:
        suppliers = suppliers.filter(id__in=list(invited_ids))
    levels = dict(suppliers.values_list("id", "verification_level"))
    ids = suppliers.values("id")
    groups = _product_groups(ids)
    category = rfq.category or (rfq.product.category if rfq.product else None)
    in_category = _count_in_subtree(groups, category)
    similarity, judged_by = supplier_similarities(text=rfq_text(rfq), groups=groups)
    held = _certifications_held(ids)
    stats = supplier_response_stats(supplier_ids=levels)
    wanted = {supplier_id for supplier_id, _category in groups} | set(invited_ids)
    features = tuple(
        SupplierFeatures(
            supplier_id=supplier_id,
            products_in_category=in_category.get(supplier_id, 0),
            similarity=similarity.get(supplier_id),
            certifications=held.get(supplier_id, frozenset()),
            verification_rank=VERIFICATION_RANK.get(VerificationLevel(level), 0),
            response_rate=_rate(stats.get(supplier_id)),
            median_response_seconds=_median(stats.get(supplier_id)),
            invited=supplier_id in invited_ids,
        )
        for supplier_id, level in sorted(levels.items())
        if supplier_id in wanted
    )
    criteria = MatchCriteria(
        category_name=category.name if category else "",
        certifications=frozenset(certification_key(c) for c in rfq.certifications or () if c),
    )
    return Candidates(criteria=criteria, features=features, judged_by=judged_by)


def _product_groups(supplier_ids: QuerySet[Company, Any]) -> dict[GroupKey, list[UUID]]:
    """The published product ids of each (supplier, category), newest first."""
    groups: dict[GroupKey, list[UUID]] = defaultdict(list)
    rows = (
        Product.objects.filter(status=ProductStatus.PUBLISHED, supplier_id__in=supplier_ids)
        .order_by("-published_at", "-id")
        .values_list("supplier_id", "category_id", "id")
    )
    for supplier_id, category_id, product_id in rows.iterator(chunk_size=5000):
        groups[supplier_id, category_id].append(product_id)
    return dict(groups)


def _count_in_subtree(
    groups: dict[GroupKey, list[UUID]], category: Category | None
) -> dict[UUID, int]:
    if category is None:
        return {}
    subtree = set(
        Category.objects.filter(
            Q(id=category.id) | Q(path__startswith=f"{category.path} > ")
        ).values_list("id", flat=True)
    )
    counts: dict[UUID, int] = defaultdict(int)
    for (supplier_id, category_id), ids in groups.items():
        if category_id in subtree:
            counts[supplier_id] += len(ids)
    return dict(counts)


def _certifications_held(
    supplier_ids: QuerySet[Company, Any],
) -> dict[UUID, frozenset[str]]:
    held: dict[UUID, set[str]] = defaultdict(set)
    rows = (
        Product.objects.filter(status=ProductStatus.PUBLISHED, supplier_id__in=supplier_ids)
        .exclude(certifications=[])
        .values_list("supplier_id", "certifications")
    )
    for supplier_id, certifications in rows.iterator(chunk_size=5000):
        if isinstance(certifications, list):
            held[supplier_id].update(certification_key(str(c)) for c in certifications if c)
    return {supplier_id: frozenset(names) for supplier_id, names in held.items()}


def _rate(stats: object) -> float | None:
    rate = getattr(stats, "response_rate", None)
    return None if rate is None else float(rate)


def _median(stats: object) -> int | None:
    seconds = getattr(stats, "median_first_response_seconds", None)
    return None if seconds is None else int(seconds)
