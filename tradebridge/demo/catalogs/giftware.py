# ruff: noqa: E501  # one keyword rule per line reads best
"""The UK gift-ware wholesaler's range, from the UCI Online Retail products (CC BY 4.0; see
`tradebridge/demo/data/SOURCE.md`).

Each product row becomes a listing in GBP: tiers around the real median, minimum and maximum
unit prices, a category and an HS 2022 code chosen by keywords of the description, stock on the
shelf (a wholesaler ships from stock), and a case-pack MOQ that depends on the price.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from random import Random
from typing import Final

from tradebridge.catalog.pricing import Tier

DATA_FILE: Final = (
    Path(__file__).resolve().parent.parent / "data" / "uci_online_retail_products_derived.csv"
)
_PRODUCT_CODE: Final = re.compile(r"\d{5}[A-Z]{0,3}")
_PENNY: Final = Decimal("0.01")
# The current range: items still sold in the last quarter of the data and ordered regularly.
CURRENT_SINCE: Final = "2011-09-01"
MIN_ORDER_LINES: Final = 25


@dataclass(frozen=True, slots=True)
class Rule:
    """Descriptions matching `pattern` go to `category` (a full taxonomy path) with `hs_code`."""

    pattern: re.Pattern[str]
    category: str
    hs_code: str


def _rule(pattern: str, category: str, hs_code: str) -> Rule:
    return Rule(re.compile(pattern), category, hs_code)


_DECOR: Final = "Home & Garden > Decor"
_TABLEWARE: Final = "Home & Garden > Kitchen & Dining > Tableware"
_JEWELRY: Final = "Apparel & Accessories > Jewelry"
# First match wins: specific words before general ones.
RULES: Final[tuple[Rule, ...]] = (
    _rule(
        r"T-LIGHT|TEA ?LIGHT HOLDER|CANDLE ?HOLDER|CANDLESTICK|LANTERN",
        f"{_DECOR} > Home Fragrance Accessories > Candle Holders",
        "940550",
    ),
    _rule(r"INCENSE", f"{_DECOR} > Home Fragrances > Incense", "330741"),
    _rule(r"CANDLE", f"{_DECOR} > Home Fragrances > Candles", "340600"),
    _rule(r"NECKLACE|PENDANT", f"{_JEWELRY} > Necklaces", "711719"),
    _rule(r"BRACELET|BANGLE", f"{_JEWELRY} > Bracelets", "711719"),
    _rule(r"EARRING", f"{_JEWELRY} > Earrings", "711719"),
    _rule(r"\bRING\b", f"{_JEWELRY} > Rings", "711719"),
    _rule(r"\bCHARM", f"{_JEWELRY} > Charms & Pendants", "711719"),
    _rule(
        r"KEY ?RING|KEYRING",
        "Apparel & Accessories > Handbag & Wallet Accessories > Keychains",
        "732690",
    ),
    _rule(
        r"HAIR|SLIDE|HEADBAND",
        "Apparel & Accessories > Clothing Accessories > Hair Accessories",
        "961590",
    ),
    _rule(r"UMBRELLA", "Apparel & Accessories > Clothing Accessories", "660191"),
    _rule(r"PURSE", "Apparel & Accessories > Handbags, Wallets & Cases > Handbags", "420232"),
    _rule(
        r"LUNCH",
        "Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Lunch Boxes & Totes",
        "392410",
    ),
    _rule(
        r"GIFT BAG|PARTY BAG|CELLOPHANE",
        "Arts & Entertainment > Party & Celebration > Gift Giving > Gift Wrapping > Gift Bags",
        "481940",
    ),
    _rule(
        r"WRAP|TISSUE",
        "Arts & Entertainment > Party & Celebration > Gift Giving > Gift Wrapping > Wrapping Paper",
        "480256",
    ),
    _rule(
        r"GIFT TAG|TAGS",
        "Arts & Entertainment > Party & Celebration > Gift Giving > Gift Wrapping > Gift Tags & Labels",
        "482110",
    ),
    _rule(r"\bBAG", "Luggage & Bags > Shopping Totes", "420292"),
    _rule(
        r"\bCARDS?\b",
        "Arts & Entertainment > Party & Celebration > Gift Giving > Greeting & Note Cards",
        "490900",
    ),
    _rule(
        r"BUNTING|GARLAND|BANNER",
        "Arts & Entertainment > Party & Celebration > Party Supplies > Banners",
        "630790",
    ),
    _rule(
        r"BALLOON",
        "Arts & Entertainment > Party & Celebration > Party Supplies > Balloons",
        "950590",
    ),
    _rule(
        r"PARTY|NAPKIN|PAPER PLATE|PAPER CUP|STRAWS",
        "Arts & Entertainment > Party & Celebration > Party Supplies",
        "482369",
    ),
    _rule(
        r"CHRISTMAS|XMAS|BAUBLE|ADVENT|SANTA|REINDEER|SNOWFLAKE",
        f"{_DECOR} > Seasonal & Holiday Decorations",
        "950510",
    ),
    _rule(r"EASTER", f"{_DECOR} > Seasonal & Holiday Decorations", "950590"),
    _rule(r"ALARM CLOCK", f"{_DECOR} > Clocks > Alarm Clocks", "910511"),
    _rule(r"CLOCK", f"{_DECOR} > Clocks > Wall Clocks", "910521"),
    _rule(r"FRAME", f"{_DECOR} > Picture Frames", "441490"),
    _rule(r"MIRROR", f"{_DECOR} > Mirrors", "700992"),
    _rule(r"CUSHION", f"{_DECOR} > Throw Pillows", "630492"),
    _rule(r"DOORMAT|DOOR MAT", f"{_DECOR} > Door Mats", "570500"),
    _rule(r"DOORSTOP", "Hardware > Building Materials > Door Hardware > Door Stops", "630790"),
    _rule(r"\bSIGNS?\b|PLAQUE", f"{_DECOR} > Decorative Plaques", "831000"),  # not DESIGN
    _rule(
        r"WALL ART|PRINT|POSTER",
        f"{_DECOR} > Artwork > Posters, Prints, & Visual Artwork",
        "491191",
    ),
    _rule(r"VASE", f"{_DECOR} > Vases", "701399"),
    _rule(r"CAKE ?STAND", f"{_TABLEWARE} > Serveware > Serving Platters", "691200"),
    _rule(
        r"CAKE CASES|BAKING|CUTTER|MOULD|CAKE TIN",
        "Home & Garden > Kitchen & Dining > Cookware & Bakeware > Bakeware",
        "482369",
    ),
    _rule(r"MUG", f"{_TABLEWARE} > Drinkware > Mugs", "691200"),
    _rule(
        r"HOT WATER BOTTLE",
        "Health & Beauty > Health Care > First Aid > Hot & Cold Therapies > Heating Pads",
        "401490",
    ),
    _rule(
        r"BOTTLE",
        "Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Water Bottles",
        "392330",
    ),
    _rule(r"CUTLERY|SPOON|FORK", f"{_TABLEWARE} > Flatware", "821599"),
    _rule(r"TEAPOT|TEA SET|CUP|SAUCER|BOWL|PLATE|DISH", f"{_TABLEWARE} > Dinnerware", "691200"),
    _rule(
        r"TEA TOWEL|APRON|OVEN GLOVE",
        "Home & Garden > Linens & Bedding > Towels > Kitchen Towels",
        "630291",
    ),
    _rule(
        r"JAR|TIN|STORAGE|BOX|BASKET|CRATE",
        "Home & Garden > Household Supplies > Storage & Organization",
        "732690",
    ),
    _rule(
        r"HOOK|COAT RACK|HANGER|PEG",
        "Home & Garden > Household Supplies > Storage & Organization > Storage Hooks & Racks",
        "830250",
    ),
    _rule(
        r"KNOB|DRAWER",
        "Hardware > Hardware Accessories > Cabinet Hardware > Cabinet Knobs & Handles",
        "830242",
    ),
    _rule(
        r"NOTEBOOK|NOTE ?BOOK|JOURNAL|NOTEPAD",
        "Office Supplies > General Office Supplies > Paper Products > Notebooks & Notepads",
        "482020",
    ),
    _rule(
        r"PENCIL|PEN\b|ERASER|RUBBER|RULER",
        "Office Supplies > Office Instruments > Writing & Drawing Instruments",
        "960910",
    ),
    _rule(
        r"STICKER",
        "Arts & Entertainment > Hobbies & Creative Arts > Arts & Crafts > Art & Crafting Materials > Embellishments & Trims > Decorative Stickers",
        "482190",
    ),
    _rule(r"LIGHTS|LAMP|LIGHT", "Home & Garden > Lighting", "940549"),
    _rule(
        r"GARDEN|PLANTER|POT\b|WATERING",
        "Home & Garden > Lawn & Garden > Gardening > Pots & Planters",
        "691390",
    ),
    _rule(
        r"TOY|GAME|PUZZLE|JIGSAW|DOLL|SKITTLES|DOMINO|SPINNING TOP|CRAYONS|PAINT SET",
        "Toys & Games > Toys",
        "950300",
    ),
    _rule(r"WOOD", f"{_DECOR}", "442090"),
    _rule(r"CERAMIC|PORCELAIN", f"{_DECOR}", "691390"),
    _rule(r"GLASS|CRYSTAL", f"{_DECOR}", "701399"),
)
DEFAULT_RULE: Final = _rule(r"", _DECOR, "830629")


@dataclass(frozen=True, slots=True)
class GiftwareRow:
    sku: str
    title: str
    category: str
    hs_code: str
    unit: str
    moq: int
    tiers: tuple[Tier, ...]
    stock: int
    units_per_carton: int
    lead_time_days: int


def giftware_rows(seed: int) -> Iterator[GiftwareRow]:
    """The wholesaler's current range, in file order: product rows (no postage, fees or
    vouchers) sold since September 2011 on at least 25 order lines: 2,542 of 3,922 rows (stock
    codes that differ only in letter case are one SKU, the first row wins)."""
    rng = Random(seed)  # noqa: S311 - reproducible demo data, not security
    seen: set[str] = set()
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            code = raw["StockCode"].strip().upper()  # "85049a" and "85049A": one SKU, first wins
            title = " ".join(raw["Description"].split())
            if not _PRODUCT_CODE.fullmatch(code) or not title or title.isdigit() or code in seen:
                continue
            if raw["last_sale"] < CURRENT_SINCE or int(raw["order_lines"]) < MIN_ORDER_LINES:
                continue
            seen.add(code)
            yield _row(code, title, raw, rng)


def rule_for(title: str) -> Rule:
    upper = title.upper()
    return next((rule for rule in RULES if rule.pattern.search(upper)), DEFAULT_RULE)


def _row(code: str, title: str, raw: dict[str, str], rng: Random) -> GiftwareRow:
    median = Decimal(raw["median_unit_price_gbp"])
    low = Decimal(raw["min_unit_price_gbp"])
    high = Decimal(raw["max_unit_price_gbp"])
    moq, breaks = _quantities(median)
    # Small buyers pay up to a quarter above the median, case buyers the median, pallet buyers
    # down towards the lowest price ever charged (but no more than 20% below the median).
    prices = [
        min(high, median * Decimal("1.25")),
        median,
        max(low, median * Decimal("0.90")),
        max(low, median * Decimal("0.80")),
    ]
    tiers: list[Tier] = []
    for quantity, price in zip(breaks, prices, strict=True):
        rounded = max(price.quantize(_PENNY, rounding=ROUND_HALF_UP), _PENNY)
        if not tiers or rounded < tiers[-1].unit_price:
            tiers.append(Tier(min_quantity=quantity, unit_price=rounded))
    rule = rule_for(title)
    is_set = bool(re.search(r"\bSET\b|\bPACK\b", title.upper()))
    return GiftwareRow(
        sku=f"ALB-{code}",
        title=title.title().replace("'S ", "'s "),
        category=rule.category,
        hs_code=rule.hs_code,
        unit="set" if is_set else "piece",
        moq=moq,
        tiers=tuple(tiers),
        stock=moq * rng.randint(20, 400),
        units_per_carton=moq * rng.choice((4, 6, 8)),
        lead_time_days=rng.choice((2, 3, 5)),
    )


def _quantities(median: Decimal) -> tuple[int, tuple[int, int, int, int]]:
    """The case-pack MOQ and four tier quantities for an item of this price."""
    if median < 1:
        moq = 24
    elif median < 3:
        moq = 12
    elif median < 10:
        moq = 6
    else:
        moq = 2
    return moq, (moq, moq * 10, moq * 40, moq * 100)
