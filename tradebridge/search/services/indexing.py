"""Keeping this node's index replica in step with the catalog: incremental sync from the
change feed, and full rebuilds.

`search_sync` applies the catalog's change feed (`catalog.ProductChange`) after the index's
watermark: each named product is deleted from the index and added back if it is visible, and
its supplier's document likewise. Applying a change twice gives the same index, so a retried
task, two workers, or a crash between the tantivy commit and the state file are harmless.

Feed ids are assigned at insert but, on PostgreSQL, transactions commit out of order: row 41
may become visible after row 42 was applied. So each sync re-reads the LOOK_BACK ids below
its watermark and applies the rows it has not applied yet (the state keeps the ids of that
window it has applied). A transaction that commits more than LOOK_BACK feed rows late is
missed until the next rebuild; with rows written per product change that is far beyond any
transaction's lifetime.

`search_reindex` builds a new generation from every visible product, records the feed's
latest id read *before* it starts as the watermark (so a change during the build is applied
again by the next sync), then makes it live atomically.

`search_vectors_fill` gives the live generation's products their meaning vectors, after the
switch: embedding a large catalog takes hours on two cores, and keyword search should not
wait for it. It resumes where it stopped, and takes the writer lock only to store each batch,
so syncs go on meanwhile (they embed the products they change themselves).
"""

import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from tantivy import Document, Index, IndexWriter

from tradebridge.catalog.selectors import (
    ProductChangeRow,
    product_change_latest_id,
    product_change_oldest_id,
    product_changes_after,
)
from tradebridge.search import schema as f
from tradebridge.search.documents import ProductDocument
from tradebridge.search.schema import SCHEMA_VERSION
from tradebridge.search.selectors import (
    product_document_batches,
    product_documents,
    supplier_document_batches,
    supplier_documents,
    visible_product_count,
)
from tradebridge.search.store import (
    BUILD_WRITER_HEAP,
    Generation,
    IndexState,
    current_generation,
    embedding_cache,
    generation_create,
    generation_discard,
    generation_switch,
    open_writer,
    writer_lock,
)
from tradebridge.search.vectors import VectorIndex, passages_cache, product_vectors

logger = logging.getLogger(__name__)

LOOK_BACK: Final = 1_000
SYNC_BATCH: Final = 500
BUILD_BATCH: Final = 2_000
VECTOR_BATCH: Final = 1_000
# A fill's batch doubles, up to this, while its passages are all cached (a rebuild): each
# stored batch saves the whole vector index, about 1 GB at a million products.
VECTOR_BATCH_CACHED: Final = 16_000


class Indexable(Protocol):
    def to_tantivy(self) -> Document: ...


@dataclass(frozen=True, slots=True)
class SyncSummary:
    applied: int  # feed rows applied by this run
    watermark: int
    needs_rebuild: bool = False  # no index, or one of an older schema: run `search-reindex`


def search_sync(*, batch_size: int = SYNC_BATCH) -> SyncSummary:
    """Apply every feed row not yet applied to the live generation. Idempotent; waits for the
    writer lock. Without an index it does nothing (a rebuild creates one)."""
    with writer_lock():
        generation = current_generation()
        if generation is None:
            return SyncSummary(applied=0, watermark=0, needs_rebuild=True)
        state = generation.read_state()
        if state.schema != SCHEMA_VERSION:
            logger.warning(
                "The search index has schema %s, not %s: run search-reindex.",
                state.schema,
                SCHEMA_VERSION,
            )
            return SyncSummary(applied=0, watermark=state.watermark, needs_rebuild=True)
        return _apply_feed(generation, state, batch_size=batch_size)


def _apply_feed(generation: Generation, state: IndexState, *, batch_size: int) -> SyncSummary:
    applied_below = set(state.applied_below)
    watermark, applied = state.watermark, 0
    position = max(watermark - LOOK_BACK, 0)
    products, suppliers = generation.open_products(), generation.open_suppliers()
    while rows := product_changes_after(position, limit=batch_size):
        position = rows[-1].id
        new = [row for row in rows if row.id > watermark or row.id not in applied_below]
        if new:
            _apply(generation, products, suppliers, new)
        applied += len(new)
        watermark = max(watermark, position)
        applied_below = {
            i for i in applied_below | {row.id for row in rows} if i > watermark - LOOK_BACK
        }
        if new:  # else nothing changed: readers need not reload
            generation.write_state(
                IndexState(
                    watermark=watermark,
                    applied_below=tuple(sorted(applied_below)),
                    built_at=state.built_at,
                )
            )
    return SyncSummary(applied=applied, watermark=watermark)


def _apply(
    generation: Generation, products: Index, suppliers: Index, rows: Sequence[ProductChangeRow]
) -> None:
    product_ids = list(dict.fromkeys(row.product_id for row in rows))
    supplier_ids = list(dict.fromkeys(row.supplier_id for row in rows))
    documents = product_documents(product_ids=product_ids)
    _replace(products, product_ids, lambda: documents)
    _replace(suppliers, supplier_ids, lambda: supplier_documents(company_ids=supplier_ids))
    vectors = _vector_writer(generation)
    if vectors is not None:
        vectors.remove(product_ids)
        _add_vectors(vectors, documents)
        vectors.save()


_vector_writers: dict[Path, VectorIndex] = {}


def _vector_writer(generation: Generation) -> VectorIndex | None:
    """The generation's vector index opened for writing, kept between syncs (a follower
    applies the feed every second; loading the vectors each time would dominate), re-opened
    when another process saved a newer one. Call it holding the writer lock."""
    if not generation.has_vectors:
        return None
    found = _vector_writers.get(generation.path)
    if found is None or found.is_stale():
        _vector_writers.clear()
        found = generation.open_vectors(read_only=False)
        assert found is not None  # noqa: S101 - has_vectors was checked above
        _vector_writers[generation.path] = found
    return found


def _add_vectors(index: VectorIndex, documents: Sequence[ProductDocument]) -> None:
    """Embed (or take from the cache) and store the vectors of `documents`."""
    embedded = [document for document in documents if document.passages]
    if embedded:
        passages = [document.passages for document in embedded]
        ids = [uuid.UUID(document.product_id) for document in embedded]
        index.upsert(ids, product_vectors(passages, cache=embedding_cache()))


def _replace(
    index: Index, ids: Iterable[uuid.UUID], load: Callable[[], Sequence[Indexable]]
) -> None:
    """Delete the documents of `ids`, add back the visible ones, commit."""
    writer = open_writer(index)
    try:
        for key in ids:
            writer.delete_documents_by_term(f.ID, str(key))
        for document in load():
            writer.add_document(document.to_tantivy())
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()
        raise
    index.reload()


# --- rebuild ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReindexSummary:
    products: int
    suppliers: int
    watermark: int
    generation: str


def search_reindex(
    *,
    batch_size: int = BUILD_BATCH,
    on_progress: Callable[[int, int], None] | None = None,
    vectors: bool = False,
    on_vector_progress: Callable[[int, int], None] | None = None,
) -> ReindexSummary:
    """Build a fresh index of every visible product and active supplier and make it live;
    with `vectors` (the commands' default), then give its products their meaning vectors
    (`search_vectors_fill`), while it already serves keyword searches.

    Memory stays bounded: products are read in id-ordered batches of `batch_size` and the
    tantivy writer flushes its own buffer. Without `vectors`, search is by keywords only
    until a rebuild with vectors (or a `search_vectors_fill`). The old generation is deleted
    once the new one is live; a failure before the switch leaves the old one live and removes
    the partial build; an interrupted vector fill resumes with `search_vectors_fill`.
    """
    watermark = product_change_latest_id()
    total = visible_product_count()
    generation = generation_create(vectors=vectors)
    try:
        products = _build(
            generation.open_products(),
            product_document_batches(batch_size=batch_size),
            total,
            on_progress,
        )
        suppliers = _build(
            generation.open_suppliers(), supplier_document_batches(batch_size=200), 0, None
        )
        generation.write_state(IndexState(watermark=watermark))
        with writer_lock():
            generation_switch(generation)
    except BaseException:
        generation_discard(generation)
        raise
    if vectors:
        search_vectors_fill(on_progress=on_vector_progress)
    return ReindexSummary(
        products=products, suppliers=suppliers, watermark=watermark, generation=generation.name
    )


def _build(
    index: Index,
    batches: Iterable[Sequence[Indexable]],
    total: int,
    on_progress: Callable[[int, int], None] | None,
) -> int:
    writer: IndexWriter = open_writer(index, heap_size=BUILD_WRITER_HEAP)
    done = 0
    for batch in batches:
        for document in batch:
            writer.add_document(document.to_tantivy())
        done += len(batch)
        if on_progress is not None:
            on_progress(done, max(total, done))
    writer.commit()
    writer.wait_merging_threads()
    return done


def search_index_is_behind() -> bool:
    """True when this node must rebuild: no index, an older schema, or a watermark below the
    feed's oldest row (the rows it still needed were pruned)."""
    generation = current_generation()
    if generation is None:
        return True
    state = generation.read_state()
    oldest = product_change_oldest_id()
    return state.schema != SCHEMA_VERSION or (oldest > 0 and state.watermark < oldest - 1)


# --- meaning vectors ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FillPosition:
    """How far a vector fill of a generation went: products visited in id order up to and
    including `after`; `complete` once every visible product was visited. Saved with the
    vector index (`VectorIndex.fill_position`), so it is always true of the saved vectors."""

    after: uuid.UUID | None = None
    done: int = 0
    complete: bool = False

    @classmethod
    def parse(cls, text: str) -> "FillPosition":
        if not text:
            return cls()
        after, done, complete = text.split()
        return cls(
            after=uuid.UUID(after) if after != "-" else None,
            done=int(done),
            complete=complete == "complete",
        )

    def __str__(self) -> str:
        after = str(self.after) if self.after else "-"
        return f"{after} {self.done} {'complete' if self.complete else 'partial'}"


@dataclass(frozen=True, slots=True)
class VectorFillSummary:
    products: int  # products this run visited (given a vector, or dropped if hidden since)
    done: int  # products visited by every run of this generation's fill
    complete: bool
    generation: str  # "" when there is no index yet


def search_vectors_fill(
    *,
    batch_size: int = VECTOR_BATCH,
    on_progress: Callable[[int, int], None] | None = None,
    max_batches: int | None = None,
) -> VectorFillSummary:
    """Give every visible product of the live generation its meaning vector, in id-ordered
    batches, resuming after the last batch saved (a crash, an interrupt, `max_batches`).
    Idempotent: once complete it does nothing. A generation built without vectors gets them.

    The slow part, embedding a batch's passages into the embedding cache, runs without the
    writer lock; the lock is held to store the batch from the cache (re-reading the products,
    so a product changed meanwhile gets its new text), save, and move the position on. So
    syncs interleave, and searches see each saved batch: a product without a vector has no
    match by meaning, nothing more. While every passage is cached (a rebuild), batches double
    up to VECTOR_BATCH_CACHED, as each save writes the whole vector index. Two fills on one
    directory share the work. Memory: the vector index (about 1 KB a product) and one batch.
    """
    total: int | None = None  # counted once there is progress to show
    visited, batches, size = 0, 0, batch_size
    generation_name, position = "", FillPosition()
    while max_batches is None or batches < max_batches:
        with writer_lock():
            generation, index = _live_vector_index()
            if generation is None or index is None:
                break
            generation_name = generation.name
            position = FillPosition.parse(index.fill_position)
        if position.complete:
            break
        batch = next(iter(product_document_batches(batch_size=size, after=position.after)), [])
        texts = [text for document in batch for text in document.passages]
        embedded = passages_cache(texts, cache=embedding_cache())
        size = batch_size if embedded else min(size * 2, max(batch_size, VECTOR_BATCH_CACHED))
        stored = _store_batch(generation, position, batch)
        if stored is not None:
            position = stored
            visited += len(batch)
            batches += 1
            if on_progress is not None:
                total = visible_product_count() if total is None else total
                on_progress(position.done, max(total, position.done))
    return VectorFillSummary(
        products=visited,
        done=position.done,
        complete=position.complete,
        generation=generation_name,
    )


def _live_vector_index() -> tuple[Generation | None, VectorIndex | None]:
    """The live generation and its vector index opened for writing (created if the generation
    was built without). Call it holding the writer lock."""
    generation = current_generation()
    if generation is None:
        return None, None
    if not generation.has_vectors:
        generation.vectors_path.mkdir()
    return generation, _vector_writer(generation)


def _store_batch(
    generation: Generation, position: FillPosition, batch: Sequence[ProductDocument]
) -> FillPosition | None:
    """Under the writer lock: store `batch` (its passages are cached) and move the position
    past it, or past the end if it is empty; returns the new position. None if another fill
    moved the position or a rebuild replaced the generation since `position` was read:
    nothing is stored."""
    with writer_lock():
        live, index = _live_vector_index()
        if live != generation or index is None:
            return None
        if FillPosition.parse(index.fill_position) != position:
            return None
        ids = [uuid.UUID(document.product_id) for document in batch]
        fresh = product_documents(product_ids=ids)
        index.remove(set(ids) - {uuid.UUID(document.product_id) for document in fresh})
        _add_vectors(index, fresh)
        moved = (
            FillPosition(after=ids[-1], done=position.done + len(ids))
            if ids
            else FillPosition(after=position.after, done=position.done, complete=True)
        )
        index.fill_position = str(moved)
        index.save()
        generation.write_state(generation.read_state())  # readers reload and see the batch
    return moved
