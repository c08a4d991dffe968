"""Generated catalogs of the Chinese demo suppliers, from `vocabulary.PRODUCT_TYPES`.

Each product type's options combine into distinct products (shuffled with a fixed seed): a
title in English (and French, German, Spanish and Chinese for every third product of a type that
has translated templates), attributes, 3-4 price tiers falling with quantity, the MOQ, lead
times growing with quantity, an HS code, certifications, samples, packing data and variants.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from random import Random
from typing import Final

from tradebridge.catalog.pricing import Tier
from tradebridge.demo.catalogs.vocabulary import LANGUAGES, PRODUCT_TYPES, Option, ProductType

PRODUCTS_PER_TYPE: Final = 80
TIER_FACTORS: Final = (Decimal(1), Decimal("0.94"), Decimal("0.88"), Decimal("0.82"))
_CENT: Final = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class GeneratedProduct:
    supplier: str  # e-mail domain of the supplier's people
    sku: str
    title: str
    translations: dict[str, dict[str, str]]
    description: str
    category: str
    hs_code: str
    unit: str
    tiers: tuple[Tier, ...]
    order_multiple: int
    lead_time_days: int
    lead_time_steps: tuple[tuple[int, int], ...]
    stock: int | None
    sample_price: Decimal | None
    attributes: tuple[tuple[str, str], ...]
    certifications: tuple[str, ...]
    customization: tuple[str, ...]
    weight_kg: Decimal
    dimensions_cm: tuple[Decimal, Decimal, Decimal]
    units_per_carton: int
    variants: tuple[tuple[str, dict[str, str]], ...]  # (sku, options)


def generated_products(seed: int, per_type: int = PRODUCTS_PER_TYPE) -> Iterator[GeneratedProduct]:
    """Every generated product, type by type; the same seed gives the same products."""
    for type_index, product_type in enumerate(PRODUCT_TYPES):
        rng = Random(f"{seed}:{product_type.key}")  # noqa: S311 - reproducible demo data
        combinations = list(itertools.product(*(slot.options for slot in product_type.slots)))
        rng.shuffle(combinations)
        for number, options in enumerate(combinations[:per_type], start=1):
            yield _product(product_type, type_index, number, options, rng)


def _product(
    product_type: ProductType,
    type_index: int,
    number: int,
    options: tuple[Option, ...],
    rng: Random,
) -> GeneratedProduct:
    chosen = {slot.key: option for slot, option in zip(product_type.slots, options, strict=True)}
    title = product_type.title.format(**{key: option.value for key, option in chosen.items()})
    translations: dict[str, dict[str, str]] = {}
    if product_type.titles and number % 3 == 0:
        for language in LANGUAGES:
            template = product_type.titles.get(language)
            if template:
                values = {key: option.text(language) for key, option in chosen.items()}
                translations[language] = {"title": template.format(**values)}
    factor = Decimal(1)
    for option in options:
        factor *= option.factor
    jitter = Decimal(rng.randint(95, 105)) / 100
    first_price = product_type.base_price * factor * jitter
    sku = f"{product_type.key.upper()}-{type_index:02d}{number:03d}"
    multiple = product_type.order_multiple
    return GeneratedProduct(
        supplier=product_type.supplier,
        sku=sku,
        title=title,
        translations=translations,
        description=_description(product_type, chosen),
        category=product_type.category,
        hs_code=product_type.hs_code,
        unit=product_type.unit,
        tiers=_tiers(product_type.breaks, first_price),
        order_multiple=multiple,
        lead_time_days=product_type.lead_time_days,
        lead_time_steps=_lead_time_steps(product_type),
        stock=_stock(product_type, rng),
        sample_price=(
            (first_price * 2).quantize(_CENT, rounding=ROUND_HALF_UP)
            if rng.random() < 0.8
            else None
        ),
        attributes=(
            *((slot.name, chosen[slot.key].value) for slot in product_type.slots),
            *product_type.attributes,
        ),
        certifications=product_type.certifications,
        customization=product_type.customization,
        weight_kg=product_type.weight_kg,
        dimensions_cm=product_type.dimensions_cm,
        units_per_carton=product_type.units_per_carton,
        variants=tuple(
            (f"{sku}-{value}", {name: value})
            for name, values in product_type.variants
            for value in values
        ),
    )


def _tiers(breaks: tuple[int, ...], first_price: Decimal) -> tuple[Tier, ...]:
    tiers: list[Tier] = []
    for quantity, step in zip(breaks, TIER_FACTORS, strict=False):
        price = max((first_price * step).quantize(_CENT, rounding=ROUND_HALF_UP), _CENT)
        if tiers and price >= tiers[-1].unit_price:
            price = tiers[-1].unit_price - _CENT
        if price <= 0:
            break
        tiers.append(Tier(min_quantity=quantity, unit_price=price))
    return tuple(tiers)


def _lead_time_steps(product_type: ProductType) -> tuple[tuple[int, int], ...]:
    """Longer for big orders: +7 days from the third tier's quantity, +15 from the last's."""
    base, breaks = product_type.lead_time_days, product_type.breaks
    steps = [(breaks[min(2, len(breaks) - 1)], base + 7)]
    if len(breaks) > 3:
        steps.append((breaks[-1], base + 15))
    return tuple(steps)


def _stock(product_type: ProductType, rng: Random) -> int | None:
    """A quarter of the products are ready to ship from stock; the rest are made to order."""
    if rng.random() >= 0.25:
        return None
    return product_type.breaks[0] * rng.randint(2, 20)


def _description(product_type: ProductType, chosen: dict[str, Option]) -> str:
    specs = "; ".join(f"{slot.name}: {chosen[slot.key].value}" for slot in product_type.slots)
    extra = "; ".join(f"{name}: {value}" for name, value in product_type.attributes)
    certified = ", ".join(product_type.certifications) or "on request"
    lines = [
        f"{specs}{'; ' + extra if extra else ''}.",
        f"Certifications: {certified}. Customization: {', '.join(product_type.customization)}.",
        f"Packed {product_type.units_per_carton} per export carton.",
    ]
    return "\n".join(lines)
