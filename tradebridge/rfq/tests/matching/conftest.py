"""A small marketplace for matching tests: a soccer-ball maker, a mug maker, the buyer."""

from dataclasses import dataclass

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import Role, VerificationLevel
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.rfq.matching.similarity import similarity_provider, similarity_provider_set
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.tests.factories import BuyerFactory, RFQFactory

SOCCER_BALLS = 1112  # Sporting Goods > Athletics > Soccer > Soccer Balls
SOCCER = 1111
MUGS = 2169  # Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs


@dataclass
class Market:
    buyer: Company
    buyer_member: Membership
    balls: Company  # sells soccer balls, CE certified, business verified
    balls_member: Membership
    mugs: Company  # sells mugs
    mugs_member: Membership
    rfq: RFQ  # public, open: soccer balls, CE asked


def supplier_with(titles: list[str], category_id: int, **fields: object) -> Company:
    supplier = SupplierFactory.create(**fields)
    for title in titles:
        ProductFactory.create(
            supplier=supplier,
            title=title,
            category=Category.objects.get(id=category_id),
            certifications=["CE"] if category_id == SOCCER_BALLS else [],
            status=ProductStatus.PUBLISHED,
        )
    return supplier


@pytest.fixture
def market(db: None) -> Market:
    balls = supplier_with(
        ["PU leather soccer ball size 5", "Training football size 4 machine stitched"],
        SOCCER_BALLS,
        display_name="Xiamen Balls",
        verification_level=VerificationLevel.BUSINESS_VERIFIED,
    )
    mugs = supplier_with(
        ["Ceramic coffee mug 350 ml", "Enamel camping mug"], MUGS, display_name="Mug Works"
    )
    buyer = BuyerFactory.create(display_name="Paris Sports")
    return Market(
        buyer=buyer,
        buyer_member=MembershipFactory.create(company=buyer, role=Role.PURCHASER),
        balls=balls,
        balls_member=MembershipFactory.create(company=balls, role=Role.SALES),
        mugs=mugs,
        mugs_member=MembershipFactory.create(company=mugs, role=Role.SALES),
        rfq=RFQFactory.create(
            buyer=buyer,
            title="Soccer balls size 5",
            description="PU leather match balls with our logo.",
            category_id=SOCCER_BALLS,
            certifications=["ce"],
        ),
    )


@pytest.fixture(autouse=True)
def _provider_restored() -> object:
    """Tests may register their own similarity provider; the app's comes back after."""
    registered = similarity_provider()
    yield
    similarity_provider_set(registered)
