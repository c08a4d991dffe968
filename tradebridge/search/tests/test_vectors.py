"""VectorIndex: upsert, remove, search (whole index and `allowed` subsets), atomic save and
reopen, read-only replicas; and the embedding cache (each distinct passage embedded once)."""

import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from tradebridge.search import vectors
from tradebridge.search.embeddings import DIMENSIONS, Vectors, embed_passages
from tradebridge.search.vectors import (
    EmbeddingCache,
    VectorIndex,
    passage_vectors,
    product_vectors,
)

N = 500


def unit_vectors(count: int, seed: int = 7) -> Vectors:
    rows = np.random.default_rng(seed).standard_normal((count, DIMENSIONS)).astype(np.float32)
    unit: Vectors = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


def product_ids(count: int) -> list[uuid.UUID]:
    return [uuid.UUID(int=(number + 1) * 7919) for number in range(count)]


@pytest.fixture
def filled(tmp_path: Path) -> tuple[VectorIndex, list[uuid.UUID], Vectors]:
    ids, rows = product_ids(N), unit_vectors(N)
    index = VectorIndex.open(tmp_path / "vectors")
    index.upsert(ids, rows)
    return index, ids, rows


def brute_force(rows: Vectors, ids: Sequence[uuid.UUID], query: Vectors) -> list[uuid.UUID]:
    return [ids[i] for i in np.argsort(-(rows @ query), kind="stable")]


def test_a_vector_finds_its_own_product_first_with_similarity_one(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled

    for number in (0, 17, N - 1):
        found = index.search(rows[number], 5)
        assert found[0][0] == ids[number]
        assert found[0][1] == pytest.approx(1.0, abs=0.01)
        similarities = [similarity for _id, similarity in found]
        assert similarities == sorted(similarities, reverse=True)
    assert len(index) == N


def test_the_graph_agrees_with_brute_force_on_the_nearest_neighbours(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled
    similarity = dict(zip(ids, rows, strict=True))

    for query in unit_vectors(20, seed=99):
        tenth_best = float(np.sort(rows @ query)[-10])
        found = index.search(query, 10)
        # Nearest up to int8 precision (±0.02): each found product is as close as the true tenth.
        assert len(found) == 10
        assert all(float(similarity[i] @ query) >= tenth_best - 0.02 for i, _s in found)
        assert all(abs(s - float(similarity[i] @ query)) <= 0.02 for i, s in found)


def test_upsert_replaces_a_vector_and_the_last_row_of_a_repeated_id_wins(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled

    index.upsert([ids[0], ids[1], ids[0]], np.stack([rows[5], rows[6], rows[7]]))

    assert len(index) == N
    assert [i for i, _s in index.search(rows[7], 2)] in ([ids[0], ids[7]], [ids[7], ids[0]])
    assert index.search(rows[6], 2)[1][0] in {ids[1], ids[6]}
    assert ids[0] not in [i for i, _s in index.search(rows[0], 3)]


def test_remove_drops_products_and_ignores_unknown_ids(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled

    removed = index.remove([ids[3], ids[4], uuid.uuid4(), ids[3]])

    assert removed == 2
    assert len(index) == N - 2
    assert ids[3] not in index
    assert ids[5] in index
    assert ids[3] not in [i for i, _s in index.search(rows[3], 10)]
    assert index.search(rows[3], 1, allowed=[ids[3], ids[4]]) == []
    assert index.remove([ids[3]]) == 0


def test_allowed_limits_the_search_to_those_products_exactly(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled
    allowed = set(ids[100:160]) | {uuid.uuid4()}
    query = unit_vectors(1, seed=3)[0]
    quantized = (np.round(rows * 127) / 127).astype(np.float32)  # int8 precision
    expected = [i for i in brute_force(quantized, ids, query) if i in allowed][:10]

    found = index.search(query, 10, allowed=allowed)

    assert [i for i, _s in found] == expected
    assert index.search(query, 10, allowed=[]) == []
    assert index.search(query, 100, allowed=[ids[1]])[0][0] == ids[1]


def test_a_large_allowed_set_goes_through_the_graph_and_keeps_only_allowed(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, ids, rows = filled
    monkeypatch.setattr(vectors, "EXACT_SEARCH_LIMIT", 50)
    allowed = set(ids[::2])

    found = index.search(rows[10], 10, allowed=allowed)

    assert found[0][0] == ids[10]
    assert {i for i, _s in found} <= allowed
    assert len(found) == 10


def test_save_publishes_a_generation_that_a_read_only_replica_memory_maps(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled
    index.remove([ids[0]])

    index.save()
    replica = VectorIndex.open(index.directory, read_only=True)

    assert replica.generation == index.generation == "gen-00000001"
    assert (index.directory / "CURRENT").read_text() == "gen-00000001"
    assert len(replica) == N - 1
    assert replica.search(rows[9], 1)[0][0] == ids[9]
    assert ids[0] not in replica
    assert isinstance(replica._vectors, np.memmap)
    assert not replica.is_stale()


def test_storage_is_int8_one_byte_per_dimension(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, _ids, _rows = filled

    index.save()
    folder = index.directory / index.generation

    assert (folder / "vectors.npy").stat().st_size <= N * DIMENSIONS + 256
    # The graph holds the int8 vectors plus about 2 x 16 links of 4 bytes per product.
    assert (folder / "hnsw.usearch").stat().st_size <= N * (DIMENSIONS + 400)


def test_a_second_save_replaces_the_first_and_makes_old_replicas_stale(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled
    index.save()
    replica = VectorIndex.open(index.directory, read_only=True)

    index.upsert([uuid.UUID(int=1)], rows[:1])
    index.save()

    assert replica.is_stale()
    assert replica.search(rows[0], 1)[0][0] == ids[0]  # still reads its own generation
    assert sorted(p.name for p in index.directory.iterdir()) == ["CURRENT", "gen-00000002"]
    reopened = VectorIndex.open(index.directory)
    assert len(reopened) == N + 1
    assert uuid.UUID(int=1) in reopened
    reopened.upsert([uuid.UUID(int=2)], rows[1:2])
    assert len(reopened) == N + 2


def test_an_index_never_saved_opens_empty(tmp_path: Path) -> None:
    index = VectorIndex.open(tmp_path / "nothing-yet", read_only=True)

    assert len(index) == 0
    assert index.search(unit_vectors(1)[0], 5) == []
    assert index.generation == ""


@pytest.mark.parametrize(
    "change",
    [
        lambda index, ids, rows: index.upsert(ids[:2], rows[:1]),
        lambda index, ids, rows: index.upsert(ids[:1], np.zeros((1, DIMENSIONS))),
        lambda index, ids, rows: index.upsert(ids[:1], np.full((1, DIMENSIONS), np.nan)),
        lambda index, ids, rows: index.upsert([uuid.UUID(int=0)], rows[:1]),
        lambda index, ids, rows: index.upsert(ids[:1], rows[:1, :100]),
        lambda index, ids, rows: index.search(rows[0], 0),
        lambda index, ids, rows: index.search(rows[0, :10], 3),
    ],
)
def test_bad_input_raises_and_changes_nothing(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
    change: Callable[[VectorIndex, list[uuid.UUID], Vectors], object],
) -> None:
    index, ids, rows = filled
    before = index.search(rows[0], 3)

    with pytest.raises(ValueError, match=r"(?i)vectors|UUID|k must|shape"):
        change(index, ids, rows)

    assert len(index) == N
    assert index.search(rows[0], 3) == before


def test_a_read_only_replica_refuses_writes(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors],
) -> None:
    index, ids, rows = filled
    index.save()
    replica = VectorIndex.open(index.directory, read_only=True)

    for write in (
        lambda: replica.upsert(ids[:1], rows[:1]),
        lambda: replica.remove(ids[:1]),
        replica.save,
    ):
        with pytest.raises(ValueError, match="read-only"):
            write()
    assert len(replica) == N


def test_each_distinct_passage_is_embedded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded: list[str] = []

    def counting(texts: Sequence[str]) -> Vectors:
        embedded.extend(texts)
        return embed_passages(texts)

    monkeypatch.setattr(vectors, "embed_passages", counting)
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite3")
    texts = ["Yoga mat, 6 mm", "Yoga mat, 6 mm", "Soccer ball, size 5", "Yoga mat, 6 mm"]

    first = passage_vectors(texts, cache=cache)
    again = passage_vectors(list(reversed(texts)), cache=EmbeddingCache(cache.path))

    assert embedded == ["Yoga mat, 6 mm", "Soccer ball, size 5"]
    assert len(cache) == 2
    np.testing.assert_array_equal(first[0], first[1])
    np.testing.assert_array_equal(again[::-1], first)
    np.testing.assert_allclose(first[2], embed_passages(["Soccer ball, size 5"])[0], atol=1e-3)


def test_a_product_vector_is_the_normalised_sum_of_its_passage_vectors(tmp_path: Path) -> None:
    passages = [("Yoga mat, 6 mm", "Sporting Goods > Yoga Mats"), ("Soccer ball",)]
    title, path, ball = embed_passages(
        ["Yoga mat, 6 mm", "Sporting Goods > Yoga Mats", "Soccer ball"]
    )

    plain = product_vectors(passages)
    cached = product_vectors(passages, cache=EmbeddingCache(tmp_path / "cache.sqlite3"))

    expected = (title + path) / np.linalg.norm(title + path)
    np.testing.assert_allclose(plain[0], expected, atol=1e-6)
    np.testing.assert_allclose(plain[1], ball, atol=1e-6)
    np.testing.assert_allclose(cached, plain, atol=2e-3)  # the cache keeps float16
    with pytest.raises(ValueError, match="at least one passage"):
        product_vectors([("Soccer ball",), ()])


def test_the_background_is_the_mean_similarity_to_a_sample_of_the_index(
    filled: tuple[VectorIndex, list[uuid.UUID], Vectors], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, _ids, rows = filled
    query = unit_vectors(1, seed=5)[0]

    monkeypatch.setattr(vectors, "BACKGROUND_SAMPLE", N)
    whole = index.background_similarity(query)
    monkeypatch.setattr(vectors, "BACKGROUND_SAMPLE", 50)
    sampled = index.background_similarity(query)

    assert whole == pytest.approx(float(np.mean(rows @ query)), abs=0.002)
    assert sampled != whole
    assert abs(sampled - whole) < 0.05
    assert VectorIndex(index.directory / "empty").background_similarity(query) == 0.0
