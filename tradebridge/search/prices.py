"""The prices a product search compares: the currencies products are priced in, the day's
reference rates, and the buyer's price bounds converted into each product currency (for a
price filter and for the price facet's buckets), each kept while what it depends on holds.
"""

import time
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Final

from django.utils import timezone
from tantivy import DocAddress, Index, Occur, Query, Searcher

from tradebridge.core.fx import RateTable, RateUnavailable, convert
from tradebridge.core.money import Money
from tradebridge.core.selectors import fx_rate_table_latest
from tradebridge.search import schema as f
from tradebridge.search.facets import Bounds, PriceEdges, price_buckets, price_edges
from tradebridge.search.queries import keyword_filter
from tradebridge.search.store import Reader

RATE_CACHE_SECONDS: Final = 60
BUCKET_CACHE_SIZE: Final = 200  # (buyer currency, product currencies, rate table) entries


def product_currencies(searcher: Searcher, current: Reader) -> set[str]:
    """The currencies products are priced in (a few): one aggregation over the whole index,
    kept while the index is unchanged."""
    key = _searcher_key(searcher, current)
    cached = _currency_cache.get(key)
    if cached is None:
        answer = searcher.aggregate(
            Query.all_query(), {"c": {"terms": {"field": f.CURRENCY, "size": 1000}}}
        )
        cached = frozenset(str(bucket["key"]) for bucket in answer["c"]["buckets"])
        _currency_cache.clear()
        _currency_cache[key] = cached
    return set(cached)


def _searcher_key(searcher: Searcher, current: Reader) -> tuple[object, ...]:
    """What changes with every commit the index follows: the reader's generation and stamp."""
    return (current.generation.name, current.stamp, searcher.num_docs)


_currency_cache: dict[tuple[object, ...], frozenset[str]] = {}
_rate_cache: dict[tuple[date, frozenset[str]], tuple[float, RateTable]] = {}


def price_caches_clear() -> None:
    """Forget the cached rates, currencies and bucket bounds."""
    _currency_cache.clear()
    _rate_cache.clear()
    _bucket_cache.clear()


def day_rates(currencies: Iterable[str]) -> RateTable:
    """The day's reference rates, read at most once a minute per process (ECB publishes once
    a day)."""
    key = (timezone.localdate(), frozenset(currencies))
    cached = _rate_cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < RATE_CACHE_SECONDS:
        return cached[1]
    table = fx_rate_table_latest(on=key[0], currencies=key[1])
    _rate_cache.clear()
    _rate_cache[key] = (time.monotonic(), table)
    return table


def buyer_bounds(
    low: Decimal | None,
    high: Decimal | None,
    currency: str,
    currencies: Iterable[str],
    rates: RateTable,
) -> Bounds:
    """The buyer's [low, high] in each product currency it converts to at the day's rate
    (its own always); products in a currency without a rate cannot be compared and are left
    out of a price filter."""
    found: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    for target in sorted(currencies):
        try:
            found[target] = (
                _convert(low, currency, target, rates),
                _convert(high, currency, target, rates),
            )
        except RateUnavailable:
            continue  # products in a currency without a rate cannot be compared
    return found


def _convert(amount: Decimal | None, source: str, target: str, rates: RateTable) -> Decimal | None:
    if amount is None:
        return None
    return convert(Money(amount, source), target, rates).result.amount


def bucket_bounds(
    currency: str, currencies: frozenset[str], rates: RateTable
) -> tuple[list[Bounds], PriceEdges]:
    """The price buckets' bounds in every product currency and their range edges, kept with
    the rates they used."""
    key = (currency, currencies, id(rates))
    cached = _bucket_cache.get(key)
    if cached is None:
        bounds = [
            buyer_bounds(
                Decimal(low),
                Decimal(high) if high is not None else None,
                currency,
                currencies,
                rates,
            )
            for low, high in price_buckets()
        ]
        cached = (bounds, price_edges(bounds))
        if len(_bucket_cache) > BUCKET_CACHE_SIZE:
            _bucket_cache.clear()
        _bucket_cache[key] = cached
    return cached


_bucket_cache: dict[tuple[str, frozenset[str], int], tuple[list[Bounds], PriceEdges]] = {}


def buyer_factor(currency: str, buyer_currency: str, rates: RateTable | None) -> float | None:
    """Buyer-currency units per unit of `currency`; None when a rate is missing."""
    if currency == buyer_currency:
        return 1.0
    if rates is None:
        return None
    try:
        source = rates.rate_for(currency, on=rates.as_of).rate
        target = rates.rate_for(buyer_currency, on=rates.as_of).rate
    except RateUnavailable:
        return None
    return float(target / source)


def price_passing(
    index: Index,
    searcher: Searcher,
    addresses: Sequence[DocAddress],
    bounds: Bounds,
    currencies: frozenset[str],
) -> dict[int, str]:
    """Those of `addresses` inside a price filter (`bounds`: the buyer's [low, high] in each
    currency; `currencies`: those present), as position -> product id, in order: the same
    comparisons as `queries.price_overlap`, on the price columns. A product whose prices
    fit the bounds of every currency present passes, one that fits none does not; for the
    others the currency, a column one cannot read per product, is asked of the index by id."""
    lows = searcher.fast_field_values(f.PRICE_MIN, list(addresses))
    highs = searcher.fast_field_values(f.PRICE_MAX, list(addresses))
    limits = {
        currency: (None if low is None else float(low), None if high is None else float(high))
        for currency, (low, high) in bounds.items()
    }
    fits: dict[int, list[str]] = {}
    for position, (price_min, price_max) in enumerate(zip(lows, highs, strict=True)):
        if price_min is None or price_max is None:
            continue
        inside = [
            currency
            for currency, (low, high) in limits.items()
            if (high is None or price_min <= high) and (low is None or price_max >= low)
        ]
        if inside:
            fits[position] = inside
    ids = {position: searcher.doc(addresses[position])[f.ID][0] for position in fits}
    everywhere = currencies <= bounds.keys()  # every currency present has bounds
    passing = {ids[p] for p, inside in fits.items() if everywhere and len(inside) == len(bounds)}
    unsure = {p: inside for p, inside in fits.items() if ids[p] not in passing}
    for currency in {currency for inside in unsure.values() for currency in inside}:
        listed = [ids[position] for position, inside in unsure.items() if currency in inside]
        any_of = [(Occur.Should, keyword_filter(index.schema, f.ID, id_)) for id_ in listed]
        in_currency = Query.boolean_query(
            [
                (Occur.Must, Query.boolean_query(any_of)),
                (Occur.Must, keyword_filter(index.schema, f.CURRENCY, currency)),
            ]
        )
        found = searcher.search(in_currency, len(listed), count=False)
        passing.update(searcher.doc(address)[f.ID][0] for _, address in found.hits)
    return {position: ids[position] for position in sorted(fits) if ids[position] in passing}
