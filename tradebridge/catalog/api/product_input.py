"""The catalog API's product bodies mapped to the services' `ProductData`: a create as sent, a
PATCH as the stored product with the sent fields replaced."""

from decimal import Decimal
from typing import Any

from tradebridge.catalog.api.schemas import ProductCreateIn, ProductPatchIn
from tradebridge.catalog.models import Product
from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.services import ProductData, VariantData

_REQUIRED_ON_PATCH = ("sku", "title", "currency", "tiers")


def product_data_from_create(payload: ProductCreateIn) -> ProductData:
    return _product_data(payload.model_dump())


def product_data_from_patch(product: Product, payload: ProductPatchIn) -> ProductData:
    """The product's current data with the sent fields replaced. New `tiers` without a `moq`
    move an MOQ that was the old lowest tier's quantity to the new lowest one."""
    current = product_data_fields(product)
    sent = payload.model_dump(include=payload.model_fields_set)
    for name in _REQUIRED_ON_PATCH:  # not nullable: an explicit null is "unchanged"
        if sent.get(name, ...) is None:
            del sent[name]
    lowest = min((tier["min_quantity"] for tier in current["tiers"]), default=None)
    if "tiers" in sent and "moq" not in sent and current["moq"] == lowest:
        sent["moq"] = None  # the MOQ was the lowest tier's quantity: it follows the new tiers
    return _product_data({**current, **sent})


def product_data_fields(product: Product) -> dict[str, Any]:
    """A stored product as the input schema's plain values (what a PATCH starts from)."""
    return {
        "sku": product.sku,
        "title": product.title,
        "currency": product.currency,
        "tiers": [
            {"min_quantity": tier.min_quantity, "unit_price": f"{tier.unit_price:f}"}
            for tier in sorted(product.tiers.all(), key=lambda tier: tier.min_quantity)
        ],
        "description": product.description,
        "translations": product.translations,
        "category_id": product.category_id,
        "attributes": [{"name": name, "value": value} for name, value in product.attributes],
        "unit": product.unit,
        "moq": product.moq,
        "order_multiple": product.order_multiple,
        "lead_time_days": product.lead_time_days,
        "lead_time_steps": [{"min_quantity": q, "days": d} for q, d in product.lead_time_steps],
        "stock": product.stock,
        "sample_available": product.sample_available,
        "sample_price": _plain(product.sample_price),
        "customization": product.customization,
        "hs_code": product.hs_code,
        "origin_country": product.origin_country,
        "weight_kg": _plain(product.weight_kg),
        "length_cm": _plain(product.length_cm),
        "width_cm": _plain(product.width_cm),
        "height_cm": _plain(product.height_cm),
        "units_per_carton": product.units_per_carton,
        "certifications": product.certifications,
        "variants": [
            {"sku": variant.sku, "options": variant.options, "stock": variant.stock}
            for variant in product.variants.all()
        ],
    }


def _product_data(fields: dict[str, Any]) -> ProductData:
    return ProductData(
        sku=fields["sku"],
        title=fields["title"],
        currency=fields["currency"],
        tiers=tuple(
            Tier(min_quantity=tier["min_quantity"], unit_price=Decimal(tier["unit_price"]))
            for tier in fields["tiers"]
        ),
        description=fields["description"],
        translations={
            language: {key: text for key, text in texts.items() if text}
            for language, texts in fields["translations"].items()
        },
        category_id=fields["category_id"],
        attributes=tuple((item["name"], item["value"]) for item in fields["attributes"]),
        unit=str(fields["unit"]),
        moq=fields["moq"],
        order_multiple=fields["order_multiple"],
        lead_time_days=fields["lead_time_days"],
        lead_time_steps=tuple(
            (step["min_quantity"], step["days"]) for step in fields["lead_time_steps"]
        ),
        stock=fields["stock"],
        sample_available=fields["sample_available"],
        sample_price=_decimal(fields["sample_price"]),
        customization=tuple(fields["customization"]),
        hs_code=fields["hs_code"],
        origin_country=fields["origin_country"],
        weight_kg=_decimal(fields["weight_kg"]),
        length_cm=_decimal(fields["length_cm"]),
        width_cm=_decimal(fields["width_cm"]),
        height_cm=_decimal(fields["height_cm"]),
        units_per_carton=fields["units_per_carton"],
        certifications=tuple(fields["certifications"]),
        variants=tuple(
            VariantData(sku=variant["sku"], options=variant["options"], stock=variant["stock"])
            for variant in fields["variants"]
        ),
    )


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"
