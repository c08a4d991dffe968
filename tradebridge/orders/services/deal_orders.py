"""Ordering an agreed deal: the deal's frozen terms (passed as plain values by rfq, which sits
above orders) become one purchase with one order, through the same `order_create` as the
cart. A deal is ordered once (409 `deal_already_ordered`, also under a race: a partial unique
constraint on the deal reference backs the check). No stock is taken: a deal is made to
order."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.catalog.models import Product
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import Conflict, ValidationFailed
from tradebridge.core.money import Money
from tradebridge.orders.enums import OrderSource
from tradebridge.orders.models import Order
from tradebridge.orders.services.addresses import ShipTo, ship_to_for_checkout
from tradebridge.orders.services.checkout import terms_clean
from tradebridge.orders.services.order_create import (
    LineSpec,
    OrderSpec,
    order_create,
    purchase_create,
)


class DealAlreadyOrdered(Conflict):
    """details: `deal_reference`, `order_id` (when known)."""

    code = "deal_already_ordered"
    default_message = "This deal has already been ordered."


def order_create_from_deal(
    *,
    actor: Membership,
    deal_reference: str,
    supplier_id: uuid.UUID,
    product_id: uuid.UUID | None,
    title: str,
    quantity: int,
    unit: str,
    unit_price: Money,
    incoterm: str,
    named_place: str,
    deposit_percent: Decimal,
    balance_due: str,
    lead_time_days: int | None,
    fx: dict[str, Any],
    ship_to: ShipTo | None,
    po_number: str = "",
    now: datetime | None = None,
) -> Order:
    """Place the order of an agreed deal for the actor's company (the deal's buyer: rfq has
    checked that). Raises PermissionDenied (PLACE_ORDERS), ShipToRequired / ValidationFailed
    (422), DealAlreadyOrdered (409)."""
    ensure_can(actor, Permission.PLACE_ORDERS)
    now = now or timezone.now()
    address = ship_to_for_checkout(actor, ship_to)
    terms = terms_clean(po_number, incoterm, named_place, "")
    if quantity < 1 or unit_price.amount <= 0:
        raise ValidationFailed("The deal's quantity and price must be positive.")
    line = _line(product_id, supplier_id, title, quantity, unit, unit_price)
    spec = OrderSpec(
        supplier_id=supplier_id,
        currency=unit_price.currency,
        lines=(line,),
        terms=terms,
        source=OrderSource.DEAL,
        deposit_percent=deposit_percent,
        balance_due=balance_due,
        lead_time_days=lead_time_days,
        category_id=_category_of(product_id),
        deal_reference=deal_reference,
        fx=fx,
    )
    try:
        with transaction.atomic():
            _refuse_ordered(deal_reference)
            purchase = purchase_create(actor=actor, ship_to=address, terms=terms, now=now)
            order, _ = order_create(
                actor=actor, purchase=purchase, ship_to=address, spec=spec, now=now
            )
    except IntegrityError:
        if Order.objects.filter(source=OrderSource.DEAL, deal_reference=deal_reference).exists():
            raise DealAlreadyOrdered(deal_reference=deal_reference) from None
        raise
    return order


def _refuse_ordered(deal_reference: str) -> None:
    existing = (
        Order.objects.filter(source=OrderSource.DEAL, deal_reference=deal_reference)
        .values_list("pk", flat=True)
        .first()
    )
    if existing is not None:
        raise DealAlreadyOrdered(deal_reference=deal_reference, order_id=str(existing))


def _category_of(product_id: uuid.UUID | None) -> int | None:
    if product_id is None:
        return None
    return Product.objects.filter(pk=product_id).values_list("category_id", flat=True).first()


def _line(
    product_id: uuid.UUID | None,
    supplier_id: uuid.UUID,
    title: str,
    quantity: int,
    unit: str,
    unit_price: Money,
) -> LineSpec:
    product = (
        Product.objects.filter(pk=product_id, supplier_id=supplier_id).first()
        if product_id is not None
        else None
    )
    return LineSpec(
        product_id=product.pk if product is not None else None,
        variant_id=None,
        sku=product.sku if product is not None else "",
        title=title[:300],
        unit=unit,
        quantity=quantity,
        unit_price=unit_price.amount,
        line_total=(unit_price * quantity).rounded().amount,
        hs_code=product.hs_code if product is not None else "",
        origin_country=product.origin_country if product is not None else "",
        weight_kg=product.weight_kg if product is not None else None,
        units_per_carton=product.units_per_carton if product is not None else None,
    )
