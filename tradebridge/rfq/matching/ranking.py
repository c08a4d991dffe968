"""How well each candidate supplier fits an RFQ: a score in [0, 1] and the reasons behind it.

Pure: frozen dataclasses in, frozen dataclasses out, no ORM. The score is a weighted sum of
six components, each in [0, 1] and non-decreasing in its feature, so a supplier never ranks
lower for holding more of what the RFQ asks for:

| component | feature | weight |
|---|---|---|
| text | similarity of the RFQ's text to the supplier's products (0..1) | 0.40 |
| category | published products in the RFQ's category subtree: n / (n + 10) | 0.25 |
| certifications | share of the asked certifications the supplier's products hold | 0.15 |
| verification | unverified 0, e-mail 1/3, business 2/3, audited 1 | 0.10 |
| response rate | percent / 100 | 0.05 |
| response time | 1 / (1 + median hours / 24) | 0.05 |

A feature the RFQ does not ask for (no category, no certification) gives every supplier 0,
so it changes no order. Unknown response metrics (a new supplier) count as middling (0.5):
no evidence is not bad evidence. A supplier is *relevant* when it has products in the
category or a text similarity of at least RELEVANT_SIMILARITY; irrelevant suppliers are left
out unless the buyer invited them. Ties break by supplier id, so the order never depends on
the order of the input.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final
from uuid import UUID

from tradebridge.rfq.matching.reasons import (
    Reason,
    ReasonCode,
)

WEIGHT_TEXT: Final = 0.40
WEIGHT_CATEGORY: Final = 0.25
WEIGHT_CERTIFICATIONS: Final = 0.15
WEIGHT_VERIFICATION: Final = 0.10
WEIGHT_RESPONSE_RATE: Final = 0.05
WEIGHT_RESPONSE_TIME: Final = 0.05
CATEGORY_HALF: Final = 10  # products in the category that earn half the category component
UNKNOWN_RESPONSE: Final = 0.5
RELEVANT_SIMILARITY: Final = 0.25
SIMILAR_REASON_AT: Final = 0.35  # text similarity from which "sells similar products" shows
VERIFICATION_LEVELS: Final = 3
GOOD_RESPONSE_RATE: Final = 80.0  # from this response rate the reason shows
FAST_REPLY_SECONDS: Final = 24 * 3600  # from this median first response the reason shows
SCORE_DIGITS: Final = 4


@dataclass(frozen=True, slots=True)
class MatchCriteria:
    """What the RFQ asks for, as matching sees it."""

    category_name: str = ""  # the RFQ's category (or its product's), "" when none
    certifications: frozenset[str] = frozenset()  # normalised with `certification_key`


@dataclass(frozen=True, slots=True)
class SupplierFeatures:
    """What matching knows about one candidate supplier."""

    supplier_id: UUID
    products_in_category: int = 0
    similarity: float | None = None  # 0..1; None: nothing to compare
    certifications: frozenset[str] = frozenset()  # held, normalised with `certification_key`
    verification_rank: int = 0  # 0 unverified .. 3 audited
    response_rate: float | None = None  # percent, 0..100
    median_response_seconds: int | None = None
    invited: bool = False


@dataclass(frozen=True, slots=True)
class SupplierMatch:
    """One supplier's fit: `score` in [0, 1] (rounded to SCORE_DIGITS), reasons best first."""

    supplier_id: UUID
    score: float
    reasons: tuple[Reason, ...] = field(default=())


def certification_key(name: str) -> str:
    """The form certifications are compared in: "ce " and "CE" are the same mark."""
    return " ".join(name.split()).upper()


def supplier_score(criteria: MatchCriteria, features: SupplierFeatures) -> float:
    """The weighted sum of the components (module docstring), in [0, 1], unrounded."""
    return (
        WEIGHT_TEXT * _unit(features.similarity or 0.0)
        + WEIGHT_CATEGORY * _category_component(features.products_in_category)
        + WEIGHT_CERTIFICATIONS * _certification_component(criteria, features)
        + WEIGHT_VERIFICATION * _unit(features.verification_rank / VERIFICATION_LEVELS)
        + WEIGHT_RESPONSE_RATE * _response_rate_component(features.response_rate)
        + WEIGHT_RESPONSE_TIME * _response_time_component(features.median_response_seconds)
    )


def is_relevant(features: SupplierFeatures) -> bool:
    """Whether the supplier sells what the RFQ is about (products in its category, or
    products whose text is similar enough)."""
    return features.products_in_category > 0 or (
        features.similarity is not None and features.similarity >= RELEVANT_SIMILARITY
    )


def rank_suppliers(
    criteria: MatchCriteria,
    candidates: Iterable[SupplierFeatures],
    *,
    limit: int | None = None,
    always: Collection[UUID] = (),
) -> list[SupplierMatch]:
    """The relevant or invited candidates, best first (ties by supplier id): the first
    `limit` of them (all when None) and, wherever they rank, those in `always`. A supplier
    listed twice counts once (its last features). Reasons are built only for the suppliers
    returned. Raises ValueError if `limit` < 0.
    """
    if limit is not None and limit < 0:
        msg = "limit must not be negative."
        raise ValueError(msg)
    unique = {features.supplier_id: features for features in candidates}
    scored = sorted(
        (
            (-round(supplier_score(criteria, features), SCORE_DIGITS), features.supplier_id)
            for features in unique.values()
            if features.invited or is_relevant(features)
        ),
    )
    kept = [
        (score, supplier_id)
        for position, (score, supplier_id) in enumerate(scored)
        if limit is None or position < limit or supplier_id in always
    ]
    return [
        SupplierMatch(
            supplier_id=supplier_id,
            score=-score,
            reasons=supplier_reasons(criteria, unique[supplier_id]),
        )
        for score, supplier_id in kept
    ]


def supplier_reasons(criteria: MatchCriteria, features: SupplierFeatures) -> tuple[Reason, ...]:
    """Why this supplier fits, in a fixed order: invitation, category, text, certifications,
    verification, response time, response rate. Only what speaks for the supplier."""
    reasons: list[Reason] = []
    if features.invited:
        reasons.append(Reason(ReasonCode.INVITED))
    if features.products_in_category > 0 and criteria.category_name:
        reasons.append(
            Reason(
                ReasonCode.CATEGORY_PRODUCTS,
                _params(count=features.products_in_category, category=criteria.category_name),
            )
        )
    if features.similarity is not None and features.similarity >= SIMILAR_REASON_AT:
        reasons.append(Reason(ReasonCode.SIMILAR_PRODUCTS))
    held = sorted(criteria.certifications & features.certifications)
    if held:
        reasons.append(Reason(ReasonCode.CERTIFIED, _params(certifications=", ".join(held))))
    if features.verification_rank >= VERIFICATION_LEVELS - 1:
        code = (
            ReasonCode.AUDITED
            if features.verification_rank >= VERIFICATION_LEVELS
            else ReasonCode.BUSINESS_VERIFIED
        )
        reasons.append(Reason(code))
    reasons.extend(_response_reasons(features))
    return tuple(reasons)


def _response_reasons(features: SupplierFeatures) -> list[Reason]:
    reasons = []
    seconds = features.median_response_seconds
    if seconds is not None and seconds <= FAST_REPLY_SECONDS:
        hours = max(1, -(-seconds // 3600))  # rounded up: "within 3 h" must hold
        reasons.append(Reason(ReasonCode.REPLIES_WITHIN, _params(hours=hours)))
    rate = features.response_rate
    if rate is not None and rate >= GOOD_RESPONSE_RATE:
        reasons.append(Reason(ReasonCode.RESPONSE_RATE, _params(percent=round(rate))))
    return reasons


def _params(**values: str | int) -> Mapping[str, str | int]:
    return dict(sorted(values.items()))


def _unit(value: float) -> float:
    return min(1.0, max(0.0, value))


def _category_component(count: int) -> float:
    count = max(0, count)
    return count / (count + CATEGORY_HALF)


def _certification_component(criteria: MatchCriteria, features: SupplierFeatures) -> float:
    if not criteria.certifications:
        return 0.0
    held = criteria.certifications & features.certifications
    return len(held) / len(criteria.certifications)


def _response_rate_component(rate: float | None) -> float:
    return UNKNOWN_RESPONSE if rate is None else _unit(rate / 100)


def _response_time_component(seconds: int | None) -> float:
    if seconds is None:
        return UNKNOWN_RESPONSE
    return 1 / (1 + max(0, seconds) / (24 * 3600))
