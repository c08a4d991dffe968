"""Turning a search into tantivy queries: the words of the text, and one query per filter.

Words: every word must match (AND). A word matches when, in any served language, its stem is
in the title (boosted) or the body; or the word itself is in `words` (any language, SKUs); or,
for words of 5+ characters the index does not hold as such, a word one edit away is (typos);
the last word also matches as a prefix, unless the text ends with a space (autosuggest as
you type); a single letter typed after other words is ignored until it grows. Chinese,
Japanese and Korean text matches by character pairs: most of the query's pairs must be in the
document.

Filters are kept by name (ProductFacet values), so a facet can be counted with every filter
but its own, and a zero-result search can tell which filter, dropped alone, gives results.
"""

import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from tantivy import FieldType, Occur, Query, Schema, Searcher

from tradebridge.search import schema as f
from tradebridge.search.analysis import STEMMED_LANGUAGES, cjk_pairs, plain_words, stem

TITLE_BOOST: Final = 2.0
FUZZY_MIN_LENGTH: Final = 5
FUZZY_BOOST: Final = 0.5
PREFIX_BOOST: Final = 0.5
PREFIX_MIN_LENGTH: Final = 2
CJK_SHARE: Final = 0.7  # of a query's character pairs that a document must hold
MAX_WORDS: Final = 12  # longer texts are cut: more words only narrow the result
MAX_CJK_PAIRS: Final = 32


@dataclass(frozen=True, slots=True)
class TextQuery:
    query: Query
    words: tuple[str, ...]
    cjk: tuple[str, ...]


def text_query(
    schema: Schema,
    text: str,
    *,
    title_fields: bool = True,
    name_field: str = "",
    known: Callable[[str], bool] | None = None,
) -> TextQuery | None:
    """The query of `text`, or None when it has no searchable word. `title_fields`: boost the
    stemmed titles (products); `name_field`: boost an unstemmed name field (suppliers);
    `known`: whether the index holds a word as such; such words are not matched fuzzily
    (expanding a word to its neighbours is the costly part of a search, and a word that is
    in the catalog is rarely a typo)."""
    words = tuple(plain_words(text)[:MAX_WORDS])
    pairs = tuple(dict.fromkeys(cjk_pairs(text)))[:MAX_CJK_PAIRS]
    must: list[tuple[Occur, Query]] = []
    open_ended = not text.endswith((" ", "\t"))
    for position, word in enumerate(words):
        is_last = position == len(words) - 1
        if is_last and open_ended and len(word) < PREFIX_MIN_LENGTH and position:
            continue  # one letter typed of the next word: not a word yet
        clause = word_query(
            schema,
            word,
            prefix=is_last and open_ended,
            titles=title_fields,
            name_field=name_field,
            fuzzy=known is None or not known(word),
        )
        must.append((Occur.Must, clause))
    if pairs:
        must.append((Occur.Must, _cjk_query(schema, pairs)))
    if not must:
        return None
    return TextQuery(query=Query.boolean_query(must), words=words, cjk=pairs)


def word_query(
    schema: Schema,
    word: str,
    *,
    prefix: bool,
    titles: bool = True,
    name_field: str = "",
    fuzzy: bool = True,
) -> Query:
    """One word, in any language, with typo and prefix tolerance (see the module)."""
    should: list[tuple[Occur, Query]] = [(Occur.Should, _term(schema, f.WORDS, word))]
    if name_field:
        name = _term(schema, name_field, word)
        should.append((Occur.Should, Query.boost_query(name, TITLE_BOOST)))
    for language in STEMMED_LANGUAGES:
        for stemmed in dict.fromkeys(stem(word, language=language)):
            if titles:
                title = _term(schema, f.title_field(language), stemmed)
                should.append((Occur.Should, Query.boost_query(title, TITLE_BOOST)))
            should.append((Occur.Should, _term(schema, f.body_field(language), stemmed)))
    if fuzzy and len(word) >= FUZZY_MIN_LENGTH:
        near = Query.fuzzy_term_query(schema, f.WORDS, word, distance=1)
        should.append((Occur.Should, Query.boost_query(near, FUZZY_BOOST)))
    if prefix and len(word) >= PREFIX_MIN_LENGTH:
        starts = Query.fuzzy_term_query(schema, f.WORDS, word, distance=0, prefix=True)
        should.append((Occur.Should, Query.boost_query(starts, PREFIX_BOOST)))
    return Query.boolean_query(should)


def _cjk_query(schema: Schema, pairs: Sequence[str]) -> Query:
    should = [(Occur.Should, _term(schema, f.CJK, pair)) for pair in pairs]
    needed = max(1, math.ceil(len(pairs) * CJK_SHARE))
    return Query.boolean_query(should, minimum_number_should_match=needed)


def _term(schema: Schema, field_name: str, value: str | int) -> Query:
    """A text field's term, scored with its frequency."""
    return Query.term_query(schema, field_name, value, index_option="freq")


# --- filters ------------------------------------------------------------------------------


def keyword_filter(schema: Schema, field_name: str, value: str) -> Query:
    return Query.term_query(schema, field_name, value, index_option="basic")


def number_filter(schema: Schema, field_name: str, value: int) -> Query:
    return Query.term_query(schema, field_name, value)


def at_most(schema: Schema, field_name: str, value: int) -> Query:
    return Query.range_query(schema, field_name, FieldType.Unsigned, 0, max(value, 0))


def at_least(schema: Schema, field_name: str, value: int) -> Query:
    return Query.range_query(schema, field_name, FieldType.Unsigned, max(value, 0), None)


@dataclass(frozen=True, slots=True)
class Condition:
    """A filter as a tantivy query, and the same condition in tantivy's query language
    (`source`): a filter aggregation takes only the latter, and counting each facet under
    every filter but its own in one aggregation pass needs it."""

    query: Query
    source: str


@dataclass(frozen=True, slots=True)
class OneOf:
    """A filter that holds when any one of its branches holds (each branch: all its queries).
    `combined` distributes the other conditions into each branch, so every branch is driven
    by the text's postings instead of scanning the price columns of the whole index."""

    branches: tuple[tuple[Query, ...], ...]
    source: str = ""


type Filter = Query | Condition | OneOf


def keyword_condition(schema: Schema, field_name: str, value: str) -> Condition:
    return Condition(keyword_filter(schema, field_name, value), f"{field_name}:{_quoted(value)}")


def number_condition(schema: Schema, field_name: str, value: int) -> Condition:
    return Condition(number_filter(schema, field_name, value), f"{field_name}:{value}")


def at_most_condition(schema: Schema, field_name: str, value: int) -> Condition:
    return Condition(at_most(schema, field_name, value), f"{field_name}:[0 TO {max(value, 0)}]")


def at_least_condition(schema: Schema, field_name: str, value: int) -> Condition:
    return Condition(at_least(schema, field_name, value), f"{field_name}:[{max(value, 0)} TO *]")


def _quoted(value: str) -> str:
    """`value` as one term of a raw (untokenized) field in the query language."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def price_overlap(
    schema: Schema, bounds: Mapping[str, tuple[Decimal | None, Decimal | None]]
) -> OneOf:
    """Products whose price range [price_min, price_max] in their currency overlaps the
    buyer's [low, high] converted into that currency (`bounds` by currency); products in
    a currency without bounds (no rate) never match."""
    branches: list[tuple[Query, ...]] = []
    sources: list[str] = []
    for currency, (low, high) in bounds.items():
        parts = [keyword_filter(schema, f.CURRENCY, currency)]
        source = [f"{f.CURRENCY}:{_quoted(currency)}"]
        if high is not None:
            upper = float(high)
            parts.append(Query.range_query(schema, f.PRICE_MIN, FieldType.Float, None, upper))
            source.append(f"{f.PRICE_MIN}:[* TO {_float_text(upper)}]")
        if low is not None:
            lower = float(low)
            parts.append(Query.range_query(schema, f.PRICE_MAX, FieldType.Float, lower, None))
            source.append(f"{f.PRICE_MAX}:[{_float_text(lower)} TO *]")
        branches.append(tuple(parts))
        sources.append("(" + " AND ".join(source) + ")")
    return OneOf(tuple(branches), " OR ".join(sources) or NOTHING)


NOTHING: Final = f'{f.ID}:""'  # the query language's "no document": no id is empty


def _float_text(number: float) -> str:
    """`number` in the query language, exactly (repr round-trips); infinity (a huge Decimal
    bound) as the largest float, which no price reaches."""
    return repr(number if math.isfinite(number) else sys.float_info.max)


def combined(text: Query | None, filters: Mapping[str, Filter], *, without: str = "") -> Query:
    """`text` AND every filter except `without`; everything when both are empty. Filters
    never add to the score: the text alone ranks."""
    plain: list[Query] = [text] if text is not None else []
    one_of: OneOf | None = None
    for name, condition in filters.items():
        if name == without:
            continue
        if isinstance(condition, OneOf):
            one_of = condition
        elif isinstance(condition, Condition):
            plain.append(_unscored(condition.query))
        else:
            plain.append(_unscored(condition))
    if one_of is None:
        return _all(plain, scored=text is not None)
    if not one_of.branches:
        return Query.empty_query()
    branches = [
        _all([*plain, *(_unscored(q) for q in branch)], scored=text is not None)
        for branch in one_of.branches
    ]
    return Query.boolean_query([(Occur.Should, branch) for branch in branches])


def _unscored(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)


def _all(queries: list[Query], *, scored: bool) -> Query:
    if not queries:
        return Query.all_query()
    if not scored:  # filters alone: every match scores the same
        queries = [*queries, Query.all_query()]
    return Query.boolean_query([(Occur.Must, query) for query in queries])


def count_matches(searcher: Searcher, query: Query) -> int:
    """How many documents match `query` (exactly)."""
    result = searcher.search(query, 1, count=True)
    return int(result.count)  # type: ignore[attr-defined]  # the stub omits `count`
