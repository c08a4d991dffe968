"""`POST /api/v1/deals/{id}/order`: the deal's buyer orders an agreed deal, at its frozen
terms. The answer is the order as `GET /api/v1/orders/{id}` shows it.

A supplier of the deal gets 403, anyone else 404 (as for a deal that does not exist); a deal
already ordered answers 409 `deal_already_ordered`.
"""

from typing import Annotated
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import Field, StringConstraints

from tradebridge.companies.api.auth import auth_membership
from tradebridge.companies.api.schemas import StrictIn
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.params import NO_NUL, NO_NUL_NOT_BLANK
from tradebridge.orders.api.order_endpoints import order_detail
from tradebridge.orders.api.order_schemas import OrderDetailOut
from tradebridge.orders.selectors import order_get_for_company
from tradebridge.orders.services.addresses import ShipTo
from tradebridge.rfq.services.deal_orders import deal_order

router = Router(tags=["rfq: quotes"])

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=NO_NUL)]
Required = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200, pattern=NO_NUL_NOT_BLANK)
]


class ShipToIn(StrictIn):
    name: Required
    line1: Required
    line2: Text = ""
    city: Required
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] = ""
    country: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=2)]


class DealOrderIn(StrictIn):
    ship_to: ShipToIn | None = Field(
        None, description="Left out: your company's default shipping address."
    )
    po_number: Annotated[str, StringConstraints(max_length=64, pattern=NO_NUL)] = ""


@router.post(
    "/deals/{deal_id}/order",
    response={201: OrderDetailOut},
    summary="Order an agreed deal",
    openapi_extra=error_responses(403, 409),
)
@idempotent
def deal_order_create(
    request: HttpRequest, deal_id: UUID, payload: DealOrderIn
) -> Status[OrderDetailOut]:
    """Place the one order of an agreed deal (its buyer: owners, admins, purchasers), at the
    deal's price, quantity, currency and frozen FX rate, Incoterm, deposit and balance terms
    and lead time. The supplier then confirms it as any order."""
    actor = auth_membership(request)
    ship_to = ShipTo(**payload.ship_to.model_dump()) if payload.ship_to is not None else None
    order = deal_order(actor=actor, deal_id=deal_id, ship_to=ship_to, po_number=payload.po_number)
    return Status(201, order_detail(actor, order_get_for_company(actor=actor, order_id=order.pk)))
