"""Typo correction for searches that found nothing: each word unknown to the index is replaced
by the most frequent indexed word within two edits (one for words under five characters) that
starts with the same two letters (the same letter for words under five characters): a typo in
the first letters is rare, and the candidates read from the term dictionary stay few. Pure
apart from reading the index's term dictionary."""

from collections.abc import Sequence
from typing import Final

from tantivy import Searcher

from tradebridge.search.schema import WORDS

CANDIDATE_LIMIT: Final = 5_000
SHORT_WORD: Final = 5


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Levenshtein distance with adjacent transpositions, or `limit + 1` once it exceeds it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def corrected_words(searcher: Searcher, words: Sequence[str]) -> list[str]:
    """`words` with each word the index does not hold replaced by its best correction (kept
    as typed when nothing is close)."""
    return [_corrected(searcher, word) for word in words]


def _corrected(searcher: Searcher, word: str) -> str:
    if len(word) < 3 or searcher.doc_freq(WORDS, word) > 0:
        return word
    allowed = 1 if len(word) < SHORT_WORD else 2
    prefix = word[:1] if len(word) < SHORT_WORD else word[:2]
    best: tuple[int, int, str] | None = None
    for term, frequency in searcher.terms_with_prefix(WORDS, prefix, limit=CANDIDATE_LIMIT):
        if abs(len(term) - len(word)) > allowed:
            continue
        distance = edit_distance(word, term, limit=allowed)
        if distance > allowed:
            continue
        candidate = (distance, -frequency, term)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best is not None else word
