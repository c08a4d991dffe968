"""The Tabler icon (MIT, `demo/data/tabler-icons/`) of each demo category, and of the motifs of
the wholesaler's general decorations. No Django here: `icon_rendering` (a dev tool) reads it.
"""

import re
from pathlib import Path
from typing import Final

ICONS_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "tabler-icons"
ICON_SIZE: Final = 288  # pixels of a rendered icon mask

_DECOR: Final = "Home & Garden > Decor"
_KITCHEN: Final = "Home & Garden > Kitchen & Dining"
_PARTY: Final = "Arts & Entertainment > Party & Celebration"
_WRAPPING: Final = f"{_PARTY} > Gift Giving > Gift Wrapping"
_JEWELRY: Final = "Apparel & Accessories > Jewelry"
_CLOTHING: Final = "Apparel & Accessories > Clothing"

# Every category of the demo catalogs (Google Product Taxonomy paths, as in `vocabulary.py`
# and `giftware.py`) -> a Tabler icon; a test checks none is missing.
CATEGORY_ICONS: Final[dict[str, str]] = {
    "Sporting Goods > Athletics > Soccer > Soccer Balls": "ball-football",
    "Sporting Goods > Athletics > Basketball > Basketballs": "ball-basketball",
    "Sporting Goods > Exercise & Fitness > Yoga & Pilates > Yoga & Pilates Mats": "yoga",
    "Sporting Goods > Exercise & Fitness > Exercise Bands": "stretching",
    "Sporting Goods > Athletics > Soccer > Soccer Gloves": "hand-stop",
    "Apparel & Accessories > Shoes": "shoe",
    f"{_CLOTHING} > Activewear": "shirt-sport",
    f"{_CLOTHING} > Underwear & Socks > Socks": "sock",
    f"{_CLOTHING} > Shirts & Tops": "shirt",
    f"{_CLOTHING} > Pants": "hanger",
    f"{_CLOTHING} > Dresses": "woman",
    "Apparel & Accessories > Clothing Accessories": "umbrella",
    "Apparel & Accessories > Clothing Accessories > Hair Accessories": "crown",
    "Apparel & Accessories > Clothing Accessories > Hair Accessories > Hair Pins, Claws & Clips"
    " > Hair Claws & Clips": "paperclip",
    "Apparel & Accessories > Handbag & Wallet Accessories > Keychains": "key",
    "Apparel & Accessories > Handbags, Wallets & Cases > Handbags": "shopping-bag",
    f"{_JEWELRY} > Necklaces": "diamond",
    f"{_JEWELRY} > Bracelets": "diamond",
    f"{_JEWELRY} > Earrings": "diamond",
    f"{_JEWELRY} > Rings": "diamond",
    f"{_JEWELRY} > Charms & Pendants": "heart",
    f"{_PARTY} > Party Supplies": "confetti",
    f"{_PARTY} > Party Supplies > Balloons": "balloon",
    f"{_PARTY} > Party Supplies > Banners": "pennant",
    f"{_PARTY} > Gift Giving > Greeting & Note Cards": "mail",
    f"{_WRAPPING} > Wrapping Paper": "gift",
    f"{_WRAPPING} > Gift Bags": "paper-bag",
    f"{_WRAPPING} > Gift Tags & Labels": "tag",
    "Arts & Entertainment > Hobbies & Creative Arts > Arts & Crafts > Art & Crafting Materials"
    " > Embellishments & Trims > Decorative Stickers": "sticker",
    "Office Supplies > Office Instruments > Writing & Drawing Instruments": "pencil",
    "Office Supplies > Office Instruments > Writing & Drawing Instruments > Pens & Pencils"
    " > Pens": "ballpen",
    "Office Supplies > General Office Supplies > Paper Products > Notebooks & Notepads": "notebook",
    "Electronics > Electronics Accessories > Power > Batteries > Mobile Phone Batteries": (
        "battery-charging"
    ),
    "Electronics > Electronics Accessories > Power > Power Adapters & Chargers": "plug",
    "Electronics > Audio > Audio Components > Headphones & Headsets > Headphones": "headphones",
    "Home & Garden > Lighting": "lamp",
    "Home & Garden > Lighting > Light Bulbs > LED Light Bulbs": "bulb",
    "Home & Garden > Lighting > Light Ropes & Strings": "sparkles",
    f"{_KITCHEN} > Kitchen Appliances > Electric Kettles": "teapot",
    f"{_KITCHEN} > Kitchen Appliances > Deep Fryers": "cooker",
    f"{_KITCHEN} > Kitchen Appliances > Food Mixers & Blenders": "blender",
    "Home & Garden > Household Appliances > Climate Control Appliances > Fans": "propeller",
    "Health & Beauty > Personal Care > Hair Care > Hair Styling Tools > Hair Dryers": "wind",
    "Health & Beauty > Health Care > First Aid > Hot & Cold Therapies > Heating Pads": "flame",
    f"{_KITCHEN} > Tableware > Dinnerware": "bowl",
    f"{_KITCHEN} > Tableware > Drinkware > Mugs": "mug",
    f"{_KITCHEN} > Tableware > Flatware": "tools-kitchen",
    f"{_KITCHEN} > Tableware > Serveware > Serving Platters": "cake",
    f"{_KITCHEN} > Cookware & Bakeware > Bakeware": "chef-hat",
    f"{_KITCHEN} > Food & Beverage Carriers > Lunch Boxes & Totes": "box",
    f"{_KITCHEN} > Food & Beverage Carriers > Water Bottles": "bottle",
    "Home & Garden > Linens & Bedding > Towels > Kitchen Towels": "tools-kitchen-2",
    "Home & Garden > Household Supplies > Storage & Organization": "basket",
    "Home & Garden > Household Supplies > Storage & Organization > Storage Hooks & Racks": (
        "hanger-2"
    ),
    "Home & Garden > Lawn & Garden > Gardening > Pots & Planters": "plant",
    "Hardware > Hardware Accessories > Cabinet Hardware > Cabinet Knobs & Handles": "circle-dot",
    "Hardware > Building Materials > Door Hardware > Door Stops": "door-exit",
    "Luggage & Bags > Shopping Totes": "shopping-bag",
    "Toys & Games > Toys": "horse-toy",
    _DECOR: "home",
    f"{_DECOR} > Home Fragrance Accessories > Candle Holders": "candle",
    f"{_DECOR} > Home Fragrances > Candles": "flame",
    f"{_DECOR} > Home Fragrances > Incense": "flame",
    f"{_DECOR} > Seasonal & Holiday Decorations": "christmas-tree",
    f"{_DECOR} > Clocks > Alarm Clocks": "alarm",
    f"{_DECOR} > Clocks > Wall Clocks": "clock",
    f"{_DECOR} > Picture Frames": "photo",
    f"{_DECOR} > Mirrors": "oval-vertical",
    f"{_DECOR} > Throw Pillows": "pillow",
    f"{_DECOR} > Door Mats": "door",
    f"{_DECOR} > Decorative Plaques": "direction-sign",
    f"{_DECOR} > Artwork > Posters, Prints, & Visual Artwork": "palette",
    f"{_DECOR} > Vases": "flower",
    f"{_DECOR} > Flags & Windsocks": "flag",
}

# General decorations (a fifth of the wholesaler's range) by the first motif of their title.
MOTIF_ICONS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern, re.IGNORECASE), icon)
    for pattern, icon in (
        (r"\bHEARTS?\b", "heart"),
        (r"\bSTARS?\b", "star"),
        (r"\bBIRDS?\b|\bFEATHER", "feather"),
        (r"\bBUTTERFL", "butterfly"),
        (r"\bFLOWERS?\b|\bROSES?\b|\bDAISY|\bFLORAL", "flower"),
        (r"\bTREES?\b", "tree"),
        (r"\bEGGS?\b|\bEASTER\b", "egg"),
        (r"\bSKULLS?\b", "skull"),
        (r"\bDOGS?\b", "dog"),
        (r"\bCATS?\b", "cat"),
        (r"\bMOON\b", "moon"),
        (r"\bSNOW", "snowflake"),
        (r"\bANCHOR|\bNAUTICAL|\bSEASIDE", "anchor"),
        (r"\bCROWN|\bLONDON\b|\bUNION JACK\b|\bREGENCY\b", "crown"),
        (r"\bCAKES?\b", "cake"),
        (r"\bCUPS?\b|\bTEA\b", "mug"),
        (r"\bBELLS?\b", "bell"),
        (r"\bANGEL", "feather"),
    )
)


def icon_for(*, category: str, title: str) -> str:
    """The icon of a demo product. Raises KeyError for a category without an icon."""
    icon = CATEGORY_ICONS[category]
    if category == _DECOR:
        icon = next((name for pattern, name in MOTIF_ICONS if pattern.search(title)), icon)
    return icon
