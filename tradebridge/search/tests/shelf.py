"""A small marketplace for the search API and page tests: two suppliers in two provinces, a
buyer, five products that differ in every facet, yesterday's ECB rates, and an index of it."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role, VerificationLevel
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.models import FxRate
from tradebridge.search.services.indexing import search_reindex

SOCCER_BALLS = 1112  # Sporting Goods > Athletics > Soccer > Soccer Balls
SOCCER = 1111
SPORTING_GOODS = 988
CANDLE_HOLDERS = 2784  # Home & Garden > ... > Candle Holders

# Units per euro (real ECB reference rates of 2024-06-14).
RATES = {"USD": "1.0700", "CNY": "7.7646", "GBP": "0.84250", "JPY": "168.23"}


@dataclass(frozen=True)
class Shelf:
    xiamen: Company  # Fujian, business verified
    ningbo: Company  # Zhejiang, unverified
    buyer: Membership  # the owner of a German buyer company
    ball: Product  # USD 4.20-3.90, MOQ 100, CE, in stock, samples, 15 days, Fujian
    cones: Product  # USD 2.00, MOQ 50, made to order, 7 days, Fujian
    match_ball: Product  # EUR 9.00, MOQ 200, EN 71, made to order, 30 days, Zhejiang
    holder: Product  # CNY 12.00-10.00, MOQ 500, made to order, 20 days, Zhejiang
    draft: Product  # a draft soccer ball of Xiamen's: never shown

    def client_as_buyer(self) -> Client:
        client = Client()
        client.force_login(self.buyer.user)
        return client


def build_shelf() -> Shelf:
    """The marketplace, then the index of it (call inside a test with `search_index`)."""
    day = timezone.localdate() - timedelta(days=1)
    for currency, rate in RATES.items():
        FxRate.objects.create(date=day, currency=currency, rate=Decimal(rate))
    xiamen = SupplierFactory.create(
        slug="xiamen-sports",
        display_name="Xiamen Sports",
        legal_name="Xiamen Sports Goods Co., Ltd.",
        province="Fujian",
        verification_level=VerificationLevel.BUSINESS_VERIFIED,
    )
    ningbo = SupplierFactory.create(
        slug="ningbo-home",
        display_name="Ningbo Home",
        legal_name="Ningbo Home Decor Co., Ltd.",
        province="Zhejiang",
        city="Ningbo",
    )
    buyer_company = CompanyFactory.create(slug="berlin-buyer", kind=CompanyKind.BUYER)
    buyer = MembershipFactory.create(
        company=buyer_company, user=UserFactory.create(), role=Role.PURCHASER
    )
    shelf = Shelf(
        xiamen=xiamen,
        ningbo=ningbo,
        buyer=buyer,
        ball=ProductFactory.create(
            supplier=xiamen,
            sku="BALL",
            title="PU leather soccer ball size 5",
            description="Machine-stitched, butyl bladder.",
            category_id=SOCCER_BALLS,
            tiers=[(100, "4.20"), (500, "3.90")],
            stock=1000,
            certifications=["CE"],
            sample_available=True,
            lead_time_days=15,
        ),
        cones=ProductFactory.create(
            supplier=xiamen,
            sku="CONES",
            title="Training cone set for soccer drills",
            description="Fifty flexible cones in four colours.",
            category_id=SOCCER,
            tiers=[(50, "2.00")],
            lead_time_days=7,
        ),
        match_ball=ProductFactory.create(
            supplier=ningbo,
            sku="MATCH",
            title="Match soccer ball, thermally bonded",
            description="FIFA quality, seamless surface.",
            category_id=SOCCER_BALLS,
            currency="EUR",
            tiers=[(200, "9.00")],
            certifications=["EN 71"],
            lead_time_days=30,
        ),
        holder=ProductFactory.create(
            supplier=ningbo,
            sku="HOLDER",
            title="White hanging heart T-light holder",
            description="Painted metal, for tea lights.",
            category_id=CANDLE_HOLDERS,
            currency="CNY",
            tiers=[(500, "12.00"), (2000, "10.00")],
            lead_time_days=20,
        ),
        draft=ProductFactory.create(
            supplier=xiamen,
            sku="DRAFT",
            title="Secret soccer ball prototype",
            category_id=SOCCER_BALLS,
            status=ProductStatus.DRAFT,
            published_at=None,
        ),
    )
    search_reindex()
    return shelf
