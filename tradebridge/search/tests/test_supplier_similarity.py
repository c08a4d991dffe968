"""The vector side of RFQ matching: group vectors from the index's product vectors, groups
without vectors left to rfq's lexical fallback, the cache following the index generation."""

import uuid
from pathlib import Path

import numpy as np
import pytest

from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.rfq.matching.similarity import GroupKey, similarity_provider
from tradebridge.search.embeddings import embed_query
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.store import reader
from tradebridge.search.supplier_similarity import VectorSupplierSimilarity

pytestmark = pytest.mark.django_db


@pytest.fixture
def products(db: None) -> list[Product]:
    return [
        ProductFactory.create(title="Size 5 PU leather soccer ball"),
        ProductFactory.create(title="Ceramic coffee mug 350 ml"),
    ]


def test_search_registers_itself_as_the_similarity_provider() -> None:
    assert isinstance(similarity_provider(), VectorSupplierSimilarity)


def test_without_an_index_every_group_is_left_to_the_fallback(products: list[Product]) -> None:
    groups: dict[GroupKey, list[uuid.UUID]] = {(products[0].supplier_id, None): [products[0].id]}

    assert VectorSupplierSimilarity().similarities(text="football", groups=groups) == {}


def test_groups_are_judged_by_meaning_and_groups_without_vectors_left_out(
    products: list[Product], search_index: Path
) -> None:
    search_reindex(vectors=True)
    ball, mug = products
    unknown = uuid.uuid4()
    groups: dict[GroupKey, list[uuid.UUID]] = {
        (ball.supplier_id, None): [ball.id],
        (mug.supplier_id, None): [mug.id],
        (unknown, None): [uuid.uuid4()],
    }

    scores = VectorSupplierSimilarity().similarities(text="ballon de football", groups=groups)

    assert set(scores) == {(ball.supplier_id, None), (mug.supplier_id, None)}
    assert scores[ball.supplier_id, None] > scores[mug.supplier_id, None]
    assert all(0 <= value <= 1 for value in scores.values())


def test_a_group_vector_is_the_normalised_mean_and_follows_the_generation(
    products: list[Product], search_index: Path
) -> None:
    search_reindex(vectors=True)
    provider = VectorSupplierSimilarity()
    index = reader().vectors
    assert index is not None
    key = (products[0].supplier_id, None)
    ids = [product.id for product in products]

    keys, matrix = provider.group_vectors(index, {key: ids})

    _found, rows = index.vectors_of(ids)
    mean = rows.sum(axis=0) / np.linalg.norm(rows.sum(axis=0))
    assert keys == [key]
    np.testing.assert_allclose(matrix[0], mean, atol=1e-6)
    keys, matrix = provider.group_vectors(index, {key: ids[:1]})  # the group changed
    np.testing.assert_allclose(matrix[0], rows[0] / np.linalg.norm(rows[0]), atol=1e-6)
    assert float(matrix[0] @ embed_query("soccer ball")) > 0.8
