"""What a supplier may set on a product (`ProductData`), and the rules every field obeys.

`validated(data)` normalises the values (trimmed text, upper-case codes, digits-only HS
code, MOQ defaulting to the lowest tier) and raises one ValidationFailed listing every bad
field: `details = {"field": <the first>, "errors": {field: reason, ...}}` (plus `index` for
a tier or lead-time step). Checks that need the database (category, SKU clashes) are in
`products.py`. Floats are refused with TypeError: amounts are Decimal.
"""

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from tradebridge.catalog.enums import Unit
from tradebridge.catalog.errors import InvalidLeadTime, InvalidPriceTiers
from tradebridge.catalog.hs_codes import hs_code_is_valid, hs_code_normalize
from tradebridge.catalog.pricing import (
    MAX_PRICE_DECIMALS,
    PriceSchedule,
    Tier,
    validate_lead_time_steps,
)
from tradebridge.companies.iso_codes import COUNTRY_CODES, CURRENCY_CODES
from tradebridge.core.errors import ValidationFailed

MAX_SKU: Final = 64
MAX_TITLE: Final = 300
MAX_DESCRIPTION: Final = 20_000
MAX_LANGUAGES: Final = 20
MAX_ATTRIBUTES: Final = 50
MAX_ATTRIBUTE_NAME: Final = 100
MAX_ATTRIBUTE_VALUE: Final = 500
MAX_LIST_ITEMS: Final = 30
MAX_LIST_ITEM: Final = 100
MAX_VARIANTS: Final = 200
MAX_VARIANT_OPTIONS: Final = 10
MAX_LEAD_TIME_DAYS: Final = 3650
MAX_COUNT: Final = 2_000_000_000  # fits a 32-bit signed integer column
MAX_MEASURE: Final = Decimal(10_000_000)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\r\n\t]")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")


@dataclass(frozen=True, slots=True)
class VariantData:
    """A variant: its own SKU, its options (`{"Size": "M"}`) and ready-to-ship stock."""

    sku: str
    options: Mapping[str, str] = field(default_factory=dict)
    stock: int | None = None


@dataclass(frozen=True, slots=True)
class ProductData:
    """Every field a supplier edits. `moq=None` means the lowest tier's quantity."""

    sku: str
    title: str
    currency: str
    tiers: tuple[Tier, ...]
    description: str = ""
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    category_id: int | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    unit: str = Unit.PIECE.value
    moq: int | None = None
    order_multiple: int = 1
    lead_time_days: int | None = None
    lead_time_steps: tuple[tuple[int, int], ...] = ()
    stock: int | None = None
    sample_available: bool = False
    sample_price: Decimal | None = None
    customization: tuple[str, ...] = ()
    hs_code: str = ""
    origin_country: str = ""
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    units_per_carton: int | None = None
    certifications: tuple[str, ...] = ()
    variants: tuple[VariantData, ...] = ()

    def __post_init__(self) -> None:
        for name in ("sample_price", "weight_kg", "length_cm", "width_cm", "height_cm"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                raise TypeError(f"{name} must be a Decimal or None, not {type(value).__name__}")
        if not all(isinstance(tier, Tier) for tier in self.tiers):
            raise TypeError("tiers must be Tier values")
        if not all(isinstance(variant, VariantData) for variant in self.variants):
            raise TypeError("variants must be VariantData values")


class _Errors:
    """Collects `field -> reason` (the first reason per field wins) and extra details."""

    def __init__(self) -> None:
        self.reasons: dict[str, str] = {}
        self.extra: dict[str, object] = {}

    def add(self, name: str, reason: str, **extra: object) -> None:
        if name not in self.reasons:
            self.reasons[name] = reason
            if len(self.reasons) == 1:  # details such as `index` belong to the first field
                self.extra = {k: v for k, v in extra.items() if k not in {"field", "errors"}}

    def check(self, name: str, reason: str | None) -> None:
        if reason is not None:
            self.add(name, reason)

    def raise_if_any(self) -> None:
        if self.reasons:
            first = next(iter(self.reasons))
            raise ValidationFailed(
                self.reasons[first], field=first, errors=dict(self.reasons), **self.extra
            )


def validated(data: ProductData) -> ProductData:
    """`data` normalised, or ValidationFailed naming every bad field (see the module doc)."""
    data = _normalised(data)
    errors = _Errors()
    _check_text(errors, data)
    _check_translations(errors, data.translations)
    _check_pricing(errors, data)
    _check_logistics(errors, data)
    _check_lists(errors, data)
    _check_variants(errors, data)
    errors.raise_if_any()
    if data.moq is None:
        data = dataclasses.replace(data, moq=data.tiers[0].min_quantity)
    return data


def _normalised(data: ProductData) -> ProductData:
    return dataclasses.replace(
        data,
        sku=data.sku.strip(),
        title=" ".join(data.title.split()),
        description=data.description.strip(),
        currency=data.currency.strip().upper(),
        unit=data.unit.strip().lower(),
        hs_code=hs_code_normalize(data.hs_code),
        origin_country=data.origin_country.strip().upper(),
        attributes=tuple((name.strip(), value.strip()) for name, value in data.attributes),
        customization=tuple(item.strip() for item in data.customization),
        certifications=tuple(item.strip() for item in data.certifications),
        translations={
            language.strip().lower(): {key: value.strip() for key, value in texts.items()}
            for language, texts in data.translations.items()
        },
        variants=tuple(
            dataclasses.replace(
                variant,
                sku=variant.sku.strip(),
                options={k.strip(): v.strip() for k, v in variant.options.items()},
            )
            for variant in data.variants
        ),
    )


def _line(value: str, limit: int, *, required: bool) -> str | None:
    if required and not value:
        return "This field is required."
    if len(value) > limit:
        return f"At most {limit} characters."
    if _CONTROL.search(value) or _LINE_BREAK.search(value):
        return "Line breaks and control characters are not allowed."
    return None


def _text(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"At most {limit} characters."
    if _CONTROL.search(value):
        return "Control characters are not allowed."
    return None


def _check_text(errors: _Errors, data: ProductData) -> None:
    errors.check("sku", _line(data.sku, MAX_SKU, required=True))
    errors.check("title", _line(data.title, MAX_TITLE, required=True))
    errors.check("description", _text(data.description, MAX_DESCRIPTION))
    if data.unit not in Unit.values:
        errors.add("unit", f"Unknown unit; use one of {', '.join(Unit.values)}.")


def _check_translations(errors: _Errors, translations: Mapping[str, Mapping[str, str]]) -> None:
    if len(translations) > MAX_LANGUAGES:
        errors.add("translations", f"At most {MAX_LANGUAGES} languages.")
    for language, texts in translations.items():
        if not _LANGUAGE.match(language):
            errors.add("translations", f"'{language[:20]}' is not a language code such as 'fr'.")
            continue
        unknown = set(texts) - {"title", "description"}
        if unknown:
            errors.add("translations", "A translation has only a title and a description.")
        reason = _line(texts.get("title", ""), MAX_TITLE, required=False) or _text(
            texts.get("description", ""), MAX_DESCRIPTION
        )
        if reason:
            errors.add(f"title_{language}", reason)


def _check_pricing(errors: _Errors, data: ProductData) -> None:
    # a currency in use somewhere, not just any ISO 4217 code: XXX (no currency), XAU and the
    # other metals, XTS (testing) and the accounting units (XDR, XBA..XBD, XSU, XUA) are not prices
    if data.currency not in CURRENCY_CODES:
        errors.add("currency", "Not an ISO 4217 currency code.")
        return
    if not _is_count(data.order_multiple, minimum=1):
        errors.add("order_multiple", "A whole number of at least 1.")
        return
    if data.moq is not None and not _is_count(data.moq, minimum=1):
        errors.add("moq", "A whole number of at least 1.")
        return
    if not data.tiers:
        errors.add("tiers", "At least one price tier is required.")
        return
    moq = data.moq if data.moq is not None else data.tiers[0].min_quantity
    try:
        PriceSchedule(
            currency=data.currency, tiers=data.tiers, moq=moq, order_multiple=data.order_multiple
        )
    except InvalidPriceTiers as error:
        errors.add(str(error.details.get("field", "tiers")), error.message, **error.details)
    if data.tiers[-1].min_quantity > MAX_COUNT:
        errors.add("tiers", "A tier quantity is too large.")


def _check_logistics(errors: _Errors, data: ProductData) -> None:
    if data.lead_time_days is not None and not _is_count(
        data.lead_time_days, minimum=0, maximum=MAX_LEAD_TIME_DAYS
    ):
        errors.add("lead_time_days", f"A whole number of days from 0 to {MAX_LEAD_TIME_DAYS}.")
    else:
        try:
            validate_lead_time_steps(data.lead_time_days, data.lead_time_steps)
        except InvalidLeadTime as error:
            errors.add("lead_time_steps", error.message, **error.details)
        if any(days > MAX_LEAD_TIME_DAYS for _, days in data.lead_time_steps):
            errors.add("lead_time_steps", f"At most {MAX_LEAD_TIME_DAYS} days.")
    if data.stock is not None and not _is_count(data.stock, minimum=0):
        errors.add("stock", "A whole number of at least 0, or empty for made to order.")
    if data.units_per_carton is not None and not _is_count(data.units_per_carton, minimum=1):
        errors.add("units_per_carton", "A whole number of at least 1.")
    if data.sample_price is not None:
        if not data.sample_available:
            errors.add("sample_price", "A sample price needs samples to be available.")
        errors.check(
            "sample_price", _amount(data.sample_price, allow_zero=True, places=MAX_PRICE_DECIMALS)
        )
    for name in ("weight_kg", "length_cm", "width_cm", "height_cm"):
        value: Decimal | None = getattr(data, name)
        if value is not None:
            places = 4 if name == "weight_kg" else 2  # as the columns store them
            errors.check(name, _amount(value, allow_zero=False, places=places))
    if data.hs_code and not hs_code_is_valid(data.hs_code):
        errors.add("hs_code", "Not an HS 2022 code: 6 to 10 digits, the first 6 a subheading.")
    if data.origin_country and data.origin_country not in COUNTRY_CODES:
        errors.add("origin_country", "Not an ISO 3166 country code.")


def _check_lists(errors: _Errors, data: ProductData) -> None:
    if len(data.attributes) > MAX_ATTRIBUTES:
        errors.add("attributes", f"At most {MAX_ATTRIBUTES} attributes.")
    for name, value in data.attributes:
        reason = _line(name, MAX_ATTRIBUTE_NAME, required=True) or _line(
            value, MAX_ATTRIBUTE_VALUE, required=True
        )
        if reason:
            errors.add("attributes", f"'{name[:40]}': {reason}")
    for list_name in ("customization", "certifications"):
        items: tuple[str, ...] = getattr(data, list_name)
        if len(items) > MAX_LIST_ITEMS:
            errors.add(list_name, f"At most {MAX_LIST_ITEMS} items.")
        for item in items:
            errors.check(list_name, _line(item, MAX_LIST_ITEM, required=True))
        if len({item.casefold() for item in items}) != len(items):
            errors.add(list_name, "An item is listed twice.")


def _check_variants(errors: _Errors, data: ProductData) -> None:
    if len(data.variants) > MAX_VARIANTS:
        errors.add("variants", f"At most {MAX_VARIANTS} variants.")
    seen = {data.sku.casefold()}
    for index, variant in enumerate(data.variants):
        reason = _line(variant.sku, MAX_SKU, required=True)
        if reason is None and variant.sku.casefold() in seen:
            reason = f"SKU '{variant.sku}' is used twice in this product."
        if reason is None and variant.stock is not None and not _is_count(variant.stock, minimum=0):
            reason = "Stock is a whole number of at least 0."
        if reason is None:
            reason = _options_reason(variant.options)
        if reason is not None:
            errors.add("variants", reason, index=index)
        seen.add(variant.sku.casefold())


def _options_reason(options: Mapping[str, str]) -> str | None:
    if not options or len(options) > MAX_VARIANT_OPTIONS:
        return f"A variant has 1 to {MAX_VARIANT_OPTIONS} options such as Size=M."
    for name, value in options.items():
        reason = _line(name, MAX_ATTRIBUTE_NAME, required=True) or _line(
            value, MAX_ATTRIBUTE_VALUE, required=True
        )
        if reason:
            return f"Option '{name[:40]}': {reason}"
    return None


def _amount(value: Decimal | None, *, allow_zero: bool, places: int) -> str | None:
    if value is None:
        return None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        return "A positive amount." if not allow_zero else "An amount of at least 0."
    if value >= MAX_MEASURE:
        return "Too large."
    if value.normalize().as_tuple().exponent < -places:  # type: ignore[operator]
        return f"At most {places} decimal places."
    return None


def _is_count(value: object, *, minimum: int, maximum: int = MAX_COUNT) -> bool:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an int, not {type(value).__name__}")
    return minimum <= value <= maximum
