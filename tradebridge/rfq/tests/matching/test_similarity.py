"""The similarity interface: a registered provider judges what it can, the lexical fallback
the rest; the lexical words and scores."""

from collections.abc import Collection, Mapping
from uuid import UUID

import pytest

from tradebridge.rfq.matching.lexical import LexicalSimilarity, overlap_scores, words
from tradebridge.rfq.matching.similarity import (
    GroupKey,
    similarity_provider_set,
    supplier_similarities,
)
from tradebridge.rfq.tests.matching.conftest import MUGS, SOCCER_BALLS, Market

A = UUID(int=1)
B = UUID(int=2)


class OnlyKnows:
    """A provider with vectors for some products only."""

    name = "fake"

    def __init__(self, known: Mapping[UUID, float]) -> None:
        self.known = known
        self.asked: list[str] = []

    def similarities(
        self, *, text: str, groups: Mapping[GroupKey, Collection[UUID]]
    ) -> dict[GroupKey, float]:
        self.asked.append(text)
        return {
            key: max(self.known[pid] for pid in ids if pid in self.known)
            for key, ids in groups.items()
            if any(pid in self.known for pid in ids)
        }


def _groups(market: Market) -> dict[GroupKey, list[UUID]]:
    return {
        (market.balls.id, SOCCER_BALLS): list(market.balls.products.values_list("id", flat=True)),
        (market.mugs.id, MUGS): list(market.mugs.products.values_list("id", flat=True)),
    }


@pytest.mark.django_db
def test_without_a_provider_every_supplier_is_judged_lexically(market: Market) -> None:
    similarity_provider_set(None)

    scores, judged_by = supplier_similarities(text="soccer ball size 5", groups=_groups(market))

    assert judged_by == {market.balls.id: "lexical", market.mugs.id: "lexical"}
    assert scores[market.balls.id] == 1.0
    assert scores[market.mugs.id] == 0.0


@pytest.mark.django_db
def test_the_provider_judges_what_it_has_vectors_for_and_the_rest_falls_back(
    market: Market,
) -> None:
    ball = market.balls.products.first()
    assert ball is not None
    provider = OnlyKnows({ball.id: 0.7})
    similarity_provider_set(provider)

    scores, judged_by = supplier_similarities(text="ceramic mug", groups=_groups(market))

    assert provider.asked == ["ceramic mug"]
    assert judged_by == {market.balls.id: "fake", market.mugs.id: "lexical"}
    assert scores == {market.balls.id: 0.7, market.mugs.id: 1.0}


@pytest.mark.django_db
def test_a_supplier_takes_its_best_group(market: Market) -> None:
    similarity_provider_set(None)
    ball_ids = list(market.balls.products.values_list("id", flat=True))
    mug_ids = list(market.mugs.products.values_list("id", flat=True))
    groups: dict[GroupKey, list[UUID]] = {(A, SOCCER_BALLS): ball_ids, (A, MUGS): mug_ids}

    scores, _ = supplier_similarities(text="enamel mug", groups=groups)

    assert scores == {A: 1.0}


def test_an_empty_text_is_judged_zero_without_asking_the_provider() -> None:
    provider = OnlyKnows({})
    similarity_provider_set(provider)

    assert LexicalSimilarity().similarities(text="  ", groups={(A, None): []}) == {(A, None): 0.0}
    assert provider.asked == []


def test_words_fold_case_accents_width_and_plurals_and_pair_chinese_characters() -> None:
    assert words("Ballons de FOOTBALL, taille 5!") == ["ballon", "football", "taille", "5"]
    assert words(
        "Café crème \uff2d\uff55\uff47\uff53"
    )  # full-width "Mugs" == ["cafe", "creme", "mug"]
    assert words("陶瓷茶壶 teapot") == ["陶瓷", "瓷茶", "茶壶", "teapot"]
    assert words("球") == ["球"]
    assert words("the glass") == ["glass"]


def test_overlap_scores_weigh_rare_words_more_and_ignore_words_no_one_uses() -> None:
    documents = {A: {"soccer", "ball"}, B: {"basket", "ball"}}

    scores = overlap_scores(["soccer", "ball", "please"], documents)

    assert scores[A] == 1.0
    assert 0 < scores[B] < 0.5
    assert overlap_scores(["unknown"], documents) == {A: 0.0, B: 0.0}
