"""The demo buyers' RFQs and the demo suppliers' quotes, as they wrote them.

Moments are relative to the time of loading: an RFQ opened `opened_ago` before it, its quote
deadline `deadline` from it (negative: passed, so the RFQ closed at it); a quote came `after`
the opening, a counter-offer `after` the quote, the supplier's revision `after` the
counter-offer. People are named by e-mail (`tradebridge.demo.marketplace`), suppliers by the
e-mail domain of their people, categories by their Google Product Taxonomy path.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Final

from tradebridge.demo.catalogs.vocabulary import (
    BRIGHTWAY,
    HAICANG,
    HOMEWELL,
    LUMEN,
    SILKROAD,
    STRIDE,
)

JONAS: Final = "jonas.weber@rheinsport.example"
ANNA: Final = "anna.schmidt@rheinsport.example"
CLAIRE: Final = "claire.martin@maison-lumiere.example"
HUGO: Final = "hugo.bernard@maison-lumiere.example"
MIKE: Final = "mike.johnson@lakeshore-supply.example"
SARAH: Final = "sarah.davis@lakeshore-supply.example"
# Who quotes for each supplier (its sales person, or its owner).
QUOTING: Final = {
    HAICANG: "chen.jie@haicang-sports.example",
    BRIGHTWAY: "liu.yang@brightway-yiwu.example",
    LUMEN: "xu.ting@lumen-electronics.example",
    STRIDE: "su.lin@stride-sportswear.example",
    HOMEWELL: "ye.na@homewell-appliance.example",
    SILKROAD: "he.jun@silkroad-garment.example",
}

SOCCER_BALLS: Final = "Sporting Goods > Athletics > Soccer > Soccer Balls"
GOALKEEPER_GLOVES: Final = "Sporting Goods > Athletics > Soccer > Soccer Gloves"
YOGA_MATS: Final = "Sporting Goods > Exercise & Fitness > Yoga & Pilates > Yoga & Pilates Mats"
LED_BULBS: Final = "Home & Garden > Lighting > Light Bulbs > LED Light Bulbs"
BALLOONS: Final = "Arts & Entertainment > Party & Celebration > Party Supplies > Balloons"
POWER_BANKS: Final = (
    "Electronics > Electronics Accessories > Power > Batteries > Mobile Phone Batteries"
)
ACTIVEWEAR: Final = "Apparel & Accessories > Clothing > Activewear"
SHIRTS: Final = "Apparel & Accessories > Clothing > Shirts & Tops"
KETTLES: Final = "Home & Garden > Kitchen & Dining > Kitchen Appliances > Electric Kettles"
HAIR_DRYERS: Final = (
    "Health & Beauty > Personal Care > Hair Care > Hair Styling Tools > Hair Dryers"
)


class Outcome(StrEnum):
    OPEN = "open"  # still taking quotes
    CLOSED = "closed"  # its deadline passed; the buyer is deciding
    AWARDED = "awarded"  # a quote accepted: an agreed deal


@dataclass(frozen=True, slots=True)
class Revision:
    """The supplier's answer to a counter-offer: new tiers, lead time and notes."""

    after: timedelta
    tiers: tuple[tuple[int, str], ...]
    notes: str
    lead_time_days: int | None = None  # None: unchanged


@dataclass(frozen=True, slots=True)
class Counter:
    """The buyer's counter-offer; `revision` None: the supplier has not answered yet."""

    after: timedelta
    target_unit_price: str
    currency: str
    terms: str
    quantity: int | None = None
    revision: Revision | None = None


@dataclass(frozen=True, slots=True)
class DemoQuote:
    supplier: str  # e-mail domain
    after: timedelta
    currency: str
    tiers: tuple[tuple[int, str], ...]  # (minimum quantity, unit price)
    lead_time_days: int
    incoterm: str
    named_place: str
    notes: str
    valid_days: int = 30
    deposit_percent: int = 30
    balance_due: str = "before_shipment"
    sample: tuple[str, int] | None = None  # (price, days)
    counter: Counter | None = None


@dataclass(frozen=True, slots=True)
class DemoRFQ:
    buyer: str  # the author's e-mail
    language: str
    title: str
    description: str
    quantity: int
    target_unit_price: str
    currency: str
    destination_country: str
    destination_place: str
    incoterm: str
    category: str
    opened_ago: timedelta
    deadline: timedelta
    needed_in_days: int
    unit: str = "piece"
    specs: tuple[tuple[str, str], ...] = ()
    certifications: tuple[str, ...] = ()
    sample_needed: bool = False
    invited: tuple[str, ...] = ()  # non-empty: invited suppliers only
    product_of: str | None = None  # about a product of this supplier (in `category`)
    product_words: tuple[str, ...] = ()  # ... preferably one whose title has these words
    quotes: tuple[DemoQuote, ...] = ()
    outcome: Outcome = Outcome.OPEN
    accepted: tuple[str, timedelta] | None = None  # (supplier, after the opening)

    @property
    def target(self) -> Decimal:
        return Decimal(self.target_unit_price)


def hours(count: float) -> timedelta:
    return timedelta(hours=count)


def days(count: float) -> timedelta:
    return timedelta(days=count)
