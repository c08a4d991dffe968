"""Autosuggest: what a buyer is typing, completed from the words of this node's index,
the categories that hold visible products, and the best products."""

import uuid
from typing import Final

from tantivy import Index, Searcher

from tradebridge.catalog.selectors import category_search
from tradebridge.search import schema as f
from tradebridge.search.analysis import plain_words
from tradebridge.search.queries import count_matches, number_filter, text_query
from tradebridge.search.selectors import category_names, product_titles
from tradebridge.search.store import reader
from tradebridge.search.types import Suggestion

SUGGEST_PRODUCTS: Final = 3
SUGGEST_CATEGORIES: Final = 3


def suggest(text: str, *, language: str, limit: int = 8) -> list[Suggestion]:
    """Completions of what a buyer is typing: queries (the last word completed with words of
    the index that give results), matching categories with products, and the best products."""
    text = text.replace("\x00", " ")  # PostgreSQL's text (the category lookup) cannot hold NUL
    words = plain_words(text)
    if not words or limit < 1:
        return []
    index = reader().products
    searcher = index.searcher()
    found: list[Suggestion] = []
    found += _query_completions(index, searcher, words, limit=max(limit - 4, 2))
    found += _category_suggestions(index, searcher, text, language=language)
    found += _product_suggestions(index, searcher, text, language=language)
    return found[:limit]


def _query_completions(
    index: Index, searcher: Searcher, words: list[str], *, limit: int
) -> list[Suggestion]:
    head, last = words[:-1], words[-1]
    candidates = searcher.terms_with_prefix(f.WORDS, last, limit=200)
    candidates.sort(key=lambda item: (-item[1], item[0]))
    found: list[Suggestion] = []
    for term, _frequency in candidates:
        completed = " ".join([*head, term])
        query = text_query(index.schema, completed + " ")
        if query is not None and count_matches(searcher, query.query):
            found.append(Suggestion(text=completed, kind="query"))
        if len(found) >= limit:
            break
    return found


def _category_suggestions(
    index: Index, searcher: Searcher, text: str, *, language: str
) -> list[Suggestion]:
    """Categories whose path contains the text and that hold visible products."""
    names = category_names()
    found = []
    for category in category_search(query=text, limit=SUGGEST_CATEGORIES * 3):
        if count_matches(searcher, number_filter(index.schema, f.CATEGORY_IDS, category.id)):
            label = names.label(category.id, language=language)
            found.append(Suggestion(text=label, kind="category", category_id=category.id))
        if len(found) >= SUGGEST_CATEGORIES:
            break
    return found


def _product_suggestions(
    index: Index, searcher: Searcher, text: str, *, language: str
) -> list[Suggestion]:
    query = text_query(index.schema, text)
    if query is None:
        return []
    found = searcher.search(query.query, SUGGEST_PRODUCTS, weight_by_field=f.QUALITY)
    ids = [uuid.UUID(searcher.doc(address)[f.ID][0]) for _, address in found.hits]
    titles = product_titles(product_ids=ids, language=language)
    return [
        Suggestion(text=titles[product_id], kind="product", product_id=product_id)
        for product_id in ids
        if product_id in titles
    ]
