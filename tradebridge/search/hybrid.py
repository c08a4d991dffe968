"""Hybrid ranking: keyword hits (tantivy) and semantic hits (vectors) merged into one ranking.

Two rules, both pure except `semantic_candidates`, which embeds the query:

- **Which semantic neighbours count as matches.** Every query has nearest products, even one
  about something the catalog does not sell, and this model's similarities are compressed
  (most pairs fall between 0.78 and 0.90), so no fixed similarity separates "about the same
  thing" from "near by chance". What does: how far a product stands above the query's
  *background*, its mean similarity to a sample of the whole catalog
  (`VectorIndex.background_similarity`). A neighbour counts if its similarity is at least
  background + SEMANTIC_MATCH_LIFT and within SEMANTIC_MATCH_WINDOW of the best neighbour's;
  the window keeps a query that matches one kind of product from dragging in the next kind.
  Calibrated on the demo catalog (UCI Online Retail products and the generated ranges,
  English titles only, 996 products) with 88 French, German, Spanish and Chinese queries
  naming 22 kinds of product and 24 queries about nothing it sells: with lift 0.040, a
  product of the right kind among the matches for 39 of 88 queries, 70% of matches of the
  right kind, 2 of 24 unrelated queries with a match. The best absolute threshold with as
  few false matches (0.860) found the right kind for 44 but with 49% precision. The table is
  in docs/search.md ("Semantic search"); `benchmarks/search_vectors.py --calibrate` redoes it.
  The candidates depend on the query text only (never on filters), so a facet's count is the
  number of results a buyer gets after choosing it.

- **Reciprocal rank fusion** (`fuse`): each list votes 1 / (k + rank) for each of its items
  (rank from 1); an item's fused score is the sum of its votes. Only ranks matter, so the
  keyword scores (BM25, unbounded) and the similarities (cosines) need no common scale.
  k = 60 is the value of Cormack, Clarke and Büttcher (SIGIR 2009); a larger k flattens the
  advantage of the first ranks.
"""

from collections.abc import Collection, Sequence
from typing import Final
from uuid import UUID

from tradebridge.search.embeddings import embed_query
from tradebridge.search.vectors import VectorIndex

RRF_K: Final = 60
SEMANTIC_MATCH_LIFT: Final = 0.040
SEMANTIC_MATCH_WINDOW: Final = 0.02


def fuse(
    keyword: Sequence[tuple[UUID, float]],
    semantic: Sequence[tuple[UUID, float]],
    *,
    k: int = RRF_K,
) -> list[tuple[UUID, float]]:
    """Reciprocal rank fusion of two ranked lists (best first) into one, best first, with the
    fused scores. An id listed twice in one list counts at its best rank. Ties go to the id
    with the better single rank, then to the smaller UUID, so that fuse(a, b) == fuse(b, a).
    Raises ValueError if k < 1.
    """
    if k < 1:
        msg = "k must be at least 1."
        raise ValueError(msg)
    scores: dict[UUID, float] = {}
    best_rank: dict[UUID, int] = {}
    for ranking in (keyword, semantic):
        seen: set[UUID] = set()
        for rank, (item, _score) in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best_rank[item] = min(best_rank.get(item, rank), rank)
    ordered = sorted(scores, key=lambda item: (-scores[item], best_rank[item], item))
    return [(item, scores[item]) for item in ordered]


def semantic_matches(
    neighbours: Sequence[tuple[UUID, float]],
    *,
    background: float,
    lift: float = SEMANTIC_MATCH_LIFT,
    window: float = SEMANTIC_MATCH_WINDOW,
) -> list[tuple[UUID, float]]:
    """The neighbours (most similar first) that count as matches: similarity at least
    `background` + `lift`, and at least the best similarity minus `window`."""
    if not neighbours:
        return []
    best = max(similarity for _, similarity in neighbours)
    floor = max(background + lift, best - window)
    return [(item, similarity) for item, similarity in neighbours if similarity >= floor]


def semantic_candidates(
    text: str,
    *,
    index: VectorIndex,
    limit: int,
    allowed: Collection[UUID] | None = None,
) -> list[tuple[UUID, float]]:
    """The products that match `text` by meaning, in any language: up to `limit` nearest
    neighbours of the query's vector that pass `semantic_matches`, most similar first, with
    their cosine similarity. Blank text matches nothing. `allowed` restricts the neighbours
    (see VectorIndex.search); the engine leaves it out so that counts do not depend on filters.
    Raises ValueError if `limit` < 1.
    """
    if limit < 1:
        msg = "limit must be at least 1."
        raise ValueError(msg)
    if not text.strip():
        return []
    query = embed_query(text)
    neighbours = index.search(query, limit, allowed=allowed)
    return semantic_matches(neighbours, background=index.background_similarity(query))
