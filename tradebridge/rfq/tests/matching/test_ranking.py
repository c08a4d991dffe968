"""Ranking suppliers for an RFQ: examples, then its laws as hypothesis properties (no database)."""

import dataclasses
import random
from uuid import UUID

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.rfq.matching.ranking import (
    MatchCriteria,
    SupplierFeatures,
    certification_key,
    is_relevant,
    rank_suppliers,
    supplier_reasons,
    supplier_score,
)
from tradebridge.rfq.matching.reasons import (
    Reason,
    ReasonCode,
    reason_text,
    reasons_as_json,
    reasons_from_json,
)

BALLS = MatchCriteria(category_name="Soccer Balls", certifications=frozenset({"CE", "EN71"}))
A = UUID(int=1)
B = UUID(int=2)
C = UUID(int=3)


def test_the_supplier_with_products_in_the_category_ranks_first() -> None:
    ranked = rank_suppliers(
        BALLS,
        [
            SupplierFeatures(supplier_id=A, similarity=0.3),
            SupplierFeatures(supplier_id=B, products_in_category=240, similarity=0.6),
        ],
    )

    assert [match.supplier_id for match in ranked] == [B, A]
    assert ranked[0].reasons == (
        Reason(ReasonCode.CATEGORY_PRODUCTS, {"category": "Soccer Balls", "count": 240}),
        Reason(ReasonCode.SIMILAR_PRODUCTS),
    )


def test_irrelevant_suppliers_are_left_out_unless_invited() -> None:
    unrelated = SupplierFeatures(supplier_id=A, similarity=0.1, verification_rank=3)
    invited = SupplierFeatures(supplier_id=B, similarity=None, invited=True)

    ranked = rank_suppliers(BALLS, [unrelated, invited])

    assert [match.supplier_id for match in ranked] == [B]
    assert ranked[0].reasons == (Reason(ReasonCode.INVITED),)
    assert not is_relevant(unrelated)


def test_score_is_the_weighted_sum_of_the_components() -> None:
    features = SupplierFeatures(
        supplier_id=A,
        products_in_category=10,  # 10 / (10 + 10) = 0.5
        similarity=0.5,
        certifications=frozenset({"CE"}),  # 1 of 2 asked
        verification_rank=3,
        response_rate=100,
        median_response_seconds=0,
    )

    expected = 0.40 * 0.5 + 0.25 * 0.5 + 0.15 * 0.5 + 0.10 * 1 + 0.05 * 1 + 0.05 * 1
    assert supplier_score(BALLS, features) == pytest.approx(expected)


def test_unknown_response_metrics_count_as_middling() -> None:
    unknown = SupplierFeatures(supplier_id=A)
    known = SupplierFeatures(supplier_id=A, response_rate=50, median_response_seconds=86_400)

    assert supplier_score(BALLS, unknown) == pytest.approx(supplier_score(BALLS, known))


def test_reasons_name_what_speaks_for_the_supplier_in_a_fixed_order() -> None:
    features = SupplierFeatures(
        supplier_id=A,
        products_in_category=1,
        certifications=frozenset({"EN71", "CE", "ISO9001"}),
        verification_rank=2,
        response_rate=95.4,
        median_response_seconds=2 * 3600 + 1,
        invited=True,
    )

    assert supplier_reasons(BALLS, features) == (
        Reason(ReasonCode.INVITED),
        Reason(ReasonCode.CATEGORY_PRODUCTS, {"category": "Soccer Balls", "count": 1}),
        Reason(ReasonCode.CERTIFIED, {"certifications": "CE, EN71"}),
        Reason(ReasonCode.BUSINESS_VERIFIED),
        Reason(ReasonCode.REPLIES_WITHIN, {"hours": 3}),
        Reason(ReasonCode.RESPONSE_RATE, {"percent": 95}),
    )


def test_slow_or_rare_responders_get_no_response_reason() -> None:
    features = SupplierFeatures(
        supplier_id=A, response_rate=40, median_response_seconds=3 * 86_400, verification_rank=1
    )

    assert supplier_reasons(MatchCriteria(), features) == ()


def test_reason_texts_are_translated() -> None:
    reasons = (
        Reason(ReasonCode.CATEGORY_PRODUCTS, {"category": "Soccer Balls", "count": 240}),
        Reason(ReasonCode.CERTIFIED, {"certifications": "CE"}),
        Reason(ReasonCode.REPLIES_WITHIN, {"hours": 3}),
        Reason(ReasonCode.BUSINESS_VERIFIED),
    )

    with translation.override("en"):
        english = [reason_text(reason) for reason in reasons]
    with translation.override("fr"):
        french = [reason_text(reason) for reason in reasons]

    assert english == [
        "240 products in Soccer Balls",
        "CE certified",
        "Usually replies within 3 h",
        "Business verified",
    ]
    assert french == [
        "240 produits dans Soccer Balls",
        "Certifié CE",
        "Répond généralement en moins de 3 h",
        "Entreprise vérifiée",
    ]


def test_reasons_survive_storage_and_unknown_codes_are_skipped() -> None:
    reasons = (
        Reason(ReasonCode.CATEGORY_PRODUCTS, {"category": "Mugs", "count": 3}),
        Reason(ReasonCode.AUDITED),
    )
    stored = [*reasons_as_json(reasons), {"code": "from_the_future"}, "junk"]

    assert reasons_from_json(stored) == reasons
    assert reasons_from_json(None) == ()


def test_certifications_compare_case_and_space_folded() -> None:
    assert certification_key(" ce ") == "CE"
    assert certification_key("iso  9001") == "ISO 9001"


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        rank_suppliers(BALLS, [], limit=-1)


# --- laws ---------------------------------------------------------------------------------

_certs = st.frozensets(st.sampled_from(["CE", "EN71", "ISO 9001", "FSC"]), max_size=4)
features_strategy = st.builds(
    SupplierFeatures,
    supplier_id=st.uuids(),
    products_in_category=st.integers(min_value=0, max_value=10_000),
    similarity=st.none() | st.floats(min_value=0, max_value=1),
    certifications=_certs,
    verification_rank=st.integers(min_value=0, max_value=3),
    response_rate=st.none() | st.floats(min_value=0, max_value=100),
    median_response_seconds=st.none() | st.integers(min_value=0, max_value=30 * 86_400),
    invited=st.booleans(),
)
criteria_strategy = st.builds(
    MatchCriteria, category_name=st.sampled_from(["", "Mugs"]), certifications=_certs
)


@given(criteria_strategy, features_strategy, st.data())
def test_score_never_falls_when_a_feature_improves(
    criteria: MatchCriteria, features: SupplierFeatures, data: st.DataObject
) -> None:
    better = dataclasses.replace(
        features,
        products_in_category=features.products_in_category + data.draw(st.integers(0, 500)),
        similarity=min(1.0, (features.similarity or 0) + data.draw(st.floats(0, 1))),
        certifications=features.certifications | data.draw(_certs),
        verification_rank=min(3, features.verification_rank + data.draw(st.integers(0, 3))),
        response_rate=(
            None
            if features.response_rate is None
            else min(100.0, features.response_rate + data.draw(st.floats(0, 100)))
        ),
        median_response_seconds=(
            None
            if features.median_response_seconds is None
            else max(0, features.median_response_seconds - data.draw(st.integers(0, 86_400)))
        ),
    )

    assert supplier_score(criteria, better) >= supplier_score(criteria, features)
    assert 0 <= supplier_score(criteria, features) <= 1


@given(criteria_strategy, st.lists(features_strategy, max_size=12), st.randoms())
def test_ranking_is_ordered_deterministic_and_independent_of_input_order(
    criteria: MatchCriteria, candidates: list[SupplierFeatures], shuffler: random.Random
) -> None:
    ranked = rank_suppliers(criteria, candidates)
    shuffled = list({f.supplier_id: f for f in candidates}.values())
    shuffler.shuffle(shuffled)

    assert rank_suppliers(criteria, shuffled) == ranked
    keys = [(-match.score, match.supplier_id) for match in ranked]
    assert keys == sorted(keys)
    kept = {f.supplier_id for f in shuffled if f.invited or is_relevant(f)}
    assert {match.supplier_id for match in ranked} == kept


@given(criteria_strategy, st.lists(features_strategy, max_size=12), st.integers(0, 5))
def test_a_limit_keeps_the_best(
    criteria: MatchCriteria, candidates: list[SupplierFeatures], limit: int
) -> None:
    assert (
        rank_suppliers(criteria, candidates, limit=limit)
        == (rank_suppliers(criteria, candidates)[:limit])
    )


def test_ties_break_by_supplier_id() -> None:
    same = [SupplierFeatures(supplier_id=s, products_in_category=3) for s in (C, A, B)]

    assert [match.supplier_id for match in rank_suppliers(BALLS, same)] == [A, B, C]


@given(criteria_strategy, st.lists(features_strategy, max_size=12), st.integers(0, 5))
def test_always_keeps_its_suppliers_beyond_the_limit(
    criteria: MatchCriteria, candidates: list[SupplierFeatures], limit: int
) -> None:
    everyone = rank_suppliers(criteria, candidates)
    always = {match.supplier_id for match in everyone[limit::2]}

    kept = rank_suppliers(criteria, candidates, limit=limit, always=always)

    assert kept == [m for i, m in enumerate(everyone) if i < limit or m.supplier_id in always]
