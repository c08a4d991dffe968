"""Pictures of the demo products: their category's icon on their colour, stored through the
catalog's image pipeline.

Each picture is an icon of the Tabler set (MIT, `demo/data/tabler-icons/`) for the product's
category (for the wholesaler's general decorations, for a motif of the title: heart, star,
bird...), on the colour its title or "Colour" attribute names, or, for a product without one,
on a pale tint with the icon in its icon's tone (so a category keeps one look). The icons ship
pre-rendered as PNG masks (`icon_rendering.py` makes them), so loading needs Pillow only.

Products of one supplier with the same icon and colours share one picture: `image_ingest_many`
sniffs and re-encodes it once, then stores each product's own files. Re-encoding ~4,000
pictures one by one would take minutes on two cores, over the demo's time budget.
"""

import io
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from django.db import transaction
from PIL import Image, ImageDraw

from tradebridge.catalog.images import image_ingest_many
from tradebridge.catalog.models import Product
from tradebridge.demo.catalogs.icons import ICON_SIZE, ICONS_DIR, icon_for

SIZE: Final = 600  # pixels of a square picture; the pipeline keeps it and makes a 400 px thumbnail

RGB = tuple[int, int, int]

# Colour words of titles and "Colour" attributes, with the sRGB of their picture.
COLOURS: Final[dict[str, RGB]] = {
    "black": (34, 36, 40),
    "white": (243, 241, 234),
    "ivory": (242, 235, 211),
    "cream": (241, 229, 198),
    "navy": (31, 42, 77),
    "royal blue": (45, 91, 208),
    "blue": (63, 124, 196),
    "red": (198, 47, 47),
    "pink": (232, 138, 168),
    "rose gold": (217, 162, 154),
    "grey": (138, 143, 152),
    "silver": (184, 188, 194),
    "gold": (201, 162, 39),
    "green": (62, 142, 90),
    "yellow": (241, 200, 75),
    "orange": (233, 138, 46),
    "purple": (126, 91, 166),
    "brown": (139, 94, 60),
}
_COLOUR_WORDS: Final = re.compile(
    r"\b(" + "|".join(sorted(COLOURS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# Icon tones of products without a colour, on a pale tint of the same tone. One per icon, not
# one per product: each distinct picture costs a re-encoding (~30-60 ms) at load time.
TONES: Final[tuple[RGB, ...]] = (
    (47, 93, 138),  # slate blue
    (46, 125, 110),  # teal
    (176, 84, 58),  # terracotta
    (106, 76, 147),  # plum
    (92, 110, 58),  # olive
    (150, 60, 90),  # berry
)
_DARK_INK: Final[RGB] = (42, 46, 53)
_LIGHT_INK: Final[RGB] = (255, 255, 255)


@dataclass(frozen=True, slots=True)
class Picture:
    """What a picture shows; products with equal Pictures share one."""

    icon: str
    background: RGB
    ink: RGB


def picture_for(
    *, title: str, category: str, attributes: Sequence[tuple[str, str]] = ()
) -> Picture:
    """The picture of a demo product. Raises KeyError for a category without an icon."""
    icon = icon_for(category=category, title=title)
    colour = _colour(title, attributes)
    if colour is None:
        tone = TONES[zlib.crc32(icon.encode()) % len(TONES)]
        return Picture(icon=icon, background=_mix(tone, (255, 255, 255), 0.86), ink=tone)
    ink = max((_LIGHT_INK, _DARK_INK), key=lambda candidate: _contrast(candidate, colour))
    return Picture(icon=icon, background=colour, ink=ink)


def picture_render(picture: Picture) -> bytes:
    """The picture as a JPEG (what a supplier's camera would upload): the icon on a disc."""
    image = Image.new("RGB", (SIZE, SIZE), picture.background)
    draw = ImageDraw.Draw(image)
    radius = SIZE * 0.36
    centre = SIZE / 2
    disc = _mix(picture.background, picture.ink, 0.1)
    draw.ellipse((centre - radius, centre - radius, centre + radius, centre + radius), fill=disc)
    offset = (SIZE - ICON_SIZE) // 2
    image.paste(
        picture.ink, (offset, offset, offset + ICON_SIZE, offset + ICON_SIZE), _mask(picture.icon)
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def pictures_add(*, products: Sequence[tuple[Product, Picture]]) -> int:
    """Give each product its picture, rendered and re-encoded once per distinct picture.

    No permission check: the demo loader passes its suppliers' own products. Returns the
    number of distinct pictures rendered.
    """
    groups: dict[Picture, list[tuple[Product, str]]] = {}
    for product, picture in products:
        groups.setdefault(picture, []).append((product, product.title))
    for picture, members in groups.items():
        with transaction.atomic():  # one commit per picture, not one per product
            image_ingest_many(products=members, data=picture_render(picture))
    return len(groups)


@cache
def _mask(icon: str) -> Image.Image:
    with Image.open(ICONS_DIR / "png" / f"{icon}.png") as mask:
        return mask.convert("L")


def _colour(title: str, attributes: Sequence[tuple[str, str]]) -> RGB | None:
    named = dict(attributes).get("Colour", "")
    match = _COLOUR_WORDS.search(named) or _COLOUR_WORDS.search(title)
    return COLOURS[match.group(1).casefold()] if match else None


def _mix(colour: RGB, other: RGB, share: float) -> RGB:
    """`colour` with `share` of `other` mixed in."""
    red, green, blue = (
        round(a * (1 - share) + b * share) for a, b in zip(colour, other, strict=True)
    )
    return (red, green, blue)


def _contrast(one: RGB, other: RGB) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: RGB) -> float:
    """Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white)."""
    linear = [(c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
