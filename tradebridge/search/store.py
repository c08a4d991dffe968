"""Where this node's index replica lives on disk, and the one process-wide reader of it.

Layout of `settings.SEARCH_INDEX_DIR`::

    current          the name of the live generation (replaced atomically by a rename)
    writer.lock      held (flock) by whoever writes: one writer per directory
    gen-<n>/         one full build: products/ and suppliers/ (tantivy), vectors/ (the
                     products' meaning vectors, `search.vectors`; absent when built
                     without), state.json
    embeddings.sqlite3   passage vectors already computed: they outlive the generations,
                     so a rebuild embeds only new or changed texts

`state.json` holds the change-feed position the generation has applied (its watermark) and
the ids just below it that were already applied (see `services.indexing`). It is replaced
atomically after each tantivy commit; a crash between the two only replays changes, which is
harmless because applying a change is idempotent.

Readers (web processes) never write: they open the live generation once, and on each search
compare two `stat` results with the last ones; a new generation is opened, a new state
reloads the searchers.
"""

import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from django.conf import settings
from tantivy import Index, IndexWriter

from tradebridge.core.errors import DomainError
from tradebridge.search.analysis import register_analyzers
from tradebridge.search.schema import SCHEMA_VERSION, product_schema, supplier_schema
from tradebridge.search.vectors import EmbeddingCache, VectorIndex

CURRENT: Final = "current"
STATE: Final = "state.json"
WRITER_LOCK: Final = "writer.lock"
PRODUCTS: Final = "products"
SUPPLIERS: Final = "suppliers"
VECTORS: Final = "vectors"
EMBEDDING_CACHE: Final = "embeddings.sqlite3"
SYNC_WRITER_HEAP: Final = 64_000_000
BUILD_WRITER_HEAP: Final = 256_000_000


class SearchUnavailable(DomainError):
    """No search index has been built on this node yet (`tradebridge search-reindex`)."""

    code = "search_unavailable"
    http_status = 503
    default_message = "Search is not available yet; try again shortly."


@dataclass(frozen=True, slots=True)
class IndexState:
    """How far a generation has followed the change feed."""

    watermark: int = 0
    applied_below: tuple[int, ...] = ()  # ids in the look-back window already applied
    schema: int = SCHEMA_VERSION
    built_at: float = field(default_factory=time.time)


def index_root() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


@dataclass(frozen=True, slots=True)
class Generation:
    """One full build of the index, in its own directory."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def open_products(self) -> Index:
        return _open(self.path / PRODUCTS)

    def open_suppliers(self) -> Index:
        return _open(self.path / SUPPLIERS)

    @property
    def vectors_path(self) -> Path:
        return self.path / VECTORS

    @property
    def has_vectors(self) -> bool:
        """Whether this generation keeps meaning vectors (`search-reindex --no-vectors`)."""
        return self.vectors_path.is_dir()

    def open_vectors(self, *, read_only: bool) -> VectorIndex | None:
        if not self.has_vectors:
            return None
        return VectorIndex.open(self.vectors_path, read_only=read_only)

    def read_state(self) -> IndexState:
        try:
            data = json.loads((self.path / STATE).read_text())
        except FileNotFoundError:
            return IndexState(schema=0)
        return IndexState(
            watermark=int(data["watermark"]),
            applied_below=tuple(int(i) for i in data.get("applied_below", ())),
            schema=int(data.get("schema", 0)),
            built_at=float(data.get("built_at", 0)),
        )

    def write_state(self, state: IndexState) -> None:
        """Replace state.json atomically (write aside, fsync, rename)."""
        payload = {
            "watermark": state.watermark,
            "applied_below": list(state.applied_below),
            "schema": state.schema,
            "built_at": state.built_at,
        }
        _write_atomically(self.path / STATE, json.dumps(payload))


def _open(path: Path) -> Index:
    index = Index.open(str(path))
    register_analyzers(index)
    return index


def _write_atomically(path: Path, text: str) -> None:
    aside = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    with aside.open("w") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    aside.replace(path)


def current_generation() -> Generation | None:
    """The live generation, or None when none was built yet."""
    try:
        name = (index_root() / CURRENT).read_text().strip()
    except FileNotFoundError:
        return None
    path = index_root() / name
    return Generation(path) if name and path.is_dir() else None


def embedding_cache() -> EmbeddingCache:
    return EmbeddingCache(index_root() / EMBEDDING_CACHE)


def generation_create(*, vectors: bool = True) -> Generation:
    """A new, empty generation beside the live one (not live until `generation_switch`),
    with a vector index unless `vectors` is False."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"gen-{time.time_ns()}"
    for name, schema in ((PRODUCTS, product_schema()), (SUPPLIERS, supplier_schema())):
        (path / name).mkdir(parents=True)
        register_analyzers(Index(schema, path=str(path / name), reuse=False))
    if vectors:
        (path / VECTORS).mkdir()
    return Generation(path)


def generation_switch(generation: Generation) -> None:
    """Make `generation` live (an atomic rename of the pointer) and delete the others.
    Call it holding the writer lock. Open readers keep their files until they reopen."""
    root = index_root()
    _write_atomically(root / CURRENT, generation.name)
    for other in root.glob("gen-*"):
        if other != generation.path:
            shutil.rmtree(other, ignore_errors=True)


def generation_discard(generation: Generation) -> None:
    shutil.rmtree(generation.path, ignore_errors=True)


@contextmanager
def writer_lock(*, wait: bool = True) -> Iterator[bool]:
    """Hold this directory's writer lock; yields False at once if `wait` is False and another
    process holds it."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with (root / WRITER_LOCK).open("a") as file:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(file.fileno(), fcntl.LOCK_UN)


def open_writer(index: Index, *, heap_size: int = SYNC_WRITER_HEAP) -> IndexWriter:
    return index.writer(heap_size=heap_size, num_threads=1)


# --- the process-wide reader --------------------------------------------------------------


@dataclass(slots=True)
class Reader:
    generation: Generation
    products: Index
    suppliers: Index
    stamp: tuple[int, ...]
    vectors: VectorIndex | None = None


_reader_lock = threading.Lock()
_reader: Reader | None = None


def _stamp(generation_path: Path) -> tuple[int, ...]:
    """Identity of the pointer and state files: an atomic rename always changes the inode."""

    def identity(path: Path) -> tuple[int, int]:
        try:
            found = path.stat()
        except FileNotFoundError:
            return (0, 0)
        return (found.st_ino, found.st_mtime_ns)

    return (*identity(index_root() / CURRENT), *identity(generation_path / STATE))


def reader() -> Reader:
    """The open live generation, reloaded when the pointer or the state file changed.
    Raises SearchUnavailable when no index was built."""
    global _reader  # one reader per process: opening an index is the expensive part
    current = _reader
    if current is not None and _stamp(current.generation.path) == current.stamp:
        return current
    with _reader_lock:
        generation = current_generation()
        if generation is None:
            raise SearchUnavailable()
        stamp = _stamp(generation.path)
        if current is not None and current.generation == generation:
            current.products.reload()
            current.suppliers.reload()
            if current.vectors is None or current.vectors.is_stale():
                current.vectors = generation.open_vectors(read_only=True)
            current.stamp = stamp
            return current
        _reader = Reader(
            generation=generation,
            products=generation.open_products(),
            suppliers=generation.open_suppliers(),
            stamp=stamp,
            vectors=generation.open_vectors(read_only=True),
        )
        return _reader


def reader_reset() -> None:
    """Forget the open index (tests, after pointing SEARCH_INDEX_DIR elsewhere)."""
    global _reader  # see `reader`
    with _reader_lock:
        _reader = None
