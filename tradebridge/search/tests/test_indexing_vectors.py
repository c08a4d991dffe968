"""The meaning vectors of a rebuild: filled after the switch (keyword search is served
meanwhile), in id-ordered batches that resume after an interruption, through the embedding
cache that outlives generations (a rebuild of an unchanged catalog embeds nothing), each batch
stored from the products as they are when it is stored."""

import uuid
from collections.abc import Sequence
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.search import vectors
from tradebridge.search.embeddings import Vectors, embed_passages, product_passages
from tradebridge.search.engine import search_products
from tradebridge.search.services import indexing
from tradebridge.search.services.indexing import (
    FillPosition,
    search_reindex,
    search_sync,
    search_vectors_fill,
)
from tradebridge.search.store import current_generation, embedding_cache, reader
from tradebridge.search.types import ProductQuery
from tradebridge.search.vectors import VectorIndex, passages_cache, product_vectors

pytestmark = pytest.mark.django_db

TITLES = (
    "Yoga mat with carrying strap",
    "Stainless steel water bottle",
    "Wireless earbuds with charging case",
    "Ceramic coffee mug",
    "Solar garden lights",
)


@pytest.fixture
def catalog(search_index: Path) -> list[uuid.UUID]:
    """Five published products, ids in index order, in a keyword-only index."""
    supplier = SupplierFactory.create()
    made = [ProductFactory.create(supplier=supplier, title=title) for title in TITLES]
    search_reindex()
    return sorted(product.id for product in made)


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every passage text the model is asked to embed."""
    texts: list[str] = []

    def counting(batch: Sequence[str]) -> Vectors:
        texts.extend(batch)
        return embed_passages(batch)

    monkeypatch.setattr(vectors, "embed_passages", counting)
    return texts


def _saved_vectors() -> VectorIndex:
    generation = current_generation()
    assert generation is not None
    index = generation.open_vectors(read_only=True)
    assert index is not None
    return index


def test_keyword_search_is_served_while_the_vectors_are_filled(catalog: list[uuid.UUID]) -> None:
    summary = search_vectors_fill(batch_size=2, max_batches=1)

    assert summary == indexing.VectorFillSummary(
        products=2, done=2, complete=False, generation=summary.generation
    )
    saved = _saved_vectors()
    assert [product_id in saved for product_id in catalog] == [True, True, False, False, False]
    assert reader().vectors is not None
    assert len(reader().vectors or ()) == 2  # the web process sees the saved batch
    assert search_products(ProductQuery(text="coffee mug")).count == 1


def test_an_interrupted_fill_resumes_after_the_last_saved_batch(
    catalog: list[uuid.UUID], embedded: list[str]
) -> None:
    search_vectors_fill(batch_size=2, max_batches=2)
    indexing._vector_writers.clear()  # as if the process had died: only the saved state counts
    first = len(embedded)

    summary = search_vectors_fill(batch_size=2)

    assert (summary.products, summary.done, summary.complete) == (1, 5, True)
    assert len(embedded) - first == 1  # the fifth product's title; its category path is cached
    assert all(product_id in _saved_vectors() for product_id in catalog)
    assert FillPosition.parse(_saved_vectors().fill_position) == FillPosition(
        after=catalog[-1], done=5, complete=True
    )
    assert search_vectors_fill().products == 0  # complete: nothing more to do


def test_a_rebuild_of_an_unchanged_catalog_embeds_nothing(
    catalog: list[uuid.UUID], embedded: list[str]
) -> None:
    search_reindex(vectors=True)
    first = len(embedded)
    Product.objects.filter(id=catalog[0]).update(title="Cork yoga block")

    summary = search_reindex(vectors=True)

    assert embedded[first:] == ["Cork yoga block"]
    assert summary.generation == _saved_vectors().directory.parent.name
    assert all(product_id in _saved_vectors() for product_id in catalog)
    assert len(embedding_cache()) == len(set(embedded))


def test_a_product_changed_while_its_batch_embeds_gets_its_new_text(
    catalog: list[uuid.UUID], monkeypatch: pytest.MonkeyPatch
) -> None:
    def embed_then_edit(texts: Sequence[str], *, cache: Any) -> int:
        found = passages_cache(texts, cache=cache)
        Product.objects.filter(id=catalog[0]).update(title="Cork yoga block")
        Product.objects.filter(id=catalog[1]).update(status="suspended")
        return found

    monkeypatch.setattr(indexing, "passages_cache", embed_then_edit)

    search_vectors_fill()

    saved = _saved_vectors()
    assert catalog[1] not in saved
    category = Product.objects.get(id=catalog[0]).category
    passages = product_passages(
        title="Cork yoga block",
        category_path=category.path if category else "",
        language_titles={},
    )
    expected = product_vectors([passages])[0]
    assert saved.search(expected, 1)[0][0] == catalog[0]
    assert saved.search(expected, 1)[0][1] == pytest.approx(1.0, abs=0.01)


def test_a_fill_that_lost_its_place_stores_nothing(catalog: list[uuid.UUID]) -> None:
    search_vectors_fill(batch_size=2, max_batches=1)
    generation = current_generation()
    assert generation is not None
    stale = FillPosition()  # read before another fill stored its first batch

    stored = indexing._store_batch(generation, stale, [])

    assert stored is None
    assert FillPosition.parse(_saved_vectors().fill_position).done == 2


def test_the_sync_embeds_a_product_changed_during_the_fill(
    catalog: list[uuid.UUID], committed_product: Any
) -> None:
    search_vectors_fill(batch_size=2, max_batches=1)

    product = committed_product("Bamboo cutting board")
    search_sync()

    assert product.id in _saved_vectors()
    assert search_vectors_fill().complete
    assert all(product_id in _saved_vectors() for product_id in [*catalog, product.id])


@pytest.fixture
def committed_product(django_capture_on_commit_callbacks: Any) -> Any:
    """A published product with its change-feed row (the sync itself is run by the test)."""

    def create(title: str) -> Product:
        with django_capture_on_commit_callbacks(execute=False):
            product = ProductFactory.create(title=title)
            product_changes_record(changes=[(product.id, product.supplier_id)])
        return product

    return create


def test_fill_positions_read_back_as_written() -> None:
    position = FillPosition(after=uuid.UUID(int=7), done=12, complete=True)

    assert FillPosition.parse(str(position)) == position
    assert FillPosition.parse("") == FillPosition()
    assert FillPosition.parse(str(FillPosition())) == FillPosition()


def test_the_command_resumes_the_vectors_of_the_live_index(catalog: list[uuid.UUID]) -> None:
    search_vectors_fill(batch_size=2, max_batches=1)
    out, err = StringIO(), StringIO()

    call_command("search-reindex", "--resume-vectors", stdout=out, stderr=err)

    assert "Gave 3 products their meaning vectors" in out.getvalue()
    assert "(5 in all)" in out.getvalue()
    assert "Embedding [" in err.getvalue()
    assert all(product_id in _saved_vectors() for product_id in catalog)


def test_the_command_refuses_to_resume_without_an_index() -> None:
    with pytest.raises(CommandError, match="No search index yet"):
        call_command("search-reindex", "--resume-vectors", stdout=StringIO())


def test_a_fill_from_a_warm_cache_stores_ever_larger_batches(
    catalog: list[uuid.UUID], monkeypatch: pytest.MonkeyPatch
) -> None:
    search_vectors_fill(batch_size=1)  # cold: one product a batch, the cache fills
    search_reindex()
    saved: list[int] = []
    real = VectorIndex.save

    def counting(index: VectorIndex) -> None:
        saved.append(len(index))
        real(index)

    monkeypatch.setattr(VectorIndex, "save", counting)

    summary = search_vectors_fill(batch_size=1)

    assert summary.complete
    assert saved == [1, 3, 5, 5]  # batches of 1, 2, 4 (the last two products), then the end
