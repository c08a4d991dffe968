"""The orders pages' cast: a buyer company with one member per role, two suppliers (A sells
in USD a ball with MOQ 10 and stock; B sells in EUR made-to-order gloves with two variants
and samples), and another buyer. Orders are placed through the cart and checkout services,
as a buyer would."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from tradebridge.catalog.models import Product, ProductVariant
from tradebridge.catalog.tests.factories import (
    ProductFactory,
    ProductVariantFactory,
    SupplierFactory,
)
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.orders.models import CartItem, Order, Purchase, ShippingAddress
from tradebridge.orders.services.addresses import ShipTo
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.checkout import checkout_place

HTMX = {"HX-Request": "true"}
SHIP_TO = ShipTo(
    name="Bolzplatz GmbH", line1="Hafenstrasse 1", city="Hamburg", postal_code="20457", country="DE"
)


@dataclass(frozen=True)
class Shop:
    buyer: Membership  # owner
    purchaser: Membership
    buyer_viewer: Membership
    buyer_sales: Membership
    supplier_a: Membership  # owner
    supplier_a_viewer: Membership
    supplier_b: Membership
    other_buyer: Membership
    ball: Product  # supplier A, USD, MOQ 10, tiers 10: 5.00, 100: 4.50, stock 500
    gloves: Product  # supplier B, EUR, variants, samples at 2.00
    glove_s: ProductVariant
    glove_m: ProductVariant

    def client(self, who: str) -> Client:
        client = Client()
        client.force_login(getattr(self, who).user)
        return client

    def add(
        self,
        who: str = "buyer",
        product: Product | None = None,
        quantity: int = 20,
        *,
        variant_id: uuid.UUID | None = None,
        is_sample: bool = False,
    ) -> CartItem:
        return cart_item_add(
            actor=getattr(self, who),
            product_id=(product or self.ball).pk,
            quantity=quantity,
            variant_id=variant_id,
            is_sample=is_sample,
        )

    def place(self, who: str = "buyer") -> Purchase:
        """Two orders: 20 balls from A, 60 + 40 gloves from B."""
        self.add(who)
        self.add(who, self.gloves, 60, variant_id=self.glove_s.pk)
        self.add(who, self.gloves, 40, variant_id=self.glove_m.pk)
        return checkout_place(actor=getattr(self, who), ship_to=SHIP_TO, po_number="PO-4711")

    def orders(self, purchase: Purchase) -> tuple[Order, Order]:
        by_supplier = {order.supplier_id: order for order in purchase.orders.all()}
        return by_supplier[self.supplier_a.company_id], by_supplier[self.supplier_b.company_id]


def _member(company: Company, role: Role) -> Membership:
    return MembershipFactory.create(company=company, role=role)


@pytest.fixture
def shop(db) -> Shop:
    buyer_company = CompanyFactory.create(
        kind=CompanyKind.BUYER, display_name="Bolzplatz GmbH", slug="bolzplatz"
    )
    supplier_a = SupplierFactory.create(display_name="Xiamen Balls", slug="xiamen-balls")
    supplier_b = SupplierFactory.create(
        display_name="Porto Gloves", slug="porto-gloves", country="PT", default_currency="EUR"
    )
    ball = ProductFactory.create(supplier=supplier_a, title="Match ball", stock=500)
    gloves = ProductFactory.create(
        supplier=supplier_b,
        title="Goalkeeper gloves",
        tiers=[(50, "12.00"), (100, "10.00")],
        sample_available=True,
        sample_price=Decimal("2.00"),
    )
    glove_s = ProductVariantFactory.create(product=gloves, sku="GL-S", options={"Size": "S"})
    glove_m = ProductVariantFactory.create(product=gloves, sku="GL-M", options={"Size": "M"})
    other = CompanyFactory.create(kind=CompanyKind.BUYER, display_name="Other Buyer")
    return Shop(
        buyer=_member(buyer_company, Role.OWNER),
        purchaser=_member(buyer_company, Role.PURCHASER),
        buyer_viewer=_member(buyer_company, Role.VIEWER),
        buyer_sales=_member(buyer_company, Role.SALES),
        supplier_a=_member(supplier_a, Role.OWNER),
        supplier_a_viewer=_member(supplier_a, Role.VIEWER),
        supplier_b=_member(supplier_b, Role.OWNER),
        other_buyer=_member(other, Role.OWNER),
        ball=ball,
        gloves=gloves,
        glove_s=glove_s,
        glove_m=glove_m,
    )


@pytest.fixture
def default_address(shop: Shop) -> ShippingAddress:
    return ShippingAddress.objects.create(
        company=shop.buyer.company,
        name="Bolzplatz GmbH",
        line1="Hafenstrasse 1",
        city="Hamburg",
        postal_code="20457",
        country="DE",
        is_default=True,
    )
