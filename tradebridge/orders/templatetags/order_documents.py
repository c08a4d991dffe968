"""`{% documents_panel %}`: the order page's trade documents card (the page's `actor` and
`order` in the context). Lists the documents issued so far with their download links, and
says when the others come."""

from typing import Any

from django import template
from django.urls import reverse

from tradebridge.orders.document_selectors import document_list_for_company
from tradebridge.orders.documents.kinds import KIND_SLUGS
from tradebridge.orders.enums import TradeDocumentKind

register = template.Library()


@register.inclusion_tag("orders/_documents_panel_body.html", takes_context=True)
def documents_panel(context: template.Context) -> dict[str, Any]:
    actor, order = context["actor"], context["order"]
    documents = document_list_for_company(company_id=actor.company_id, order_id=order.pk)
    issued = {document.kind for document in documents}
    rows = [
        {
            "document": document,
            "label": TradeDocumentKind(document.kind).label,
            "url": reverse(
                "orders_document",
                kwargs={"order_id": order.pk, "kind": KIND_SLUGS[TradeDocumentKind(document.kind)]},
            ),
        }
        for document in documents
    ]
    return {
        "rows": rows,
        "awaiting_proforma": TradeDocumentKind.PROFORMA_INVOICE not in issued,
        "awaiting_shipping": TradeDocumentKind.COMMERCIAL_INVOICE not in issued,
    }
