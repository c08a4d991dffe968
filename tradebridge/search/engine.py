"""The search service: products, suppliers and autosuggest over this node's index replica.

It answers ids in rank order and exact facet counts (`search.types`); callers load what they
show from the database. Relevance is tantivy's BM25 text score times log2(2 + quality), with
quality in [0, 1] from the supplier's signals (documents.quality_score): an audited supplier's
product ranks up to 1.58 times higher than an unverified one's with the same text score.

When the words of a text match fewer than SEMANTIC_BELOW products and the index keeps
meaning vectors, the products that match the text by meaning (`hybrid.semantic_candidates`,
any language) match too: counts and facets cover both, and relevance merges the keyword and
the meaning rankings by reciprocal rank fusion (`hybrid.fuse`).

Raises ValidationFailed (bad page, page size, currency, price bounds, level) and
SearchUnavailable (no index built on this node).
"""

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Final

from tantivy import DocAddress, Index, Occur, Order, Query, Searcher

from tradebridge.core.fx import RateTable
from tradebridge.core.money import is_currency
from tradebridge.search import schema as f
from tradebridge.search.analysis import plain_words
from tradebridge.search.corrections import corrected_words
from tradebridge.search.documents import VERIFICATION_ORDER, verification_rank
from tradebridge.search.errors import MAX_NUMBER, InvalidSearch, paging_problems
from tradebridge.search.facets import (
    ALL_FILTERS,
    WITHOUT,
    Bounds,
    FacetContext,
    facet_values,
    facet_without_request,
    facets_answer,
    facets_request,
    price_filtered_answer,
    price_filtered_request,
)
from tradebridge.search.hybrid import fuse, semantic_candidates
from tradebridge.search.prices import (
    bucket_bounds,
    buyer_bounds,
    buyer_factor,
    day_rates,
    price_caches_clear,
    price_passing,
    product_currencies,
)
from tradebridge.search.queries import (
    Condition,
    OneOf,
    at_least_condition,
    at_most_condition,
    combined,
    count_matches,
    keyword_condition,
    keyword_filter,
    number_condition,
    price_overlap,
    text_query,
)
from tradebridge.search.selectors import (
    CategoryNames,
    category_names,
    category_names_forget,
)
from tradebridge.search.store import Reader, reader
from tradebridge.search.suggestions import suggest
from tradebridge.search.supplier_search import search_suppliers
from tradebridge.search.types import (
    FacetValue,
    ProductFacet,
    ProductHit,
    ProductQuery,
    ProductResults,
    ProductSort,
)
from tradebridge.search.vectors import VectorIndex

__all__ = [
    "InvalidSearch",
    "engine_caches_clear",
    "search_products",
    "search_suppliers",
    "suggest",
]

SEMANTIC_BELOW: Final = 24  # keyword matches under which the meaning is searched too
SEMANTIC_LIMIT: Final = 50  # nearest products considered by meaning
PRICE_CHECKED_FROM: Final = 5_000  # matches without a price filter from which a page checks it
PRICE_CHECKED_DEPTH: Final = 400  # most results a page checks against a price filter itself


# --- products -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    """A product search made ready: the text query, the active filters by facet name, and
    what the facets need."""

    text: Query | None  # what the text matches: its words, or its meaning (`semantic`)
    filters: dict[str, Condition | OneOf]
    context: FacetContext
    rates: RateTable | None
    keyword: Query | None = None  # the words alone
    semantic: tuple[tuple[uuid.UUID, float], ...] = ()  # matches by meaning, best first
    price_bounds: Bounds = field(default_factory=dict)  # a price filter's, by currency
    currencies: frozenset[str] = frozenset()  # those products are priced in


def search_products(query: ProductQuery) -> ProductResults:
    """One page of products matching `query`, with every facet counted exactly.

    A search with no result retries with corrected words (`corrected_text`) and lists the
    filters that, dropped alone, would give results (`relaxed_filters`).
    """
    _validate(query)
    current = reader()
    index = current.products
    searcher = index.searcher()
    plan = _plan(current, searcher, query)
    results, relaxed = _run(index, searcher, query, plan)
    if results.count or not (query.text.strip() or plan.filters):
        return results
    return _zero_result_help(index, searcher, query, results, relaxed)


def _run(
    index: Index, searcher: Searcher, query: ProductQuery, plan: _Plan
) -> tuple[ProductResults, list[str]]:
    """The results, and the filters that, dropped alone, would find products. The facets
    come first: under a price filter they tell in which currencies something passes it, and
    the page's search leaves out the others' branches (each walks the text's matches)."""
    counted = _facets(searcher, plan)
    filters: dict[str, Condition | OneOf] = dict(plan.filters)
    checked = _price_checked_page(index, searcher, query, plan, counted)
    if checked is not None:
        count, hits = checked
    else:
        if counted.priced_in is not None:
            bounds = {c: b for c, b in plan.price_bounds.items() if counted.priced_in.get(c)}
            filters[ProductFacet.PRICE] = price_overlap(index.schema, bounds)
        count, hits = _page(index, searcher, combined(plan.text, filters), query, plan)
    relaxed = [name for name in plan.filters if counted.without.get(name)]
    return ProductResults(count=count, hits=hits, facets=counted.facets), relaxed


def _zero_result_help(
    index: Index,
    searcher: Searcher,
    query: ProductQuery,
    empty: ProductResults,
    relaxed: list[str],
) -> ProductResults:
    words = plain_words(query.text)
    fixed = corrected_words(searcher, words) if words else words
    if fixed == words:
        return replace(empty, relaxed_filters=relaxed)
    corrected = " ".join(fixed)
    retry = replace(query, text=corrected)
    results, _ = _run(index, searcher, retry, _plan(reader(), searcher, retry))
    if not results.count:
        return replace(empty, relaxed_filters=relaxed, suggestions=[corrected])
    return replace(results, corrected_text=corrected, suggestions=[corrected])


def _validate(query: ProductQuery) -> None:
    problems = paging_problems(query.page, query.page_size)
    if not is_currency(query.currency):
        problems["currency"] = "unknown currency code"
    for name, amount in (("min_price", query.min_price), ("max_price", query.max_price)):
        if amount is not None and (not amount.is_finite() or amount < 0):
            problems[name] = "must be a positive amount"
    low, high = query.min_price, query.max_price
    if low is not None and high is not None and low.is_finite() and high.is_finite() and low > high:
        problems["max_price"] = "must not be below min_price"
    for name, number in (
        ("max_moq", query.max_moq),
        ("max_lead_time_days", query.max_lead_time_days),
    ):
        if number is not None and not 0 <= number <= MAX_NUMBER:
            problems[name] = f"must be between 0 and {MAX_NUMBER:,}"
    if query.category is not None and not 1 <= query.category <= MAX_NUMBER:
        problems["category"] = "unknown category"
    if query.verified and query.verified not in VERIFICATION_ORDER:
        problems["verified"] = f"must be one of {', '.join(VERIFICATION_ORDER)}"
    if problems:
        raise InvalidSearch(**problems)


def _plan(current: Reader, searcher: Searcher, query: ProductQuery) -> _Plan:
    index = current.products
    schema = index.schema
    text = text_query(schema, query.text, known=lambda word: searcher.doc_freq(f.WORDS, word) > 0)
    names = category_names()
    currencies = product_currencies(searcher, current)
    rates = day_rates(currencies | {query.currency})
    filters: dict[str, Condition | OneOf] = {}
    if query.category is not None:
        filters[ProductFacet.CATEGORY] = number_condition(schema, f.CATEGORY_IDS, query.category)
    bounds: Bounds = {}
    if query.min_price is not None or query.max_price is not None:
        bounds = buyer_bounds(query.min_price, query.max_price, query.currency, currencies, rates)
        filters[ProductFacet.PRICE] = price_overlap(schema, bounds)
    if query.max_moq is not None:
        filters[ProductFacet.MOQ] = at_most_condition(schema, f.MOQ, query.max_moq)
    if query.supplier_country:
        country = query.supplier_country.strip().upper()
        filters[ProductFacet.SUPPLIER_COUNTRY] = keyword_condition(schema, f.COUNTRY, country)
    if query.supplier_province:
        province = query.supplier_province.strip()
        filters[ProductFacet.SUPPLIER_PROVINCE] = keyword_condition(schema, f.PROVINCE, province)
    if query.verified:
        level = verification_rank(query.verified)
        filters[ProductFacet.VERIFICATION] = at_least_condition(schema, f.VERIFICATION, level)
    if query.certification:
        certification = query.certification.strip()
        filters[ProductFacet.CERTIFICATION] = keyword_condition(
            schema, f.CERTIFICATIONS, certification
        )
    _add_flag(filters, ProductFacet.READY_TO_SHIP, schema, f.READY_TO_SHIP, query.ready_to_ship)
    if query.max_lead_time_days is not None:
        filters[ProductFacet.LEAD_TIME] = at_most_condition(
            schema, f.LEAD_TIME, query.max_lead_time_days
        )
    _add_flag(filters, ProductFacet.SAMPLE_AVAILABLE, schema, f.SAMPLE, query.sample_available)
    context = _facet_context(query, names, currencies, rates)
    keyword = text.query if text else None
    semantic = _semantic(current.vectors, searcher, keyword, query.text)
    return _Plan(
        text=_either(index, keyword, semantic),
        filters=filters,
        context=context,
        rates=rates,
        keyword=keyword,
        semantic=tuple(semantic),
        price_bounds=bounds,
        currencies=frozenset(currencies),
    )


def _semantic(
    vectors: VectorIndex | None, searcher: Searcher, keyword: Query | None, text: str
) -> list[tuple[uuid.UUID, float]]:
    """Products that match the text by meaning, in any language, when its words alone match
    fewer than SEMANTIC_BELOW products (embedding a query costs far more than a keyword
    search). Decided on the text alone, never the filters, so facet counts stay true."""
    if keyword is None or vectors is None or not len(vectors):
        return []
    if count_matches(searcher, keyword) >= SEMANTIC_BELOW:
        return []
    return semantic_candidates(text, index=vectors, limit=SEMANTIC_LIMIT)


def _either(
    index: Index, keyword: Query | None, semantic: list[tuple[uuid.UUID, float]]
) -> Query | None:
    if not semantic or keyword is None:
        return keyword
    ids = [str(product_id) for product_id, _ in semantic]
    by_meaning = Query.term_set_query(index.schema, f.ID, ids)
    return Query.boolean_query([(Occur.Should, keyword), (Occur.Should, by_meaning)])


def _add_flag(
    filters: dict[str, Condition | OneOf],
    name: str,
    schema: Any,
    field_name: str,
    value: bool | None,
) -> None:
    if value is not None:
        filters[name] = number_condition(schema, field_name, int(value))


def engine_caches_clear() -> None:
    """Forget the cached rates, currencies and category names (tests that change them)."""
    price_caches_clear()
    category_names_forget()


def _facet_context(
    query: ProductQuery, names: CategoryNames, currencies: set[str], rates: RateTable
) -> FacetContext:
    buckets, edges = bucket_bounds(query.currency, frozenset(currencies), rates)
    selected = _selected(query)
    path = names.tree.ancestors_and_self(query.category)[::-1] if query.category else []
    return FacetContext(
        currency=query.currency,
        bucket_bounds=buckets,
        price_edges=edges,
        selected=selected,
        category_label=lambda c: names.label(c, language=query.language),
        category_depth=lambda c: len(names.tree.ancestors_and_self(c)) - 1,
        category_parent=lambda c: names.tree.parents.get(c),
        selected_path=path,
    )


def _selected(query: ProductQuery) -> dict[str, str]:
    def flag(value: bool | None) -> str:
        return "" if value is None else str(value).lower()

    low = "" if query.min_price is None else f"{query.min_price.normalize():f}"
    high = "" if query.max_price is None else f"{query.max_price.normalize():f}"
    return {
        ProductFacet.CATEGORY: str(query.category or ""),
        ProductFacet.PRICE: f"{low}-{high}" if low or high else "",
        ProductFacet.MOQ: str(query.max_moq or ""),
        ProductFacet.SUPPLIER_COUNTRY: query.supplier_country.upper(),
        ProductFacet.SUPPLIER_PROVINCE: query.supplier_province,
        ProductFacet.VERIFICATION: query.verified,
        ProductFacet.CERTIFICATION: query.certification,
        ProductFacet.READY_TO_SHIP: flag(query.ready_to_ship),
        ProductFacet.LEAD_TIME: str(query.max_lead_time_days or ""),
        ProductFacet.SAMPLE_AVAILABLE: flag(query.sample_available),
    }


@dataclass(frozen=True, slots=True)
class _FacetPass:
    facets: dict[str, list[FacetValue]]
    without: dict[str, int]  # by active filter: matches with that filter alone dropped
    priced_in: dict[str, int] | None = None  # under a price filter: matches by currency
    count: int | None = None  # under a price filter: matches of every filter, when counted


def _facets(searcher: Searcher, plan: _Plan) -> _FacetPass:
    """Every facet counted in one aggregation pass over the text's matches
    (`facets.facets_request`; under a price filter, `facets.price_filtered_request` with the
    price facet beside it)."""
    names = [facet.value for facet in ProductFacet]
    others = {name: c.source for name, c in plan.filters.items() if name != ProductFacet.PRICE}
    text = plan.text if plan.text is not None else Query.all_query()
    if ProductFacet.PRICE not in plan.filters:
        request = facets_request(others, plan.context, names)
        answer, without = facets_answer(searcher.aggregate(text, request))
        return _FacetPass(_values(answer, plan.context), without)
    counted = [name for name in names if name != ProductFacet.PRICE]
    inner = facets_request(others, plan.context, counted)
    request = price_filtered_request(plan.price_bounds, inner)
    request.update(facet_without_request(ProductFacet.PRICE, plan.context, [*others.values()]))
    raw = searcher.aggregate(text, request)
    cells, priced_in = price_filtered_answer(raw, plan.price_bounds)
    count = int(cells.get(ALL_FILTERS, {}).get("doc_count", 0)) if ALL_FILTERS in inner else None
    answer, without = facets_answer(cells)
    own = WITHOUT + ProductFacet.PRICE
    price_answer, price_without = facets_answer({own: raw[own]})
    answer.update(price_answer)
    without.update(price_without)
    return _FacetPass(_values(answer, plan.context), without, priced_in, count)


def _values(answer: dict[str, Any], context: FacetContext) -> dict[str, list[FacetValue]]:
    return {facet.value: facet_values(facet.value, answer, context) for facet in ProductFacet}


def _page(
    index: Index, searcher: Searcher, query: Query, search: ProductQuery, plan: _Plan
) -> tuple[int, list[ProductHit]]:
    """The exact count and the page's hits, in one pass except for the price sorts."""
    offset = (search.page - 1) * search.page_size
    limit = search.page_size
    if search.sort in (ProductSort.PRICE_ASC, ProductSort.PRICE_DESC):
        count = count_matches(searcher, query)
        if offset >= count:
            return count, []
        return count, _by_price(index, searcher, query, search, plan, count)
    if search.sort == ProductSort.RELEVANCE and plan.semantic:
        return _fused(searcher, query, search, plan)
    if search.sort == ProductSort.MOQ_ASC:
        found = searcher.search(query, limit, offset=offset, order_by_field=f.MOQ, order=Order.Asc)
    elif search.sort == ProductSort.NEWEST:
        found = searcher.search(query, limit, offset=offset, order_by_field=f.PUBLISHED)
    else:
        found = searcher.search(query, limit, offset=offset, weight_by_field=f.QUALITY)
    return int(found.count), _hits(searcher, found.hits)  # type: ignore[attr-defined]  # see _count


def _price_checked_page(
    index: Index, searcher: Searcher, search: ProductQuery, plan: _Plan, counted: _FacetPass
) -> tuple[int, list[ProductHit]] | None:
    """Under a price filter that most of the other filters' matches pass, the page without
    the filter in the query: the best matches of the text and the other filters, those
    outside the price filter left out here (`prices.price_passing`), as many as the page needs;
    the count is the facet pass's. The filter in the query walks the text's matches once per
    currency and scans two price columns in each walk: at 1,000,000 products a broad search
    took 9.5 ms that way, 2.3 ms without it. None when the other filters' matches are too
    few to be worth it (fewer than PRICE_CHECKED_FROM), the price filter selective, the
    page deep, or the sort by price or with matches by meaning (then the filter goes in the
    query)."""
    count, unpriced = counted.count, counted.without.get(ProductFacet.PRICE)
    if count is None or unpriced is None or not plan.price_bounds:
        return None
    if unpriced < PRICE_CHECKED_FROM:
        return None
    if search.sort in (ProductSort.PRICE_ASC, ProductSort.PRICE_DESC):
        return None
    if search.sort == ProductSort.RELEVANCE and plan.semantic:
        return None
    offset = (search.page - 1) * search.page_size
    wanted = offset + search.page_size
    if offset >= count:
        return count, []
    # the share of matches inside the filter, with a margin: the best may be pricier
    depth = math.ceil(wanted * unpriced / count * 1.5) + search.page_size
    others = {name: c for name, c in plan.filters.items() if name != ProductFacet.PRICE}
    query = combined(plan.text, others)
    while depth <= PRICE_CHECKED_DEPTH:
        if search.sort == ProductSort.MOQ_ASC:
            found = searcher.search(
                query, depth, count=False, order_by_field=f.MOQ, order=Order.Asc
            )
        elif search.sort == ProductSort.NEWEST:
            found = searcher.search(query, depth, count=False, order_by_field=f.PUBLISHED)
        else:
            found = searcher.search(query, depth, count=False, weight_by_field=f.QUALITY)
        hits = list(found.hits)
        inside = price_passing(
            index, searcher, [address for _, address in hits], plan.price_bounds, plan.currencies
        )
        passing = [
            ProductHit(product_id=uuid.UUID(product_id), score=float(hits[position][0]))
            for position, product_id in inside.items()
        ]
        if len(passing) >= wanted or len(hits) < depth:
            return count, passing[offset:wanted]
        depth *= 4
    return None


def _fused(
    searcher: Searcher, query: Query, search: ProductQuery, plan: _Plan
) -> tuple[int, list[ProductHit]]:
    """Relevance with matches by meaning: the keyword ranking (text score x quality) and the
    semantic one (similarity), each restricted to the filters, merged by reciprocal rank
    fusion (`hybrid.fuse`); the score of a hit is its fused score."""
    offset = (search.page - 1) * search.page_size
    depth = offset + search.page_size
    count = count_matches(searcher, query)
    keyword: list[tuple[uuid.UUID, float]] = []
    if plan.keyword is not None:
        found = searcher.search(
            combined(plan.keyword, plan.filters), depth, weight_by_field=f.QUALITY
        )
        keyword = [(hit.product_id, hit.score) for hit in _hits(searcher, found.hits)]
    allowed = _ids_among(searcher, [product_id for product_id, _ in plan.semantic], plan)
    semantic = [(product_id, score) for product_id, score in plan.semantic if product_id in allowed]
    page = fuse(keyword, semantic)[offset:depth]
    return count, [ProductHit(product_id=product_id, score=score) for product_id, score in page]


def _ids_among(searcher: Searcher, ids: list[uuid.UUID], plan: _Plan) -> set[uuid.UUID]:
    """Those of `ids` that pass every filter."""
    if not ids:
        return set()
    schema = reader().products.schema
    listed = Query.term_set_query(schema, f.ID, [str(product_id) for product_id in ids])
    found = searcher.search(combined(listed, plan.filters), len(ids))
    return {hit.product_id for hit in _hits(searcher, found.hits)}


def _hits(searcher: Searcher, hits: Iterable[tuple[Any, DocAddress]]) -> list[ProductHit]:
    return [
        ProductHit(product_id=uuid.UUID(searcher.doc(address)[f.ID][0]), score=float(score))
        for score, address in hits
    ]


def _by_price(
    index: Index,
    searcher: Searcher,
    query: Query,
    search: ProductQuery,
    plan: _Plan,
    count: int,
) -> list[ProductHit]:
    """Sorted by the lowest unit price converted into the buyer's currency at today's rate:
    the first `offset + page_size` of each currency, merged. Products in a currency without
    a rate come last, sorted by their own price."""
    offset = (search.page - 1) * search.page_size
    wanted = offset + search.page_size
    order = Order.Desc if search.sort == ProductSort.PRICE_DESC else Order.Asc
    sign = -1.0 if order == Order.Desc else 1.0
    schema = index.schema
    ranked: list[tuple[float, int, DocAddress]] = []
    rated: list[Query] = []
    for currency in sorted(product_currencies(searcher, reader())):
        factor = buyer_factor(currency, search.currency, plan.rates)
        if factor is None:
            continue
        in_currency = keyword_filter(schema, f.CURRENCY, currency)
        rated.append(in_currency)
        found = searcher.search(
            Query.boolean_query([(Occur.Must, query), (Occur.Must, in_currency)]),
            wanted,
            order_by_field=f.PRICE_MIN,
            order=order,
        )
        for position, (price, address) in enumerate(found.hits):
            converted = float(price) * factor if price is not None else math.inf
            ranked.append((sign * converted, position, address))
    ranked.sort(key=lambda item: (item[0], item[1]))
    page = [(0.0, address) for _, _, address in ranked[offset:wanted]]
    rated_count = (
        count_matches(
            searcher, Query.boolean_query([(Occur.Must, query), (Occur.Must, _any_of(rated))])
        )
        if rated
        else 0
    )
    if len(page) < search.page_size and rated_count < count:
        start = max(offset - rated_count, 0)
        rest = Query.boolean_query(
            [(Occur.Must, query), *((Occur.MustNot, currency) for currency in rated)]
        )
        limit = search.page_size - len(page)
        found = searcher.search(rest, limit, offset=start, order_by_field=f.PRICE_MIN, order=order)
        page += found.hits
    return _hits(searcher, page)


def _any_of(queries: list[Query]) -> Query:
    return Query.boolean_query([(Occur.Should, query) for query in queries])
