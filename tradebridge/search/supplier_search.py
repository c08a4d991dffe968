"""Supplier search: active supplier companies by name, what they sell (the categories and
titles of their visible products, in every language), place, verification level and response
rate, over the suppliers index of this node's replica. Relevance as for products: the text
score times log2(2 + quality).
"""

import uuid

from tantivy import Query, Searcher

from tradebridge.search import schema as f
from tradebridge.search.documents import VERIFICATION_ORDER, verification_rank
from tradebridge.search.errors import MAX_NUMBER, InvalidSearch, paging_problems
from tradebridge.search.queries import at_least, combined, keyword_filter, number_filter, text_query
from tradebridge.search.store import reader
from tradebridge.search.types import (
    FacetValue,
    SupplierHit,
    SupplierQuery,
    SupplierResults,
)


def search_suppliers(query: SupplierQuery) -> SupplierResults:
    """Active suppliers matching `query`: name, what they sell (categories, main products),
    place, verification; relevance weighted by quality like products. Raises InvalidSearch."""
    _validate_suppliers(query)
    index = reader().suppliers
    searcher = index.searcher()
    schema = index.schema
    text = text_query(schema, query.text, title_fields=False, name_field=f.NAME)
    filters: dict[str, Query] = {}
    if query.category is not None:
        filters["category"] = number_filter(schema, f.CATEGORY_IDS, query.category)
    if query.country:
        filters["country"] = keyword_filter(schema, f.COUNTRY, query.country.strip().upper())
    if query.province:
        filters["province"] = keyword_filter(schema, f.PROVINCE, query.province.strip())
    if query.verified:
        filters["verified"] = at_least(schema, f.VERIFICATION, verification_rank(query.verified))
    if query.min_response_rate is not None:
        filters["response_rate"] = at_least(schema, f.RESPONSE_RATE, query.min_response_rate)
    whole = combined(text.query if text else None, filters)
    offset = (query.page - 1) * query.page_size
    found = searcher.search(whole, query.page_size, offset=offset, weight_by_field=f.QUALITY)
    count = int(found.count)  # type: ignore[attr-defined]  # the stub omits `count`
    hits = [
        SupplierHit(company_id=uuid.UUID(searcher.doc(address)[f.ID][0]), score=float(score))
        for score, address in found.hits
    ]
    return SupplierResults(count=count, hits=hits, facets=_supplier_facets(searcher, whole))


def _validate_suppliers(query: SupplierQuery) -> None:
    problems = paging_problems(query.page, query.page_size)
    if query.verified and query.verified not in VERIFICATION_ORDER:
        problems["verified"] = f"must be one of {', '.join(VERIFICATION_ORDER)}"
    if query.min_response_rate is not None and not 0 <= query.min_response_rate <= 100:
        problems["min_response_rate"] = "must be a percentage"
    if query.category is not None and not 1 <= query.category <= MAX_NUMBER:
        problems["category"] = "unknown category"
    if problems:
        raise InvalidSearch(**problems)


def _supplier_facets(searcher: Searcher, query: Query) -> dict[str, list[FacetValue]]:
    request = {
        "country": {"terms": {"field": f.COUNTRY, "size": 300}},
        "province": {"terms": {"field": f.PROVINCE, "size": 1000}},
    }
    answer = searcher.aggregate(query, request)
    return {
        name: [
            FacetValue(str(bucket["key"]), str(bucket["key"]), int(bucket["doc_count"]))
            for bucket in answer[name]["buckets"]
        ]
        for name in request
    }
