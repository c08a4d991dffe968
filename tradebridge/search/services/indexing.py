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
"""

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
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
from tradebridge.search.vectors import VectorIndex, product_vectors

logger = logging.getLogger(__name__)

LOOK_BACK: Final = 1_000
SYNC_BATCH: Final = 500
BUILD_BATCH: Final = 2_000


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
) -> ReindexSummary:
    """Build a fresh index of every visible product and active supplier and make it live.

    Memory stays bounded: products are read in id-ordered batches of `batch_size` and the
    tantivy writer flushes its own buffer. With `vectors` (the commands' default), each
    product's meaning vector is stored too, for cross-language search (embedded once per
    distinct text: the embedding cache outlives generations); without, search is by
    keywords only until a rebuild with vectors. The old
    generation is deleted once the new one is live; a failure leaves the old one live and
    removes the partial build.
    """
    watermark = product_change_latest_id()
    total = visible_product_count()
    generation = generation_create(vectors=vectors)
    vector_index = generation.open_vectors(read_only=False)
    try:
        products = _build(
            generation.open_products(),
            _with_vectors(product_document_batches(batch_size=batch_size), vector_index),
            total,
            on_progress,
        )
        if vector_index is not None:
            vector_index.save()
        suppliers = _build(
            generation.open_suppliers(), supplier_document_batches(batch_size=200), 0, None
        )
        generation.write_state(IndexState(watermark=watermark))
        with writer_lock():
            generation_switch(generation)
    except BaseException:
        generation_discard(generation)
        raise
    return ReindexSummary(
        products=products, suppliers=suppliers, watermark=watermark, generation=generation.name
    )


def _with_vectors(
    batches: Iterable[Sequence[ProductDocument]], index: VectorIndex | None
) -> Iterator[Sequence[ProductDocument]]:
    for batch in batches:
        if index is not None:
            _add_vectors(index, batch)
        yield batch


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
