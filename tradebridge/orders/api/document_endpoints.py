"""Trade documents endpoints: an order's proforma invoice, commercial invoice and packing list
as PDFs, for the active members of the order's buyer and supplier.

Anyone else (another company), a document not issued yet (the proforma comes with the
supplier's confirmation, the other two with the shipment) and an unknown kind answer 404;
anonymous callers 401. The PDF is rendered in the caller's language (`Accept-Language`).
"""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router

from tradebridge.companies.api.auth import auth_membership
from tradebridge.core.api.openapi import error_responses
from tradebridge.orders.document_selectors import document_get_for_company
from tradebridge.orders.documents.kinds import kind_from_slug
from tradebridge.orders.services.documents import document_pdf

router = Router(tags=["Trade documents"])


@router.get(
    "/orders/{order_id}/documents/{kind}.pdf",
    summary="Download a trade document (PDF)",
    openapi_extra={
        "responses": {
            200: {  # ninja's own key for its 200: a "200" string would be a second one
                "description": "The PDF, as an attachment named after its number.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            **error_responses(404)["responses"],
        }
    },
)
def document_download(request: HttpRequest, order_id: UUID, kind: str) -> HttpResponse:
    """`kind`: `proforma-invoice`, `commercial-invoice` or `packing-list`. The file is named
    after the document's number, e.g. `PI-2026-000042.pdf`."""
    actor = auth_membership(request)
    document_kind = kind_from_slug(kind)
    document = document_get_for_company(
        company_id=actor.company_id, order_id=order_id, kind=document_kind
    )
    content = document_pdf(actor=actor, order_id=order_id, kind=document_kind)
    return pdf_response(content, filename=f"{document.number}.pdf")


def pdf_response(content: bytes, *, filename: str) -> HttpResponse:
    """A PDF download: attachment, never sniffed, never cached by shared caches."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
