"""Ordering an agreed deal: the deal's buyer places the one order the deal allows, with the
deal's frozen terms (price, quantity, currency and FX rate, Incoterm and named place, deposit
and balance terms, lead time) handed to orders as plain values. Nothing of the deal is
re-priced. A second order of the same deal answers 409 `deal_already_ordered` (orders backs
it with a unique constraint, so two racing requests make one order).

The deal's agreement publishes no order: the buyer places it (ship-to address, PO number).
"""

import uuid
from datetime import datetime

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import PermissionDenied
from tradebridge.core.money import Money
from tradebridge.orders.models import Order
from tradebridge.orders.services.addresses import ShipTo
from tradebridge.orders.services.deal_orders import order_create_from_deal
from tradebridge.rfq.quote_selectors import deal_get_for_party


def deal_order(
    *,
    actor: Membership,
    deal_id: uuid.UUID,
    ship_to: ShipTo | None,
    po_number: str = "",
    now: datetime | None = None,
) -> Order:
    """Place the order of the deal `deal_id` for the actor's company, its buyer; `ship_to`
    None uses the company's default shipping address. Raises NotFound (not a party to the
    deal), PermissionDenied (the supplier's side: reason `wrong_side`; a role without
    PLACE_ORDERS), DealAlreadyOrdered (409), ShipToRequired / ValidationFailed (422)."""
    deal = deal_get_for_party(actor=actor, deal_id=deal_id)
    if deal.buyer_id != actor.company_id:
        raise PermissionDenied(reason="wrong_side", side="buyer")
    ensure_can(actor, Permission.PLACE_ORDERS)
    rfq = deal.rfq
    return order_create_from_deal(
        actor=actor,
        deal_reference=deal.reference,
        supplier_id=deal.supplier_id,
        product_id=rfq.product_id,
        title=rfq.title,
        quantity=deal.quantity,
        unit=rfq.unit,
        unit_price=Money(deal.unit_price, deal.currency),
        incoterm=deal.incoterm,
        named_place=deal.named_place,
        deposit_percent=deal.deposit_percent,
        balance_due=deal.balance_due,
        lead_time_days=deal.lead_time_days,
        fx=dict(deal.fx or {}),
        ship_to=ship_to,
        po_number=po_number,
        now=now,
    )
