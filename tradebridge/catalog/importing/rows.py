"""Parse one record's cells into a `ProductRow` or a `VariantRow`, or the `RowError`s that
explain why not. Pure apart from the lookups passed in (`RowContext`): no ORM, no writes.

The cell syntax is `docs/catalog-file-format.md`: lists separated by `;`, pairs `a:b`,
attributes and options `Name=Value`. Every problem names its column.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final

from tradebridge.catalog.enums import Unit
from tradebridge.catalog.errors import InvalidPriceTiers
from tradebridge.catalog.pricing import Tier, validate_lead_time_steps, validate_tiers
from tradebridge.core.errors import ValidationFailed

MAX_SKU_CHARS: Final = 64
MAX_TITLE_CHARS: Final = 300
MAX_LIST_ITEMS: Final = 50
MAX_LIST_ITEM_CHARS: Final = 100
MAX_INT: Final = 2_000_000_000
_DECIMAL_LIMIT: Final = Decimal("1e12")
_SKU = re.compile(r"^[^\x00-\x1f\x7f]+$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|www\.)", re.IGNORECASE)
_UNITS: Final = {unit.value: unit.value for unit in Unit} | {"pc": "piece", "pcs": "piece"}


type LeadTime = tuple[int | None, tuple[tuple[int, int], ...]]


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ProductRow:
    """A product as a file row describes it (the importer turns it into catalog ProductData)."""

    line: int
    sku: str
    title: str
    description: str = ""
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    category_id: int | None = None
    currency: str = ""
    tiers: tuple[Tier, ...] = ()
    moq: int = 1
    order_multiple: int = 1
    unit: str = Unit.PIECE.value
    lead_time_days: int | None = None
    lead_time_steps: tuple[tuple[int, int], ...] = ()
    stock: int | None = None
    hs_code: str = ""
    origin_country: str = ""
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    units_per_carton: int | None = None
    certifications: tuple[str, ...] = ()
    sample_available: bool = False
    sample_price: Decimal | None = None
    customization: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    images: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VariantRow:
    """A row with `variant_of`: a variant (its own SKU, options, stock) of a product row."""

    line: int
    sku: str
    parent_sku: str
    options: dict[str, str]
    stock: int | None = None


@dataclass(frozen=True, slots=True)
class RowContext:
    """What parsing needs from outside: the supplier's default currency and lookups."""

    default_currency: str
    category_id: Callable[[str], int | None]  # an id or a full path -> the category id
    is_currency: Callable[[str], bool]
    is_country: Callable[[str], bool]
    is_hs_code: Callable[[str], bool]


class CellError(Exception):
    """A cell's value is not valid; `reason` says why (the column is added by the caller)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_row(
    line: int, cells: dict[str, str], context: RowContext
) -> ProductRow | VariantRow | list[RowError]:
    """The row as a product or a variant, or every error found in it (at least one)."""
    parser = _RowParser(line, cells, context)
    if cells.get("variant_of"):
        return parser.variant()
    return parser.product()


class _RowParser:
    def __init__(self, line: int, cells: dict[str, str], context: RowContext) -> None:
        self.line = line
        self.cells = cells
        self.context = context
        self.errors: list[RowError] = []

    def cell[T](self, column: str, parse: Callable[[str], T], default: T) -> T:
        """Parse the column's value if present, else `default`; record a CellError."""
        value = self.cells.get(column, "")
        if not value:
            return default
        try:
            return parse(value)
        except CellError as error:
            self.errors.append(RowError(self.line, column, error.reason))
            return default

    def required(self, column: str) -> str:
        value = self.cells.get(column, "")
        if not value:
            self.errors.append(RowError(self.line, column, "required"))
        return value

    def variant(self) -> VariantRow | list[RowError]:
        sku = self.cell("sku", _sku, "")
        if not self.cells.get("sku"):
            self.required("sku")
        parent = self.cell("variant_of", _sku, "")
        no_options: dict[str, str] = {}
        options = self.cell("options", _pairs_dict, no_options)
        if not options and not any(error.column == "options" for error in self.errors):
            self.errors.append(RowError(self.line, "options", "required for a variant row"))
        if parent and parent == sku:
            self.errors.append(RowError(self.line, "variant_of", "a variant of itself"))
        stock = self.cell("stock", _count(minimum=0), None)
        if self.errors:
            return self.errors
        return VariantRow(self.line, sku=sku, parent_sku=parent, options=options, stock=stock)

    def product(self) -> ProductRow | list[RowError]:
        sku = self.cell("sku", _sku, "")
        self.required("sku")
        title = self.cell("title", _text(MAX_TITLE_CHARS), "")
        self.required("title")
        no_tiers: tuple[Tier, ...] = ()
        tiers = self.cell("price_tiers", _tiers, no_tiers)
        if not self.cells.get("price_tiers"):
            self.errors.append(RowError(self.line, "price_tiers", "required"))
        no_lead_time: LeadTime = (None, ())
        lead_time = self.cell("lead_time_days", _lead_time, no_lead_time)
        sample_price = self.cell("sample_price", _decimal, None)
        row = ProductRow(
            line=self.line,
            sku=sku,
            title=title,
            description=self.cells.get("description", ""),
            translations=self._translations(),
            category_id=self.cell("category", self._category, None),
            currency=self.cell("currency", self._currency, self.context.default_currency),
            tiers=tiers,
            moq=self.cell("moq", _count(minimum=1), tiers[0].min_quantity if tiers else 1),
            order_multiple=self.cell("order_multiple", _count(minimum=1), 1),
            unit=self.cell("unit", _unit, Unit.PIECE.value),
            lead_time_days=lead_time[0],
            lead_time_steps=lead_time[1],
            stock=self.cell("stock", _count(minimum=0), None),
            hs_code=self.cell("hs_code", self._hs_code, ""),
            origin_country=self.cell("origin_country", self._country, ""),
            weight_kg=self.cell("weight_kg", _decimal, None),
            length_cm=self.cell("length_cm", _decimal, None),
            width_cm=self.cell("width_cm", _decimal, None),
            height_cm=self.cell("height_cm", _decimal, None),
            units_per_carton=self.cell("units_per_carton", _count(minimum=1), None),
            certifications=self.cell("certifications", _list, ()),
            sample_available=sample_price is not None,
            sample_price=sample_price,
            customization=self.cell("customization", _list, ()),
            attributes=self.cell("attributes", _pairs, ()),
            images=self.cell("images", _images, ()),
        )
        self._check_moq(row)
        return self.errors or row

    def _check_moq(self, row: ProductRow) -> None:
        if row.tiers and self.cells.get("moq") and row.moq < row.tiers[0].min_quantity:
            reason = f"below the first price tier ({row.tiers[0].min_quantity})"
            self.errors.append(RowError(self.line, "moq", reason))

    def _translations(self) -> dict[str, dict[str, str]]:
        translations: dict[str, dict[str, str]] = {}
        for column, value in self.cells.items():
            name, _, language = column.partition("_")
            if value and name in ("title", "description") and language:
                if name == "title" and len(value) > MAX_TITLE_CHARS:
                    reason = f"longer than {MAX_TITLE_CHARS} characters"
                    self.errors.append(RowError(self.line, column, reason))
                translations.setdefault(language, {"title": "", "description": ""})[name] = value
        return translations

    def _category(self, value: str) -> int:
        category_id = self.context.category_id(value)
        if category_id is None:
            raise CellError("unknown category (a Google Product Taxonomy id or full path)")
        return category_id

    def _currency(self, value: str) -> str:
        code = value.upper()
        if not self.context.is_currency(code):
            raise CellError(f"{value} is not an ISO 4217 currency code")
        return code

    def _country(self, value: str) -> str:
        code = value.upper()
        if not self.context.is_country(code):
            raise CellError(f"{value} is not an ISO 3166 country code")
        return code

    def _hs_code(self, value: str) -> str:
        code = re.sub(r"[\s.]", "", value)
        if not (code.isascii() and code.isdigit() and 6 <= len(code) <= 10):
            raise CellError("an HS code has 6 to 10 digits")
        if not self.context.is_hs_code(code):
            raise CellError(f"{code[:6]} is not in the HS 2022 nomenclature")
        return code


# Cell syntaxes ----------------------------------------------------------------------------------


def _sku(value: str) -> str:
    if len(value) > MAX_SKU_CHARS:
        raise CellError(f"longer than {MAX_SKU_CHARS} characters")
    if not _SKU.match(value):
        raise CellError("contains control characters")
    return value


def _text(limit: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if len(value) > limit:
            raise CellError(f"longer than {limit} characters")
        return value

    return parse


def _int(value: str) -> int:
    text = value.strip().removesuffix(".0")  # spreadsheets write whole numbers as 10.0
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_INT:
        raise CellError(f"{value} is not a whole number")
    return int(text)


def _count(*, minimum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        number = _int(value)
        if number < minimum:
            raise CellError(f"must be at least {minimum}")
        return number

    return parse


def _decimal(value: str) -> Decimal:
    """A non-negative decimal number; a comma as decimal separator is refused (ambiguous)."""
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise CellError(f"{value} is not a number (use a dot as decimal separator)") from None
    if not number.is_finite() or number < 0 or number >= _DECIMAL_LIMIT:
        raise CellError(f"{value} is not a positive number")
    if number.as_tuple().exponent < -4:  # type: ignore[operator]
        raise CellError("at most 4 decimal places")
    return number


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def _list(value: str) -> tuple[str, ...]:
    items = _split(value)
    if len(items) > MAX_LIST_ITEMS:
        raise CellError(f"more than {MAX_LIST_ITEMS} items")
    if any(len(item) > MAX_LIST_ITEM_CHARS for item in items):
        raise CellError(f"an item is longer than {MAX_LIST_ITEM_CHARS} characters")
    return tuple(dict.fromkeys(items))


def _pairs(value: str) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in _list(value):
        name, equals, text = item.partition("=")
        if not equals or not name.strip() or not text.strip():
            raise CellError(f"{item!r} is not Name=Value")
        pairs.append((name.strip(), text.strip()))
    return tuple(pairs)


def _pairs_dict(value: str) -> dict[str, str]:
    pairs = _pairs(value)
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names):
        raise CellError("an option is named twice")
    return dict(pairs)


def _quantity_pairs(value: str) -> list[tuple[int, str]]:
    pairs: list[tuple[int, str]] = []
    for item in _split(value):
        quantity, colon, rest = item.partition(":")
        if not colon:
            raise CellError(f"{item!r} is not quantity:value")
        pairs.append((_int(quantity), rest.strip()))
    if not pairs:
        raise CellError("no quantity:value pairs")
    return pairs


def _tiers(value: str) -> tuple[Tier, ...]:
    tiers = tuple(
        Tier(min_quantity=quantity, unit_price=_price(price))
        for quantity, price in _quantity_pairs(value)
    )
    try:
        validate_tiers(tiers)
    except InvalidPriceTiers as error:
        raise CellError(error.message) from None
    return tiers


def _price(value: str) -> Decimal:
    price = _decimal(value)
    if price == 0:
        raise CellError("a unit price must be more than 0")
    return price


def _lead_time(value: str) -> LeadTime:
    """`15` (days) or `1:15;1000:30` (days from a quantity up): base days and steps."""
    if ":" not in value:
        return _int(value), ()
    steps = tuple((quantity, _int(days)) for quantity, days in _quantity_pairs(value))
    try:
        validate_lead_time_steps(steps[0][1], steps)
    except ValidationFailed as error:
        raise CellError(error.message) from None
    return steps[0][1], steps


def _unit(value: str) -> str:
    unit = _UNITS.get(value.strip().lower())
    if unit is None:
        raise CellError(f"unknown unit {value!r} (one of {', '.join(Unit.values)})")
    return unit


def _images(value: str) -> tuple[str, ...]:
    names = _list(value)
    if any(_URL.match(name) for name in names):
        raise CellError("image URLs are not supported; upload the files")
    if any("/" in name.strip("/") and ".." in name.split("/") for name in names):
        raise CellError("an image name cannot leave the zip's folders")
    return names
