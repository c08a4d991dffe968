"""The matching API: an RFQ's ranked suppliers (`GET /rfqs/{rfq_id}/matches`, its buyer or
the operator) and a supplier's "RFQs for you" inbox (`GET /rfq-inbox`). Reads only; the
ranking is stored when the RFQ opens (`rfq.services.matching`)."""

import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from tradebridge.companies.api.auth import auth_membership, auth_user
from tradebridge.companies.permissions import is_operator
from tradebridge.core.api.pagination import PagePagination
from tradebridge.rfq.api.matching_schemas import InboxRFQOut, SupplierMatchOut
from tradebridge.rfq.matching.selectors import (
    rfq_inbox_for_supplier,
    rfq_matches_for_buyer,
    rfq_matches_for_operator,
)
from tradebridge.rfq.models import RFQ, RFQInvitation

router = Router(tags=["rfq: matching"])


@router.get(
    "/rfqs/{rfq_id}/matches",
    response=list[SupplierMatchOut],
    summary="List the suppliers matched to your RFQ",
)
@paginate(PagePagination)
def rfq_matches(request: HttpRequest, rfq_id: uuid.UUID) -> QuerySet[RFQInvitation]:
    """The RFQ's ranked suppliers, best first, each with its `score` (0-1) and the `reasons`
    it fits: the suppliers the buyer invited and the best matches. For the RFQ's buyer and
    the platform operator; anyone else gets 404."""
    user = auth_user(request)
    if is_operator(user):
        return rfq_matches_for_operator(user=user, rfq_id=rfq_id)
    return rfq_matches_for_buyer(actor=auth_membership(request), rfq_id=rfq_id)


@router.get("/rfq-inbox", response=list[InboxRFQOut], summary="List the RFQs for you")
@paginate(PagePagination)
def rfq_inbox(request: HttpRequest) -> QuerySet[RFQ]:
    """The open RFQs your company (a supplier) may quote on: those it was invited to or
    matched with first, by fit (`score`, with the `reasons`), then the other public ones,
    newest first. Nothing about other suppliers. A suspended supplier gets an empty list."""
    return rfq_inbox_for_supplier(actor=auth_membership(request))
