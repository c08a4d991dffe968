"""Search analytics writes: log every search run and the results clicked.

Logging serves the insights work and must never break a search: `search_log_*` swallow any
failure (logged with its traceback) inside their own savepoint and return None. A click is
accepted only for a product the logged search showed, so its position is the server's, not
the client's, and a forged beacon can at most repeat what a real visitor could do.
"""

import logging
import unicodedata
import uuid
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Final

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.core.errors import NotFound
from tradebridge.search.enums import SearchKind, SearchSource
from tradebridge.search.models import SearchClick, SearchLog
from tradebridge.search.types import ProductQuery, SupplierQuery

logger = logging.getLogger(__name__)

MAX_TEXT: Final = 200
# What a query carries that is not a filter: logged in their own columns, or not at all.
_NOT_FILTERS: Final = frozenset({"text", "sort", "page", "page_size", "language", "currency"})


@dataclass(frozen=True, slots=True)
class SearchContext:
    """Who searched, as analytics may keep it: never a user, at most a company."""

    source: SearchSource
    language: str = ""
    currency: str = ""
    company_id: uuid.UUID | None = None
    market: str = ""  # ISO 3166 alpha-2 of the searching company's country, if known


def query_normalize(text: str) -> str:
    """The form queries are grouped by: Unicode NFKC, case-folded, single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())[:MAX_TEXT]


def iso_week(moment: datetime) -> str:
    """ "2026-W49": the ISO 8601 week of `moment` in UTC."""
    year, week, _day = moment.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


def query_filters(query: ProductQuery | SupplierQuery) -> dict[str, Any]:
    """The filters a query sets (non-default values), as JSON-ready values."""
    chosen: dict[str, Any] = {}
    for spec in fields(query):
        value = getattr(query, spec.name)
        if spec.name in _NOT_FILTERS or value is None or value == "":
            continue
        chosen[spec.name] = _json_value(value)
    return chosen


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, Enum):
        return value.value
    return value


def search_log_products(
    *, query: ProductQuery, count: int, shown: list[uuid.UUID], context: SearchContext
) -> uuid.UUID | None:
    """Log a product search; its id (for click beacons), or None if logging failed."""
    return _log(
        kind=SearchKind.PRODUCTS,
        query=query,
        sort=query.sort.value,
        currency=query.currency,
        count=count,
        shown=shown,
        context=context,
    )


def search_log_suppliers(
    *, query: SupplierQuery, count: int, shown: list[uuid.UUID], context: SearchContext
) -> uuid.UUID | None:
    """Log a supplier search; its id, or None if logging failed."""
    return _log(
        kind=SearchKind.SUPPLIERS,
        query=query,
        sort="",
        currency=context.currency,
        count=count,
        shown=shown,
        context=context,
    )


def _log(
    *,
    kind: SearchKind,
    query: ProductQuery | SupplierQuery,
    sort: str,
    currency: str,
    count: int,
    shown: list[uuid.UUID],
    context: SearchContext,
) -> uuid.UUID | None:
    now = timezone.now()
    try:
        with transaction.atomic():
            log = SearchLog.objects.create(
                created_at=now,
                kind=kind,
                source=context.source,
                text=query.text[:MAX_TEXT],
                normalized=query_normalize(query.text),
                filters=query_filters(query),
                sort=sort,
                page=query.page,
                page_size=query.page_size,
                result_ids=[str(product_id) for product_id in shown],
                result_count=max(count, 0),
                zero_results=count <= 0,
                language=context.language[:10],
                currency=currency[:3],
                company_id=context.company_id,
                market=context.market[:2],
                week=iso_week(now),
            )
    except Exception:  # analytics never breaks a search
        logger.exception("search log write failed (%s search)", kind)
        return None
    return log.id


def search_click_record(*, search_id: uuid.UUID, product_id: uuid.UUID) -> SearchClick:
    """Record that the product shown by a product search was opened; idempotent (a repeat
    returns the first click). Raises NotFound when the search is unknown, is not a product
    search, or did not show the product."""
    search = (
        SearchLog.objects.filter(id=search_id, kind=SearchKind.PRODUCTS)
        .only("page", "page_size", "result_ids")
        .first()
    )
    shown = search.result_ids if search is not None else []
    if search is None or str(product_id) not in shown:
        raise NotFound(search_id=str(search_id), product_id=str(product_id))
    position = (search.page - 1) * search.page_size + shown.index(str(product_id)) + 1
    try:
        with transaction.atomic():
            click, _created = SearchClick.objects.get_or_create(
                search=search, product_id=product_id, defaults={"position": position}
            )
    except IntegrityError:  # the same click, recorded concurrently
        click = SearchClick.objects.get(search=search, product_id=product_id)
    return click
