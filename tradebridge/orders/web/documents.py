"""Downloading an order's trade documents from the order page (the session's member): the
same rules as the API (`orders.api.document_endpoints`)."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.orders.document_selectors import document_get_for_company
from tradebridge.orders.documents.kinds import kind_from_slug
from tradebridge.orders.services.documents import document_pdf


@require_GET
@acting_member
def document_download(
    request: HttpRequest, actor: Membership, order_id: uuid.UUID, kind: str
) -> HttpResponse:
    """The PDF as an attachment named after its number; 404 when not issued or not yours."""
    document_kind = kind_from_slug(kind)
    document = document_get_for_company(
        company_id=actor.company_id, order_id=order_id, kind=document_kind
    )
    content = document_pdf(actor=actor, order_id=order_id, kind=document_kind)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
