"""How similar an RFQ's text is to what each supplier sells, behind one interface.

A supplier's catalog is split into *groups*, one per (supplier, category) with the group's
published product ids, newest first: a wholesaler of mugs and candles is then near a request
for mugs through its mug group, where one vector for its whole catalog would be a blur.
A supplier's similarity is its best group's.

The search app (above rfq) registers the provider that uses the meaning vectors of its index
(`search/supplier_similarity.py`) with `similarity_provider_set` from `SearchConfig.ready()`.
A group that provider cannot judge (no vectors: no index on this node yet, products embedded
later, a test without vectors) falls back to `lexical.LexicalSimilarity`, which needs only
the database; the two scales differ, so a supplier judged by both keeps the higher figure.
"""

from collections.abc import Collection, Mapping
from typing import Protocol
from uuid import UUID

from tradebridge.rfq.matching.lexical import LexicalSimilarity

type GroupKey = tuple[UUID, int | None]  # (supplier id, category id)


class SupplierSimilarity(Protocol):
    """Similarity of a text to groups of products, each in [0, 1] (0: unrelated)."""

    name: str

    def similarities(
        self, *, text: str, groups: Mapping[GroupKey, Collection[UUID]]
    ) -> dict[GroupKey, float]:
        """The similarity of `text` to each group it can judge; a group it cannot (no
        vectors for any of its products) is left out. Must not raise for an empty text."""
        ...


_provider: SupplierSimilarity | None = None


def similarity_provider_set(provider: SupplierSimilarity | None) -> None:
    """Make `provider` the one used before the lexical fallback (None: lexical only)."""
    global _provider  # one process-wide registration, done at start-up (or by tests)
    _provider = provider


def similarity_provider() -> SupplierSimilarity | None:
    return _provider


def supplier_similarities(
    *, text: str, groups: Mapping[GroupKey, Collection[UUID]]
) -> tuple[dict[UUID, float], dict[UUID, str]]:
    """Each supplier's similarity to `text` (its best group's) and which provider judged it
    ("vectors", "lexical"...). Suppliers without groups are absent."""
    judged: dict[GroupKey, tuple[float, str]] = {}
    provider = _provider
    if provider is not None and text.strip():
        for key, value in provider.similarities(text=text, groups=groups).items():
            if key in groups:
                judged[key] = (_unit(value), provider.name)
    rest = {key: ids for key, ids in groups.items() if key not in judged}
    if rest:
        fallback = LexicalSimilarity()
        for key, value in fallback.similarities(text=text, groups=rest).items():
            judged[key] = (_unit(value), fallback.name)
    best: dict[UUID, float] = {}
    source: dict[UUID, str] = {}
    for (supplier_id, _category), (value, name) in sorted(judged.items(), key=_order):
        if supplier_id not in best or value > best[supplier_id]:
            best[supplier_id], source[supplier_id] = value, name
    return best, source


def _order(item: tuple[GroupKey, tuple[float, str]]) -> tuple[UUID, int]:
    (supplier_id, category_id), _ = item
    return supplier_id, -1 if category_id is None else category_id


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
