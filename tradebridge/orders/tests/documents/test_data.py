"""DocumentData: cartons, weights, deposit and balance, and the snapshot round trip (pure)."""

from datetime import date
from decimal import Decimal

from tradebridge.orders.documents.data import (
    DocumentData,
    DocumentLine,
    Party,
    PaymentTerms,
    Shipment,
    document_data_from_json,
    document_data_to_json,
)


def line(quantity=1000, per_carton=24, weight="0.8", **fields):
    values = {
        "position": 1,
        "sku": "YM",
        "title": "Mat",
        "variant_label": "",
        "hs_code": "9506.91",
        "origin_country": "CN",
        "quantity": quantity,
        "unit": "piece",
        "unit_price": Decimal("3.125"),
        "line_total": Decimal(3125),
        "unit_weight_kg": Decimal(weight) if weight is not None else None,
        "units_per_carton": per_carton,
    }
    return DocumentLine(**(values | fields))


def data(*lines, deposit="30", total="5625.00", currency="USD"):
    return DocumentData(
        kind="packing_list",
        number="PL-2026-000001",
        issued_on=date(2026, 12, 7),
        order_reference="ORD-X",
        order_date=date(2026, 12, 1),
        po_number="",
        seller=Party("宁波运动用品有限公司", ("Ningbo",), "CN", "", "913302"),
        buyer=Party("Rhein Sport GmbH", (), "DE", "DE811907980"),
        consignee=None,
        incoterm="FOB",
        named_place="Ningbo",
        payment_terms=PaymentTerms(Decimal(deposit), "before_shipment"),
        currency=currency,
        lines=lines or (line(),),
        total=Decimal(total),
        shipment=Shipment(date(2026, 12, 20), "COSCO", "COSU1"),
    )


def test_cartons_round_up_and_weights_add_the_tare():
    mats = line(quantity=1000, per_carton=24, weight="0.8")

    assert mats.cartons == 42
    assert mats.net_weight_kg == Decimal("800.0")
    assert mats.gross_weight_kg == Decimal("821.0")  # 42 cartons x 0.5 kg


def test_exact_cartons():
    assert line(quantity=48, per_carton=24).cartons == 2


def test_unknown_carton_size_or_weight_leaves_the_totals_unknown():
    known, no_carton, no_weight = line(), line(per_carton=None), line(weight=None)

    assert no_carton.cartons is None
    assert no_carton.gross_weight_kg == Decimal("800.0")
    assert no_weight.net_weight_kg is None
    assert data(known, no_carton).total_cartons is None
    assert data(known, no_weight).total_net_weight_kg is None
    assert data(known, line(quantity=200, per_carton=2, weight="20")).total_cartons == 142


def test_deposit_rounds_half_up_to_the_minor_unit_and_balance_is_the_rest():
    document = data(deposit="30", total="1000.05")

    assert document.deposit_amount == Decimal("300.02")  # 300.015 -> 300.02
    assert document.balance_amount == Decimal("700.03")
    assert data(deposit="30", total="1001", currency="JPY").deposit_amount == Decimal(300)


def test_the_snapshot_round_trips_exactly():
    document = data(line(), line(position=2, per_carton=None, weight=None))

    assert document_data_from_json(document_data_to_json(document)) == document
