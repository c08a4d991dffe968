"""An order's rows frozen into the DocumentData of one of its trade documents.

The seller is the supplier company, the buyer the buyer company (legal names, city and
province, country, VAT and registration numbers as they are when the document is issued);
the consignee is the order's ship-to snapshot. The lines are the order's line snapshots.
"""

from datetime import datetime

from django.utils import timezone

from tradebridge.companies.models import Company
from tradebridge.orders.documents.data import (
    DocumentData,
    DocumentLine,
    Party,
    PaymentTerms,
    Shipment,
)
from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.models import Order, OrderLine

SHIPPING_KINDS = frozenset({TradeDocumentKind.COMMERCIAL_INVOICE, TradeDocumentKind.PACKING_LIST})


def document_data_from_order(
    order: Order, *, kind: TradeDocumentKind, number: str, issued_at: datetime
) -> DocumentData:
    """What the document of `kind` numbered `number` says about `order` at `issued_at`."""
    lines = order.lines.order_by("position", "id")
    return DocumentData(
        kind=kind.value,
        number=number,
        issued_on=timezone.localdate(issued_at),
        order_reference=order.reference,
        order_date=timezone.localdate(order.created_at),
        po_number=order.po_number,
        seller=_company(order.supplier),
        buyer=_company(order.buyer),
        consignee=_consignee(order),
        incoterm=order.incoterm,
        named_place=order.named_place,
        payment_terms=PaymentTerms(order.deposit_percent, order.balance_due),
        currency=order.currency,
        lines=tuple(_line(line, index) for index, line in enumerate(lines, start=1)),
        total=order.total,
        shipment=_shipment(order) if kind in SHIPPING_KINDS else None,
    )


def _company(company: Company) -> Party:
    place = ", ".join(part for part in (company.city, company.province) if part)
    return Party(
        legal_name=company.legal_name,
        address_lines=(place,) if place else (),
        country=company.country,
        vat_number=company.vat_number,
        registration_number=company.registration_number,
    )


def _consignee(order: Order) -> Party | None:
    if not order.ship_to_name and not order.ship_to_line1:
        return None
    city = " ".join(part for part in (order.ship_to_postal_code, order.ship_to_city) if part)
    lines = (order.ship_to_line1, order.ship_to_line2, city)
    return Party(
        legal_name=order.ship_to_name,
        address_lines=tuple(line for line in lines if line),
        country=order.ship_to_country,
    )


def _line(line: OrderLine, position: int) -> DocumentLine:
    return DocumentLine(
        position=position,
        sku=line.sku,
        title=line.title,
        variant_label=line.variant_label,
        hs_code=line.hs_code,
        origin_country=line.origin_country,
        quantity=line.quantity,
        unit=line.unit,
        unit_price=line.unit_price,
        line_total=line.line_total,
        unit_weight_kg=line.weight_kg,
        units_per_carton=line.units_per_carton,
    )


def _shipment(order: Order) -> Shipment:
    shipped_on = timezone.localdate(order.shipped_at) if order.shipped_at else None
    return Shipment(
        shipped_on=shipped_on, carrier=order.carrier, tracking_number=order.tracking_number
    )
