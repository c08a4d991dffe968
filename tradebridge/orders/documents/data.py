"""What a trade document says, as frozen values: both companies, the order's terms and lines.

A document is rendered from a `DocumentData` only (never from live rows), so a PDF issued
today reads the same next year even if the supplier renames itself or the catalog changes.
The data is frozen into `TradeDocument.snapshot` when the document is issued
(`document_data_to_json` / `document_data_from_json` round-trip exactly).

Derived figures (cartons, weights, the deposit and the balance) are computed here, purely:
cartons = ceil(quantity / units per carton); net weight = quantity x unit weight; gross
weight = net weight + CARTON_TARE_KG per carton (the catalog holds no packaging weight yet,
so the packing list says the tare is an estimate).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from tradebridge.core.money import minor_units

CARTON_TARE_KG: Final = Decimal("0.5")
_ZERO: Final = Decimal(0)


@dataclass(frozen=True, slots=True)
class Party:
    """A company as the document names it: seller (the supplier), buyer or consignee."""

    legal_name: str
    address_lines: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2
    vat_number: str = ""
    registration_number: str = ""


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One order line as sold, with what customs and the packing list need."""

    position: int
    sku: str
    title: str
    variant_label: str
    hs_code: str
    origin_country: str
    quantity: int
    unit: str
    unit_price: Decimal
    line_total: Decimal
    unit_weight_kg: Decimal | None
    units_per_carton: int | None

    @property
    def cartons(self) -> int | None:
        """ceil(quantity / units per carton); None when the product gives no carton size."""
        if not self.units_per_carton:
            return None
        return -(-self.quantity // self.units_per_carton)

    @property
    def net_weight_kg(self) -> Decimal | None:
        if self.unit_weight_kg is None:
            return None
        return self.unit_weight_kg * self.quantity

    @property
    def gross_weight_kg(self) -> Decimal | None:
        """Net weight plus the estimated tare of the line's cartons (none: net weight)."""
        net = self.net_weight_kg
        if net is None:
            return None
        return net + CARTON_TARE_KG * (self.cartons or 0)


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    """The deposit percent and when the balance is due (one of rfq's BalanceDue values as a
    plain string; blank for full prepayment)."""

    deposit_percent: Decimal
    balance_due: str


@dataclass(frozen=True, slots=True)
class Shipment:
    """How the goods left (commercial invoice and packing list only)."""

    shipped_on: date | None
    carrier: str
    tracking_number: str


@dataclass(frozen=True, slots=True)
class DocumentData:
    """Everything one trade document shows. `kind` is a TradeDocumentKind value."""

    kind: str
    number: str
    issued_on: date
    order_reference: str
    order_date: date
    po_number: str
    seller: Party
    buyer: Party
    consignee: Party | None
    incoterm: str
    named_place: str
    payment_terms: PaymentTerms
    currency: str
    lines: tuple[DocumentLine, ...]
    total: Decimal
    shipment: Shipment | None = None

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_cartons(self) -> int | None:
        """The cartons of every line; None when any line has no carton size (unknown)."""
        cartons = [line.cartons for line in self.lines]
        return None if any(c is None for c in cartons) else sum(c or 0 for c in cartons)

    @property
    def total_net_weight_kg(self) -> Decimal | None:
        return _sum_known([line.net_weight_kg for line in self.lines])

    @property
    def total_gross_weight_kg(self) -> Decimal | None:
        return _sum_known([line.gross_weight_kg for line in self.lines])

    @property
    def deposit_amount(self) -> Decimal:
        """total x deposit % / 100, half-up to the currency's minor unit (as the escrow's
        deposit instalment)."""
        step = Decimal(1).scaleb(-minor_units(self.currency))
        raw = self.total * self.payment_terms.deposit_percent / 100
        return raw.quantize(step, rounding=ROUND_HALF_UP)

    @property
    def balance_amount(self) -> Decimal:
        return self.total - self.deposit_amount


def _sum_known(values: list[Decimal | None]) -> Decimal | None:
    """The sum, or None when any value is unknown (a partial total would mislead customs)."""
    if any(value is None for value in values):
        return None
    return sum((value or _ZERO for value in values), _ZERO)


def document_data_to_json(data: DocumentData) -> dict[str, Any]:
    """The snapshot stored on the TradeDocument: decimals and dates as strings."""
    return {
        "kind": data.kind,
        "number": data.number,
        "issued_on": data.issued_on.isoformat(),
        "order_reference": data.order_reference,
        "order_date": data.order_date.isoformat(),
        "po_number": data.po_number,
        "seller": _party_to_json(data.seller),
        "buyer": _party_to_json(data.buyer),
        "consignee": _party_to_json(data.consignee) if data.consignee else None,
        "incoterm": data.incoterm,
        "named_place": data.named_place,
        "deposit_percent": str(data.payment_terms.deposit_percent),
        "balance_due": data.payment_terms.balance_due,
        "currency": data.currency,
        "lines": [_line_to_json(line) for line in data.lines],
        "total": str(data.total),
        "shipment": _shipment_to_json(data.shipment) if data.shipment else None,
    }


def document_data_from_json(raw: Mapping[str, Any]) -> DocumentData:
    """The inverse of `document_data_to_json`. Raises KeyError/ValueError on a broken one."""
    consignee, shipment = raw.get("consignee"), raw.get("shipment")
    return DocumentData(
        kind=raw["kind"],
        number=raw["number"],
        issued_on=date.fromisoformat(raw["issued_on"]),
        order_reference=raw["order_reference"],
        order_date=date.fromisoformat(raw["order_date"]),
        po_number=raw["po_number"],
        seller=_party_from_json(raw["seller"]),
        buyer=_party_from_json(raw["buyer"]),
        consignee=_party_from_json(consignee) if consignee else None,
        incoterm=raw["incoterm"],
        named_place=raw["named_place"],
        payment_terms=PaymentTerms(Decimal(raw["deposit_percent"]), raw["balance_due"]),
        currency=raw["currency"],
        lines=tuple(_line_from_json(line) for line in raw["lines"]),
        total=Decimal(raw["total"]),
        shipment=_shipment_from_json(shipment) if shipment else None,
    )


def _party_to_json(party: Party) -> dict[str, Any]:
    return {
        "legal_name": party.legal_name,
        "address_lines": list(party.address_lines),
        "country": party.country,
        "vat_number": party.vat_number,
        "registration_number": party.registration_number,
    }


def _party_from_json(raw: Mapping[str, Any]) -> Party:
    return Party(
        legal_name=raw["legal_name"],
        address_lines=tuple(raw["address_lines"]),
        country=raw["country"],
        vat_number=raw["vat_number"],
        registration_number=raw["registration_number"],
    )


def _line_to_json(line: DocumentLine) -> dict[str, Any]:
    return {
        "position": line.position,
        "sku": line.sku,
        "title": line.title,
        "variant_label": line.variant_label,
        "hs_code": line.hs_code,
        "origin_country": line.origin_country,
        "quantity": line.quantity,
        "unit": line.unit,
        "unit_price": str(line.unit_price),
        "line_total": str(line.line_total),
        "unit_weight_kg": None if line.unit_weight_kg is None else str(line.unit_weight_kg),
        "units_per_carton": line.units_per_carton,
    }


def _line_from_json(raw: Mapping[str, Any]) -> DocumentLine:
    weight = raw["unit_weight_kg"]
    return DocumentLine(
        position=int(raw["position"]),
        sku=raw["sku"],
        title=raw["title"],
        variant_label=raw["variant_label"],
        hs_code=raw["hs_code"],
        origin_country=raw["origin_country"],
        quantity=int(raw["quantity"]),
        unit=raw["unit"],
        unit_price=Decimal(raw["unit_price"]),
        line_total=Decimal(raw["line_total"]),
        unit_weight_kg=None if weight is None else Decimal(weight),
        units_per_carton=raw["units_per_carton"],
    )


def _shipment_to_json(shipment: Shipment) -> dict[str, Any]:
    shipped_on = shipment.shipped_on
    return {
        "shipped_on": shipped_on.isoformat() if shipped_on else None,
        "carrier": shipment.carrier,
        "tracking_number": shipment.tracking_number,
    }


def _shipment_from_json(raw: Mapping[str, Any]) -> Shipment:
    shipped_on = raw["shipped_on"]
    return Shipment(
        shipped_on=date.fromisoformat(shipped_on) if shipped_on else None,
        carrier=raw["carrier"],
        tracking_number=raw["tracking_number"],
    )
