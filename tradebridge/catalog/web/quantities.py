"""A quantity with its unit in the reader's language and plural ("1 piece", "100 pieces",
"1,000 metric tons"), for every page that says how many of a product: cart, checkout, orders.

The unit's name alone (`Unit.label`, "piece") stays what forms and the product page's column
headers show; here each unit has its plural forms, under the "unit" context so that they do
not collide with those labels in the catalogs.
"""

from collections.abc import Callable

from babel.numbers import format_decimal
from django.utils.translation import npgettext

from tradebridge.catalog.enums import Unit
from tradebridge.catalog.web.display import visitor_locale

# Literal msgids, so that the extractor finds every form.
_FORMS: dict[str, Callable[[int], str]] = {
    Unit.PIECE: lambda n: npgettext("unit", "piece", "pieces", n),
    Unit.PAIR: lambda n: npgettext("unit", "pair", "pairs", n),
    Unit.SET: lambda n: npgettext("unit", "set", "sets", n),
    Unit.PACK: lambda n: npgettext("unit", "pack", "packs", n),
    Unit.BOX: lambda n: npgettext("unit", "box", "boxes", n),
    Unit.CARTON: lambda n: npgettext("unit", "carton", "cartons", n),
    Unit.DOZEN: lambda n: npgettext("unit", "dozen", "dozen", n),
    Unit.ROLL: lambda n: npgettext("unit", "roll", "rolls", n),
    Unit.SHEET: lambda n: npgettext("unit", "sheet", "sheets", n),
    Unit.BAG: lambda n: npgettext("unit", "bag", "bags", n),
    Unit.KG: lambda n: npgettext("unit", "kg", "kg", n),
    Unit.G: lambda n: npgettext("unit", "g", "g", n),
    Unit.TON: lambda n: npgettext("unit", "metric ton", "metric tons", n),
    Unit.M: lambda n: npgettext("unit", "metre", "metres", n),
    Unit.M2: lambda n: npgettext("unit", "square metre", "square metres", n),
    Unit.M3: lambda n: npgettext("unit", "cubic metre", "cubic metres", n),
    Unit.L: lambda n: npgettext("unit", "litre", "litres", n),
}


def unit_name(unit: str, quantity: int) -> str:
    """The unit's name in the plural form `quantity` takes ("pieces" for 100); an unknown unit
    (a line kept from an older catalog) is shown as stored."""
    form = _FORMS.get(unit)
    return form(quantity) if form is not None else unit


def quantity_text(quantity: int, unit: str) -> str:
    """ "100 pieces", "1 000 pièces": the number grouped in the reader's locale, then the unit
    (no space in Chinese: "100件"). The space is non-breaking: a quantity never wraps."""
    number = format_decimal(quantity, locale=visitor_locale())
    separator = "" if visitor_locale().startswith("zh") else "\u00a0"
    return f"{number}{separator}{unit_name(unit, quantity)}"
