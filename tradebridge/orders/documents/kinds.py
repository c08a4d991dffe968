"""The trade-document kinds as they appear in URLs: `proforma-invoice`, `commercial-invoice`,
`packing-list`."""

from typing import Final

from tradebridge.core.errors import NotFound
from tradebridge.orders.enums import TradeDocumentKind

KIND_SLUGS: Final = {kind: kind.value.replace("_", "-") for kind in TradeDocumentKind}
_BY_SLUG: Final = {slug: kind for kind, slug in KIND_SLUGS.items()}


def kind_from_slug(slug: str) -> TradeDocumentKind:
    """The kind a URL names; NotFound for anything else (the URL names no document)."""
    kind = _BY_SLUG.get(slug)
    if kind is None:
        raise NotFound("No such document.")
    return kind
