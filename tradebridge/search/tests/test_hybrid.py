"""Hybrid ranking: reciprocal rank fusion (its laws, by hypothesis) and the rule for which
semantic neighbours count as matches, on the real model: queries in French, German, Spanish
and Chinese mostly find the English-only product they mean, and queries about things no
product is about find nothing."""

import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.search.embeddings import product_passages
from tradebridge.search.hybrid import (
    RRF_K,
    SEMANTIC_MATCH_LIFT,
    SEMANTIC_MATCH_WINDOW,
    fuse,
    semantic_candidates,
    semantic_matches,
)
from tradebridge.search.tests.test_embeddings import LABELLED, QUERIES
from tradebridge.search.vectors import VectorIndex, product_vectors

ids = st.integers(min_value=1, max_value=40).map(lambda number: uuid.UUID(int=number))
rankings = st.lists(
    st.tuples(ids, st.floats(min_value=0, max_value=50)), max_size=30, unique_by=lambda x: x[0]
)


def u(number: int) -> uuid.UUID:
    return uuid.UUID(int=number)


@given(rankings, rankings)
def test_fusion_is_symmetric(
    keyword: list[tuple[uuid.UUID, float]], semantic: list[tuple[uuid.UUID, float]]
) -> None:
    assert fuse(keyword, semantic) == fuse(semantic, keyword)


@given(rankings, rankings, ids)
def test_an_item_first_in_both_lists_is_first(
    keyword: list[tuple[uuid.UUID, float]],
    semantic: list[tuple[uuid.UUID, float]],
    top: uuid.UUID,
) -> None:
    keyword = [(top, 9.0), *[(i, s) for i, s in keyword if i != top]]
    semantic = [(top, 0.9), *[(i, s) for i, s in semantic if i != top]]

    fused = fuse(keyword, semantic)

    assert fused[0][0] == top
    assert fused[0][1] == pytest.approx(2 / (RRF_K + 1))


@given(rankings, rankings)
def test_fusion_keeps_every_item_once_best_first(
    keyword: list[tuple[uuid.UUID, float]], semantic: list[tuple[uuid.UUID, float]]
) -> None:
    fused = fuse(keyword, semantic)

    assert [i for i, _s in fused] == list(dict.fromkeys(i for i, _s in fused))
    assert {i for i, _s in fused} == {i for i, _s in keyword} | {i for i, _s in semantic}
    assert [s for _i, s in fused] == sorted((s for _i, s in fused), reverse=True)


@given(rankings)
def test_one_list_alone_keeps_its_order(keyword: list[tuple[uuid.UUID, float]]) -> None:
    assert [i for i, _s in fuse(keyword, [])] == [i for i, _s in keyword]


def test_fused_scores_are_reciprocal_ranks() -> None:
    fused = fuse([(u(1), 12.0), (u(2), 7.5), (u(3), 1.0)], [(u(3), 0.9), (u(4), 0.8)], k=10)

    # A tie at the same best rank (u2, u4): the smaller UUID first.
    assert [item for item, _score in fused] == [u(3), u(1), u(2), u(4)]
    assert [score for _item, score in fused] == pytest.approx(
        [
            1 / 13 + 1 / 11,
            1 / 11,
            1 / 12,
            1 / 12,
        ]
    )


def test_a_repeated_item_counts_at_its_best_rank() -> None:
    fused = fuse([(u(1), 3.0), (u(2), 2.0), (u(1), 1.0)], [], k=1)

    assert [item for item, _score in fused] == [u(1), u(2)]
    assert [score for _item, score in fused] == pytest.approx([1 / 2, 1 / 3])


def test_k_must_be_positive() -> None:
    with pytest.raises(ValueError, match="k must be"):
        fuse([], [], k=0)


def test_matches_stand_above_the_background_and_near_the_best() -> None:
    floor = 0.80 + SEMANTIC_MATCH_LIFT
    neighbours = [
        (u(1), floor + SEMANTIC_MATCH_WINDOW + 0.02),
        (u(2), floor + 0.03),
        (u(3), floor + 0.01),
        (u(4), floor - 0.01),
    ]

    assert [i for i, _s in semantic_matches(neighbours, background=0.80)] == [u(1), u(2)]
    assert [i for i, _s in semantic_matches(neighbours[2:], background=0.80)] == [u(3)]
    assert semantic_matches(neighbours[3:], background=0.80) == []
    assert semantic_matches(neighbours, background=0.90) == []
    assert semantic_matches([], background=0.0) == []


UNRELATED = (
    "mortgage refinancing rates",
    "taxi to the airport",
    "Steuererklärung",
    "horoscope for today",
    "法律咨询",
    "recette de crêpes",
    "quantum chromodynamics",
    "weather tomorrow",
    "software engineer job",
    "car insurance",
    "visa application",
    "online casino",
)


@pytest.fixture(scope="module")
def labelled_index(tmp_path_factory: pytest.TempPathFactory) -> VectorIndex:
    passages = [
        product_passages(title=title, category_path=path, language_titles={})
        for title, path, _queries in LABELLED
    ]
    index = VectorIndex.open(Path(tmp_path_factory.mktemp("vectors")))
    index.upsert([u(number + 1) for number in range(len(LABELLED))], product_vectors(passages))
    return index


def test_most_queries_in_another_language_match_the_product_they_mean(
    labelled_index: VectorIndex,
) -> None:
    """A quality floor measured on the labelled set (last run: 56 of 80; fr 12, de 14, es 15,
    zh 15 of 20; among the misses "足球" and "Fußball", whose soccer ball stands 0.030 above
    the background, under the 0.040 lift). Matches stay few: the window cuts the next kind."""
    found: dict[str, list[bool]] = {}
    for number, language, query in QUERIES:
        matches = semantic_candidates(query, index=labelled_index, limit=10)
        assert len(matches) <= 3, (query, matches)
        found.setdefault(language, []).append(u(number + 1) in {i for i, _s in matches})

    everything = [hit for hits in found.values() for hit in hits]
    assert sum(everything) >= 0.65 * len(everything)
    for language, hits in found.items():
        assert sum(hits) >= 0.55 * len(hits), language


def test_queries_about_nothing_the_catalog_sells_match_nothing(
    labelled_index: VectorIndex,
) -> None:
    matched = [
        text for text in UNRELATED if semantic_candidates(text, index=labelled_index, limit=10)
    ]

    assert matched == []


def test_a_product_query_in_english_matches_that_product_alone(
    labelled_index: VectorIndex,
) -> None:
    assert [i for i, _s in semantic_candidates("soccer ball", index=labelled_index, limit=10)] == [
        u(1)
    ]


def test_blank_text_finds_nothing_and_limit_must_be_positive(
    labelled_index: VectorIndex,
) -> None:
    assert semantic_candidates("   ", index=labelled_index, limit=10) == []
    with pytest.raises(ValueError, match="limit"):
        semantic_candidates("yoga", index=labelled_index, limit=0)
