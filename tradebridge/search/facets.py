"""Facet counts: tantivy aggregation requests and how their answers become FacetValues.

Every count is exact and means "the results if you pick this value": a facet is counted over
the search with every filter except its own (so its other values stay visible), and a value's
count is what the search returns with that value as the filter. Hence the "at most" facets
(MOQ, lead time) and "at least" (verification) are cumulative, and the price buckets count
every product whose price range overlaps the bucket (a product may count in two buckets).

Price buckets are in the buyer's currency. A product matches [a, b] when price_min <= b and
price_max >= a in its own currency, with a and b converted at the day's rate, so the count of
a bucket is #(price_min <= b) - #(price_max < a), each a cumulative count from one range
aggregation per currency.

All of a search's facets are counted in one aggregation pass over the matches of its text
alone (`facets_request`): each filter but the price as a filter aggregation (a bitset of
its matches, read per match), and a price filter as cells of currency x price_min range x
price_max range whose answers are added up (`price_filtered_request`), since a price filter
in the query walks the text's matches once per currency.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from tradebridge.search import schema as f
from tradebridge.search.types import FacetValue, ProductFacet

CATEGORY_AGG_SIZE: Final = 20_000  # more than the taxonomy's ~5,600 nodes: counts stay exact
KEYWORD_AGG_SIZE: Final = 1_000
PRICE_EDGES: Final = (1, 5, 10, 50, 100, 500, 1000, 5000)
MOQ_STEPS: Final = (1, 10, 50, 100, 500, 1000, 5000)
LEAD_TIME_STEPS: Final = (3, 7, 15, 30, 60)
VERIFICATION_LEVELS: Final = ("email_verified", "business_verified", "audited")

ALL_FILTERS: Final = "_all_filters"  # aggregation keys: facet names never start with "_"
WITHOUT: Final = "_without_"
EVERYTHING: Final = "*"  # the query language's "every document" (no bitset to build)
PRICE_CELLS: Final = "_price_cells"
EMPTY: Final[Mapping[str, Any]] = {"buckets": []}  # what a facet with no match answers

type Bounds = Mapping[str, tuple[Decimal | None, Decimal | None]]


@dataclass(frozen=True, slots=True)
class PriceEdges:
    """The range edges that count the price buckets, in every currency: `uppers` for
    #(price_min <= b) (just above each b), `lowers` for #(price_max < a); `*_at` give an
    edge's position."""

    uppers: tuple[float, ...]
    lowers: tuple[float, ...]
    upper_at: Mapping[float, int]
    lower_at: Mapping[float, int]


@dataclass(frozen=True, slots=True)
class FacetContext:
    """What labels and buckets need: the selected values, the buyer's currency and the price
    bounds of each bucket in every currency present (and their edges), category names and
    depths."""

    currency: str
    bucket_bounds: Sequence[Bounds]  # per price bucket: (low, high) by product currency
    price_edges: PriceEdges
    selected: Mapping[str, str]
    category_label: Callable[[int], str]
    category_depth: Callable[[int], int]
    category_parent: Callable[[int], int | None]
    selected_path: Sequence[int]  # the selected category and its ancestors, top first


def price_buckets() -> list[tuple[int, int | None]]:
    lows = (0, *PRICE_EDGES)
    highs: tuple[int | None, ...] = (*PRICE_EDGES, None)
    return list(zip(lows, highs, strict=True))


def price_bucket_value(low: int, high: int | None) -> str:
    return f"{low}-{high}" if high is not None else f"{low}-"


# --- requests -----------------------------------------------------------------------------


def aggregations(name: str, context: FacetContext) -> dict[str, Any]:
    """The aggregation request that counts facet `name` (keyed by the facet name)."""
    if name == ProductFacet.CATEGORY:
        return {
            _level_key(depth): _terms(f.category_level_field(depth), CATEGORY_AGG_SIZE)
            for depth in _category_levels(context)
        }
    if name == ProductFacet.PRICE:
        return {name: _price_request(context)}
    if name == ProductFacet.MOQ:
        return {name: _steps(f.MOQ, MOQ_STEPS)}
    if name == ProductFacet.LEAD_TIME:
        return {name: _steps(f.LEAD_TIME, LEAD_TIME_STEPS)}
    field_name = {
        ProductFacet.SUPPLIER_COUNTRY: f.COUNTRY,
        ProductFacet.SUPPLIER_PROVINCE: f.PROVINCE,
        ProductFacet.VERIFICATION: f.VERIFICATION,
        ProductFacet.CERTIFICATION: f.CERTIFICATIONS,
        ProductFacet.READY_TO_SHIP: f.READY_TO_SHIP,
        ProductFacet.SAMPLE_AVAILABLE: f.SAMPLE,
    }[ProductFacet(name)]
    return {name: _terms(field_name, KEYWORD_AGG_SIZE)}


def facets_request(
    filters: Mapping[str, str], context: FacetContext, facets: Sequence[str]
) -> dict[str, Any]:
    """One aggregation request that counts `facets` over the matches of the query it runs
    with: those without a filter of their own inside a filter aggregation of every filter
    in `filters`, and each filtered one inside one of every filter but its own, whose
    document count is then what dropping that filter alone would find. `filters`:
    query-language sources by facet name. One pass over the matches instead of one per
    filter.

    A filter aggregation first collects its filter's matches over the whole index (a
    bitset): cheap for terms, not for the price ranges, which scan two columns per currency;
    a price filter goes through `price_filtered_request` instead."""
    unfiltered: dict[str, Any] = {}
    for name in facets:
        if name not in filters:
            unfiltered.update(aggregations(name, context))
    request: dict[str, Any] = {}
    if unfiltered:
        request[ALL_FILTERS] = {"filter": _all_of(list(filters.values())), "aggs": unfiltered}
    for name in filters:
        others = [source for other, source in filters.items() if other != name]
        request.update(facet_without_request(name, context, others))
    return request


def facet_without_request(
    name: str, context: FacetContext, others: Sequence[str] = ()
) -> dict[str, Any]:
    """The request that counts facet `name` over the matches that also pass `others`."""
    return {WITHOUT + name: {"filter": _all_of(others), "aggs": aggregations(name, context)}}


def _all_of(sources: Sequence[str]) -> str:
    return " AND ".join(f"({source})" for source in sources) if sources else EVERYTHING


def facets_answer(answer: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """The answer to `facets_request` (or `facet_without_request`) by aggregation name, the
    filter nesting undone; and by filtered facet, how many matches pass every filter but
    its own."""
    flat: dict[str, Any] = {}
    without: dict[str, int] = {}
    for key, value in answer.items():
        if key == ALL_FILTERS or key.startswith(WITHOUT):
            flat.update((name, part) for name, part in value.items() if name != "doc_count")
            if key.startswith(WITHOUT):
                without[key.removeprefix(WITHOUT)] = int(value["doc_count"])
        else:
            flat[key] = value
    return flat, without


def price_filtered_request(bounds: Bounds, inner: dict[str, Any]) -> dict[str, Any]:
    """`inner` counted over the matches that pass a price filter (`bounds`: the buyer's
    [low, high] in each product currency), in a pass over matches that need not: cells of
    currency x price_min range x price_max range, split at every currency's bounds, each
    holding `inner`; `price_filtered_answer` adds up the cells inside the filter. (The
    filter in the query makes tantivy walk the text's matches once per currency; in a
    filter aggregation it scans both price columns of the whole index.)"""
    uppers = sorted({edge for _, edge in _price_limits(bounds).values() if edge is not None})
    lowers = sorted({edge for edge, _ in _price_limits(bounds).values() if edge is not None})
    by_max = {**_contiguous(f.PRICE_MAX, lowers), "aggs": inner}
    by_min = {**_contiguous(f.PRICE_MIN, uppers), "aggs": {"max": by_max}}
    return {PRICE_CELLS: {**_terms(f.CURRENCY, KEYWORD_AGG_SIZE), "aggs": {"min": by_min}}}


def price_filtered_answer(
    answer: Mapping[str, Any], bounds: Bounds
) -> tuple[dict[str, Any], dict[str, int]]:
    """The sum of the cells of `price_filtered_request` inside the price filter: one
    answer to its `inner`, as if the filter had been in the query; and by currency, how
    many matches pass the filter (before `inner`'s own filters)."""
    limits = _price_limits(bounds)
    total: dict[str, Any] = {}
    passing: dict[str, int] = {}
    for by_currency in answer.get(PRICE_CELLS, EMPTY)["buckets"]:
        currency = str(by_currency["key"])
        if currency not in limits:
            continue  # no rate: a price filter leaves its products out
        lower, upper = limits[currency]
        for by_min in by_currency["min"]["buckets"]:
            if upper is not None and by_min.get("to", math.inf) > upper:
                continue
            for cell in by_min["max"]["buckets"]:
                if lower is not None and cell.get("from", -math.inf) < lower:
                    continue
                if cell["doc_count"]:
                    _add(total, cell)
                    passing[currency] = passing.get(currency, 0) + int(cell["doc_count"])
    return total, passing


def _price_limits(bounds: Bounds) -> dict[str, tuple[float | None, float | None]]:
    """By currency: the lowest price_max a product may have (None: any), and the edge that
    price_min must stay below (just above the buyer's high bound; None: any). A currency
    whose low bound is beyond every float is left out: nothing reaches it."""
    limits: dict[str, tuple[float | None, float | None]] = {}
    for currency, (low, high) in bounds.items():
        lower = float(low) if low is not None and low > 0 else None
        upper = float(high) if high is not None else None
        if lower is not None and not math.isfinite(lower):
            continue
        edge = math.nextafter(upper, math.inf) if upper is not None else None
        limits[currency] = (lower, edge if edge is not None and math.isfinite(edge) else None)
    return limits


def _add(total: dict[str, Any], part: Mapping[str, Any]) -> None:
    """Add one aggregation answer into `total`: counts summed, buckets matched by key."""
    for name, value in part.items():
        if name == "buckets":
            _add_buckets(total.setdefault("buckets", []), value)
        elif isinstance(value, Mapping):
            _add(total.setdefault(name, {}), value)
        elif name in ("doc_count", "sum_other_doc_count"):
            total[name] = total.get(name, 0) + value
        else:
            total.setdefault(name, value)  # a bucket's key, from, to


def _add_buckets(total: list[dict[str, Any]], buckets: Sequence[Mapping[str, Any]]) -> None:
    at = {bucket["key"]: bucket for bucket in total}
    for bucket in buckets:
        found = at.get(bucket["key"])
        if found is None:
            found = at[bucket["key"]] = {}
            total.append(found)
        _add(found, bucket)


def _category_levels(context: FacetContext) -> range:
    """The top level, and the level below each category of the selected path."""
    return range(min(len(context.selected_path) + 1, f.MAX_CATEGORY_DEPTH))


def _level_key(depth: int) -> str:
    return f"{ProductFacet.CATEGORY}@{depth}"


def _terms(field_name: str, size: int) -> dict[str, Any]:
    return {"terms": {"field": field_name, "size": size, "segment_size": size}}


def _contiguous(field_name: str, edges: Sequence[float]) -> dict[str, Any]:
    """Adjacent ranges split at `edges` (tantivy refuses overlapping ones): (-inf, e1),
    [e1, e2), ..., [en, inf); cumulative counts are sums of the first buckets."""
    ranges: list[dict[str, float]] = []
    previous: float | None = None
    for edge in edges:
        ranges.append({"to": edge} if previous is None else {"from": previous, "to": edge})
        previous = edge
    ranges.append({"from": previous} if previous is not None else {})
    return {"range": {"field": field_name, "ranges": ranges}}


def _steps(field_name: str, steps: Sequence[int]) -> dict[str, Any]:
    return _contiguous(field_name, [step + 1 for step in steps])  # "to" is exclusive


def price_edges(bucket_bounds: Sequence[Bounds]) -> PriceEdges:
    """Edges for #(price_min <= b) (just above b) and #(price_max < a), all currencies."""
    uppers, lowers = set(), set()
    for bounds in bucket_bounds:
        for low, high in bounds.values():
            if high is not None:
                uppers.add(math.nextafter(float(high), math.inf))
            if low is not None and low > 0:
                lowers.add(float(low))
    ordered_uppers, ordered_lowers = tuple(sorted(uppers)), tuple(sorted(lowers))
    return PriceEdges(
        uppers=ordered_uppers,
        lowers=ordered_lowers,
        upper_at={edge: position for position, edge in enumerate(ordered_uppers)},
        lower_at={edge: position for position, edge in enumerate(ordered_lowers)},
    )


def _price_request(context: FacetContext) -> dict[str, Any]:
    uppers, lowers = context.price_edges.uppers, context.price_edges.lowers
    return {
        "terms": {"field": f.CURRENCY, "size": KEYWORD_AGG_SIZE, "segment_size": KEYWORD_AGG_SIZE},
        "aggs": {"low": _contiguous(f.PRICE_MIN, uppers), "high": _contiguous(f.PRICE_MAX, lowers)},
    }


# --- answers ------------------------------------------------------------------------------


def facet_values(name: str, answer: Mapping[str, Any], context: FacetContext) -> list[FacetValue]:
    """FacetValues of facet `name` from its aggregation answer, zero counts left out."""
    if name == ProductFacet.CATEGORY:
        levels = _category_levels(context)
        buckets = [b for d in levels for b in answer.get(_level_key(d), EMPTY)["buckets"]]
        return _category_values(buckets, context)
    result = answer.get(name, EMPTY)
    selected = context.selected.get(name, "")
    if name == ProductFacet.PRICE:
        return _price_values(result, context, selected)
    if name in (ProductFacet.MOQ, ProductFacet.LEAD_TIME):
        steps = MOQ_STEPS if name == ProductFacet.MOQ else LEAD_TIME_STEPS
        return _step_values(result, steps, selected)
    counts = _term_counts(result)
    if name == ProductFacet.VERIFICATION:
        return _verification_values(counts, selected)
    if name in (ProductFacet.READY_TO_SHIP, ProductFacet.SAMPLE_AVAILABLE):
        count = counts.get("1", 0)
        return [FacetValue("true", "true", count, selected == "true")] if count else []
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [FacetValue(value, value, count, value == selected) for value, count in ordered]


def _term_counts(result: Mapping[str, Any]) -> dict[str, int]:
    return {_key(bucket["key"]): int(bucket["doc_count"]) for bucket in result["buckets"]}


def _key(key: object) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


def _cumulative(result: Mapping[str, Any], edges: int) -> list[int]:
    """Counts below each of the `edges` edges of a `_contiguous` answer, then the total (all
    zero when the index is empty: tantivy then answers no bucket at all)."""
    running, found = 0, []
    for bucket in result["buckets"]:
        running += int(bucket["doc_count"])
        found.append(running)
    return found or [0] * (edges + 1)


def _step_values(
    result: Mapping[str, Any], steps: Sequence[int], selected: str
) -> list[FacetValue]:
    below = _cumulative(result, len(steps))
    values = []
    for position, step in enumerate(steps):
        if below[position]:
            value = str(step)
            values.append(FacetValue(value, value, below[position], value == selected))
    return values


def _verification_values(counts: Mapping[str, int], selected: str) -> list[FacetValue]:
    values = []
    for rank, level in enumerate(VERIFICATION_LEVELS, start=1):
        count = sum(n for key, n in counts.items() if int(key) >= rank)
        if count:
            values.append(FacetValue(level, level, count, level == selected))
    return values


def _price_values(
    result: Mapping[str, Any], context: FacetContext, selected: str
) -> list[FacetValue]:
    edges = context.price_edges
    uppers, lowers, upper_at, lower_at = edges.uppers, edges.lowers, edges.upper_at, edges.lower_at
    cumulative = {
        bucket["key"]: (
            _cumulative(bucket["low"], len(uppers)),
            _cumulative(bucket["high"], len(lowers)),
        )
        for bucket in result["buckets"]
    }
    values = []
    for (low, high), bounds in zip(price_buckets(), context.bucket_bounds, strict=True):
        count = 0
        for currency, (low_c, high_c) in bounds.items():
            if currency not in cumulative:
                continue
            at_most_high, below_low = cumulative[currency]
            if high_c is None:
                count += at_most_high[-1]
            else:
                count += at_most_high[upper_at[math.nextafter(float(high_c), math.inf)]]
            if low_c is not None and low_c > 0:
                count -= below_low[lower_at[float(low_c)]]
        value = price_bucket_value(low, high)
        label = f"{low}-{high} {context.currency}" if high else f"{low}+ {context.currency}"
        if count:
            values.append(FacetValue(value, label, count, value == selected))
    return values


def _category_values(
    buckets: Sequence[Mapping[str, Any]], context: FacetContext
) -> list[FacetValue]:
    """Top-level categories, and below the selected one's ancestors their children: a tree
    narrowed to the selected path, each node with its subtree's count."""
    path = set(context.selected_path)
    by_parent: dict[int | None, list[tuple[int, int]]] = {}
    for bucket in buckets:
        category_id = int(bucket["key"])
        parent = context.category_parent(category_id)
        if parent is None or parent in path:
            by_parent.setdefault(parent, []).append((category_id, int(bucket["doc_count"])))
    chosen = context.selected_path[-1] if context.selected_path else None
    values: list[FacetValue] = []

    def add_children(parent: int | None) -> None:
        for category_id, count in sorted(by_parent.get(parent, []), key=lambda c: (-c[1], c[0])):
            values.append(
                FacetValue(
                    value=str(category_id),
                    label=context.category_label(category_id),
                    count=count,
                    selected=category_id == chosen,
                    depth=context.category_depth(category_id),
                )
            )
            if category_id in path:
                add_children(category_id)

    add_children(None)
    return values
