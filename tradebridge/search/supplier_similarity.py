"""RFQ matching's text similarity by meaning (`rfq.matching.similarity.SupplierSimilarity`),
from the product vectors this node's index already holds: registered by `SearchConfig.ready()`.

A group of products (one supplier's products in one category) has for vector the normalised
mean of its products' vectors. The group vectors are cached per index generation, so after
the first RFQ, matching 10,000 suppliers is one matrix product with the RFQ's query vector
(`benchmarks/rfq_matching.py` measures it). Within a generation a group is recomputed only
when its number of products changed: the product vectors themselves change only with a new
generation (every sync that changes products saves one), and a product added to or removed
from a group without a sync yet has no vector in it or keeps its old one until that sync.

Similarities of this model are compressed (most pairs between 0.78 and 0.90), so a group's
figure is how far it stands above the RFQ's background (its mean similarity to a sample of
indexed products, as `hybrid` does), over SIMILARITY_SPAN, clipped to [0, 1]: a group
SEMANTIC_MATCH_LIFT above the background (what search counts as a match) scores 0.4.
Groups none of whose products have a vector are left out: rfq judges them lexically.
"""

import threading
from collections.abc import Collection, Mapping
from typing import Final
from uuid import UUID

import numpy as np

from tradebridge.rfq.matching.similarity import GroupKey
from tradebridge.search.embeddings import DIMENSIONS, Vectors, embed_query
from tradebridge.search.store import SearchUnavailable, reader
from tradebridge.search.vectors import VectorIndex

SIMILARITY_SPAN: Final = 0.10
_CHUNK_PRODUCTS: Final = 50_000  # products read at once when building group vectors


class VectorSupplierSimilarity:
    """Group similarities from the index's product vectors; thread-safe."""

    name = "vectors"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = ""
        # group -> (its product count when computed, its row in _matrix or -1)
        self._rows: dict[GroupKey, tuple[int, int]] = {}
        self._matrix: Vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._used = 0

    def similarities(
        self, *, text: str, groups: Mapping[GroupKey, Collection[UUID]]
    ) -> dict[GroupKey, float]:
        """See `SupplierSimilarity`. Nothing (every group lexical) when this node has no
        index or no vectors yet."""
        index = _vector_index()
        if index is None or not groups or not text.strip():
            return {}
        keys, matrix = self.group_vectors(index, groups)
        if not keys:  # no vectors for any group: the query is not even embedded
            return {}
        return _lifted(index, embed_query(text), keys, matrix)

    def similarities_in(
        self, index: VectorIndex, *, query: Vectors, groups: Mapping[GroupKey, Collection[UUID]]
    ) -> dict[GroupKey, float]:
        """`similarities` in a given index for an embedded query (the benchmark's way in)."""
        keys, matrix = self.group_vectors(index, groups)
        return _lifted(index, query, keys, matrix) if keys else {}

    def group_vectors(
        self, index: VectorIndex, groups: Mapping[GroupKey, Collection[UUID]]
    ) -> tuple[list[GroupKey], Vectors]:
        """The groups that have a vector, and those vectors (one unit row per group)."""
        with self._lock:
            if index.generation != self._generation:
                self._reset(index.generation)
            stale = [
                key
                for key, ids in groups.items()
                if (entry := self._rows.get(key)) is None or entry[0] != len(ids)
            ]
            for start in range(0, len(stale), 1000):
                batch = stale[start : start + 1000]
                for key, vector in _mean_vectors(index, batch, groups).items():
                    self._rows[key] = (len(groups[key]), self._append(vector))
            pairs = [(key, self._rows[key][1]) for key in groups]
            keys = [key for key, row in pairs if row >= 0]
            rows = np.fromiter((row for _key, row in pairs if row >= 0), dtype=np.int64)
            return keys, self._matrix[rows]

    def _reset(self, generation: str) -> None:
        self._generation = generation
        self._rows = {}
        self._matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._used = 0

    def _append(self, vector: Vectors | None) -> int:
        """Store a group vector; its row (-1 for None: no product of the group has one)."""
        if vector is None:
            return -1
        if self._used == len(self._matrix):
            grown = np.zeros((max(1024, 2 * len(self._matrix)), DIMENSIONS), dtype=np.float32)
            grown[: self._used] = self._matrix[: self._used]
            self._matrix = grown
        self._matrix[self._used] = vector
        self._used += 1
        return self._used - 1


def _lifted(
    index: VectorIndex, query: Vectors, keys: list[GroupKey], matrix: Vectors
) -> dict[GroupKey, float]:
    """Each group's similarity above the query's background, over SIMILARITY_SPAN, in [0, 1]."""
    background = index.background_similarity(query)
    lifted = np.clip((matrix @ query - background) / SIMILARITY_SPAN, 0, 1)
    return {key: float(value) for key, value in zip(keys, lifted, strict=True)}


def _vector_index() -> VectorIndex | None:
    try:
        current = reader()
    except SearchUnavailable:
        return None
    if current.vectors is None or not len(current.vectors):
        return None
    return current.vectors


def _mean_vectors(
    index: VectorIndex, keys: list[GroupKey], groups: Mapping[GroupKey, Collection[UUID]]
) -> dict[GroupKey, Vectors | None]:
    """The normalised mean vector of each group's products that have one (None: none has)."""
    out: dict[GroupKey, Vectors | None] = {}
    ids = [product_id for key in keys for product_id in groups[key]]
    sums = np.zeros((len(keys), DIMENSIONS), dtype=np.float32)
    owners = np.repeat(np.arange(len(keys)), [len(groups[key]) for key in keys])
    for start in range(0, len(ids), _CHUNK_PRODUCTS):
        _found, rows = index.vectors_of(ids[start : start + _CHUNK_PRODUCTS])
        # A group's rows are contiguous (zero rows for products without a vector).
        chunk = owners[start : start + _CHUNK_PRODUCTS]
        runs = np.flatnonzero(np.r_[True, chunk[1:] != chunk[:-1]])
        sums[chunk[runs]] += np.add.reduceat(rows, runs, axis=0)
    norms = np.linalg.norm(sums, axis=1)
    for row, key in enumerate(keys):
        out[key] = (sums[row] / norms[row]).astype(np.float32) if norms[row] > 0 else None
    return out
