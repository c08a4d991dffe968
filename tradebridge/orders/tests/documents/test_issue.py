"""Issuing trade documents: gap-free numbers per supplier and kind, once per order and kind,
a rollback gives the number back; confirmation issues the proforma, shipment the others."""

import uuid

import pytest
from django.db import transaction
from django.utils import timezone

from tradebridge.core.models import AuditEvent
from tradebridge.orders.documents.data import document_data_from_json
from tradebridge.orders.enums import OrderStatus, TradeDocumentKind
from tradebridge.orders.events import OrderStatusChanged
from tradebridge.orders.models import DocumentSequence, OrderEvent, TradeDocument
from tradebridge.orders.services.documents import (
    document_issue,
    documents_on_order_status_changed,
)
from tradebridge.orders.tests.documents.conftest import (
    CHINESE_NAME,
    ISSUED,
    german_buyer,
    make_order,
)

pytestmark = pytest.mark.django_db
PI, CI, PL = (
    TradeDocumentKind.PROFORMA_INVOICE,
    TradeDocumentKind.COMMERCIAL_INVOICE,
    TradeDocumentKind.PACKING_LIST,
)


def test_issue_numbers_and_freezes_the_order(order, supplier):
    document = document_issue(order_id=order.pk, kind=PI, now=ISSUED)

    assert document.number == "PI-2026-000001"
    assert document.supplier_id == supplier.pk
    assert document.issued_at == ISSUED
    data = document_data_from_json(document.snapshot)
    assert data.seller.legal_name == CHINESE_NAME
    assert data.seller.address_lines == ("Ningbo, Zhejiang",)
    assert data.seller.registration_number == "91330200MA2H3XYZ1Q"
    assert data.buyer.vat_number == "DE811907980"
    assert data.consignee is not None
    assert data.consignee.address_lines == ("Hafenstr. 4", "47119 Duisburg")
    assert [(line.sku, line.cartons) for line in data.lines] == [("YM-2201", 42), ("DB-10", 100)]
    assert data.shipment is None  # a proforma is issued before shipping
    audit = AuditEvent.objects.get(action="trade_document.issued")
    assert audit.data == {"order_id": str(order.pk), "kind": PI, "number": "PI-2026-000001"}
    assert not OrderEvent.objects.filter(order=order).exists()  # the timeline is the lifecycle's


def test_issuing_again_returns_the_same_document(order):
    first = document_issue(order_id=order.pk, kind=PI, now=ISSUED)
    again = document_issue(order_id=order.pk, kind=PI, now=ISSUED)

    assert again.pk == first.pk
    assert TradeDocument.objects.count() == 1
    assert DocumentSequence.objects.get().next_number == 2


def test_numbers_run_per_supplier_and_kind(order, supplier, buyer):
    second = make_order(supplier, buyer)
    other_supplier_order = make_order(german_buyer(), buyer)

    numbers = [
        document_issue(order_id=order.pk, kind=PI, now=ISSUED).number,
        document_issue(order_id=second.pk, kind=PI, now=ISSUED).number,
        document_issue(order_id=order.pk, kind=CI, now=ISSUED).number,
        document_issue(order_id=other_supplier_order.pk, kind=PI, now=ISSUED).number,
    ]

    assert numbers == ["PI-2026-000001", "PI-2026-000002", "CI-2026-000001", "PI-2026-000001"]


def test_a_rollback_does_not_burn_a_number(order, supplier, buyer):
    def ship_and_fail() -> None:
        with transaction.atomic():
            document_issue(order_id=order.pk, kind=PI, now=ISSUED)
            raise RuntimeError("the shipment failed after the documents were issued")

    with pytest.raises(RuntimeError):
        ship_and_fail()

    assert TradeDocument.objects.count() == 0
    assert document_issue(order_id=order.pk, kind=PI, now=ISSUED).number == "PI-2026-000001"


def test_an_unknown_order_raises(db):
    with pytest.raises(Exception, match="does not exist"):
        document_issue(order_id=uuid.uuid4(), kind=PI, now=ISSUED)


def event(order, previous, status):
    return OrderStatusChanged(
        order_id=order.pk,
        buyer_id=order.buyer_id,
        supplier_id=order.supplier_id,
        previous=previous,
        status=status,
        by="test",
    )


@pytest.mark.parametrize("status", [OrderStatus.AWAITING_DEPOSIT, OrderStatus.IN_PRODUCTION])
def test_confirmation_issues_the_proforma(order, status):
    documents_on_order_status_changed(event(order, OrderStatus.AWAITING_CONFIRMATION, status))

    assert list(TradeDocument.objects.values_list("kind", flat=True)) == [PI]


def test_shipment_issues_the_commercial_invoice_and_packing_list(order):
    documents_on_order_status_changed(
        event(order, OrderStatus.AWAITING_CONFIRMATION, OrderStatus.IN_PRODUCTION)
    )
    documents_on_order_status_changed(event(order, OrderStatus.READY_TO_SHIP, OrderStatus.SHIPPED))

    documents = TradeDocument.objects.filter(order=order)
    year = timezone.localdate().year  # the handler issues them now
    assert sorted(documents.values_list("number", flat=True)) == [
        f"CI-{year}-000001",
        f"PI-{year}-000001",
        f"PL-{year}-000001",
    ]
    shipped = document_data_from_json(documents.get(kind=CI).snapshot).shipment
    assert shipped is not None
    assert (shipped.carrier, shipped.tracking_number) == ("COSCO", "COSU1234567")


@pytest.mark.parametrize(
    ("previous", "status"),
    [
        (OrderStatus.AWAITING_DEPOSIT, OrderStatus.IN_PRODUCTION),
        (OrderStatus.AWAITING_CONFIRMATION, OrderStatus.CANCELLED),
        (OrderStatus.SHIPPED, OrderStatus.DELIVERED),
    ],
)
def test_other_moves_issue_nothing(order, previous, status):
    documents_on_order_status_changed(event(order, previous, status))

    assert TradeDocument.objects.count() == 0
