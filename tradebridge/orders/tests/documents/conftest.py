"""Fixtures of the trade-document tests: an order of a Chinese supplier (a Chinese legal name)
to a German buyer, written straight into the tables (the documents read orders, they do not
place them)."""

import datetime
from decimal import Decimal

import pytest

from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderLine, Purchase

ISSUED = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)
CHINESE_NAME = "宁波运动用品有限公司"


def chinese_supplier() -> Company:
    return CompanyFactory.create(
        kind=CompanyKind.SUPPLIER,
        legal_name=CHINESE_NAME,
        display_name="Ningbo Sports",
        country="CN",
        province="Zhejiang",
        city="Ningbo",
        registration_number="91330200MA2H3XYZ1Q",
    )


def german_buyer() -> Company:
    return CompanyFactory.create(
        kind=CompanyKind.BUYER,
        legal_name="Rhein Sport GmbH",
        country="DE",
        city="Duisburg",
        vat_number="DE811907980",
    )


def make_order(supplier: Company, buyer: Company, *, status=OrderStatus.IN_PRODUCTION) -> Order:
    placed_by = MembershipFactory.create(company=buyer, role=Role.PURCHASER).user
    purchase = Purchase.objects.create(buyer=buyer, placed_by=placed_by)
    order = Order.objects.create(
        purchase=purchase,
        buyer=buyer,
        supplier=supplier,
        status=status,
        currency="USD",
        subtotal=Decimal("5625.00"),
        total=Decimal("5625.00"),
        deposit_percent=Decimal(30),
        balance_due="before_shipment",
        incoterm="FOB",
        named_place="Ningbo",
        po_number="PO-7781",
        placed_by=placed_by,
        ship_to_name="Rhein Sport Lager",
        ship_to_line1="Hafenstr. 4",
        ship_to_city="Duisburg",
        ship_to_postal_code="47119",
        ship_to_country="DE",
        carrier="COSCO",
        tracking_number="COSU1234567",
        shipped_at=ISSUED,
    )
    OrderLine.objects.create(
        order=order,
        sku="YM-2201",
        title="Yoga mat 6 mm TPE",
        unit="piece",
        hs_code="9506.91",
        origin_country="CN",
        weight_kg=Decimal("0.8"),
        units_per_carton=24,
        quantity=1000,
        unit_price=Decimal("3.125"),
        line_total=Decimal("3125.00"),
        position=0,
    )
    OrderLine.objects.create(
        order=order,
        sku="DB-10",
        title="Dumbbell 10 kg",
        unit="pair",
        hs_code="9506.91",
        origin_country="CN",
        weight_kg=Decimal(20),
        units_per_carton=2,
        quantity=200,
        unit_price=Decimal("12.50"),
        line_total=Decimal("2500.00"),
        position=1,
    )
    return order


@pytest.fixture
def supplier(db: None) -> Company:
    return chinese_supplier()


@pytest.fixture
def buyer(db: None) -> Company:
    return german_buyer()


@pytest.fixture
def order(supplier: Company, buyer: Company) -> Order:
    return make_order(supplier, buyer)


@pytest.fixture
def buyer_member(buyer: Company) -> Membership:
    return MembershipFactory.create(company=buyer, role=Role.VIEWER)


@pytest.fixture
def supplier_member(supplier: Company) -> Membership:
    return MembershipFactory.create(company=supplier, role=Role.SALES)
