"""Reports over the search log: what buyers look for, by market and ISO week.

Who may read what: the platform-wide aggregates (top queries, zero-result queries, with any
market and week) are for operators only; a company reads its own searches; suppliers read
zero-result queries only when several different buyer companies ran them, so no single
buyer's searches can be told from the aggregate.
"""

from dataclasses import dataclass
from typing import Final

from django.db.models import Count, Max, QuerySet

from tradebridge.accounts.models import User
from tradebridge.catalog.selectors import SUPPLIER_KINDS
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import ensure_operator
from tradebridge.core.errors import NotFound, PermissionDenied
from tradebridge.search.enums import SearchKind
from tradebridge.search.models import SearchLog

# A zero-result query reaches suppliers only once this many buyer companies have searched it.
MIN_COMPANIES_FOR_SUPPLIERS: Final = 3


@dataclass(frozen=True, slots=True)
class QueryCount:
    """A normalised query, how often it was searched, and how many results it last had."""

    query: str
    searches: int
    companies: int  # distinct searching companies (anonymous visitors not counted)
    last_result_count: int


def _logs(*, week: str, market: str | None, kind: SearchKind) -> QuerySet[SearchLog]:
    logs = SearchLog.objects.filter(week=week, kind=kind).exclude(normalized="")
    if market is not None:
        logs = logs.filter(market=market.upper())
    return logs


def _counted(logs: QuerySet[SearchLog], *, limit: int) -> list[QueryCount]:
    rows = (
        logs.order_by()
        .values("normalized")
        .annotate(
            searches=Count("id"),
            companies=Count("company_id", distinct=True),
            last=Max("created_at"),
        )
        .order_by("-searches", "normalized")[:limit]
    )
    last_counts = _last_result_counts(logs, [row["normalized"] for row in rows])
    return [
        QueryCount(
            query=row["normalized"],
            searches=row["searches"],
            companies=row["companies"],
            last_result_count=last_counts.get(row["normalized"], 0),
        )
        for row in rows
    ]


def _last_result_counts(logs: QuerySet[SearchLog], queries: list[str]) -> dict[str, int]:
    latest: dict[str, int] = {}
    ordered = logs.filter(normalized__in=queries).order_by("normalized", "-created_at")
    for normalized, count in ordered.values_list("normalized", "result_count"):
        latest.setdefault(normalized, count)
    return latest


def search_top_queries(
    *,
    operator: User,
    week: str,
    market: str | None = None,
    kind: SearchKind = SearchKind.PRODUCTS,
    limit: int = 50,
) -> list[QueryCount]:
    """The most searched queries of an ISO week ("2026-W49"), in one market (ISO 3166
    alpha-2; "" = unknown market) or all (None). Raises PermissionDenied for non-operators."""
    ensure_operator(operator)
    return _counted(_logs(week=week, market=market, kind=kind), limit=limit)


def search_zero_result_queries(
    *,
    operator: User,
    week: str,
    market: str | None = None,
    kind: SearchKind = SearchKind.PRODUCTS,
    limit: int = 50,
) -> list[QueryCount]:
    """The most searched queries of a week that found nothing. Operators only
    (PermissionDenied)."""
    ensure_operator(operator)
    logs = _logs(week=week, market=market, kind=kind).filter(zero_results=True)
    return _counted(logs, limit=limit)


def search_zero_result_queries_for_supplier(
    *, actor: Membership, week: str, market: str | None = None, limit: int = 50
) -> list[QueryCount]:
    """Product queries of a week that found nothing and that at least
    MIN_COMPANIES_FOR_SUPPLIERS buyer companies ran: demand a supplier could meet. Raises
    NotFound for an inactive membership (as for anything of a company one cannot act for),
    PermissionDenied for a buyer-only company."""
    if not actor.is_active or not actor.company.is_active:
        raise NotFound()
    if actor.company.kind not in SUPPLIER_KINDS:
        raise PermissionDenied()
    logs = _logs(week=week, market=market, kind=SearchKind.PRODUCTS).filter(zero_results=True)
    counted = _counted(logs.exclude(company_id=actor.company_id), limit=10 * limit)
    return [row for row in counted if row.companies >= MIN_COMPANIES_FOR_SUPPLIERS][:limit]


def search_log_list_for_company(*, actor: Membership, limit: int = 100) -> QuerySet[SearchLog]:
    """The searches run by the actor's company, newest first; none for an inactive
    membership."""
    if not actor.is_active:
        return SearchLog.objects.none()
    return SearchLog.objects.filter(company_id=actor.company_id).order_by("-created_at")[:limit]
