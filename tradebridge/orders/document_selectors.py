"""Reading an order's trade documents, scoped to the order's two companies.

"Not yours" raises the same NotFound as "not issued yet" or "does not exist".
"""

import uuid

from django.db.models import Q

from tradebridge.core.errors import NotFound
from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.models import TradeDocument


def _parties(company_id: uuid.UUID) -> Q:
    return Q(order__buyer_id=company_id) | Q(order__supplier_id=company_id)


def document_get_for_company(
    *, company_id: uuid.UUID, order_id: uuid.UUID, kind: TradeDocumentKind
) -> TradeDocument:
    """The issued document of `kind` of an order the company bought or sold; else NotFound."""
    document = (
        TradeDocument.objects.filter(_parties(company_id), order_id=order_id, kind=kind)
        .select_related("order")
        .first()
    )
    if document is None:
        raise NotFound("No such document.")
    return document


def document_list_for_company(*, company_id: uuid.UUID, order_id: uuid.UUID) -> list[TradeDocument]:
    """The order's issued documents (proforma, commercial invoice, packing list order), or
    none when the company is not one of the order's two."""
    order = {kind.value: index for index, kind in enumerate(TradeDocumentKind)}
    documents = TradeDocument.objects.filter(_parties(company_id), order_id=order_id)
    return sorted(documents, key=lambda document: order[document.kind])
