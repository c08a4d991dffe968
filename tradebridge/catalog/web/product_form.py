"""Between the product form and the services: parsed input to `ProductData`, a product back
to the form's initial values, and the services' validation errors onto the form's fields."""

from typing import Any

from django.forms import BaseFormSet
from django.utils.translation import gettext as _

from tradebridge.catalog.models import Product
from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.services import ProductData, VariantData
from tradebridge.catalog.web.forms import TRANSLATION_LANGUAGES, ProductForm
from tradebridge.core.errors import DomainError

# Service fields shown by a differently named form field.
_FIELD_ALIASES = {"category_id": "category"}


def product_data_from(form: ProductForm, tiers: BaseFormSet[Any]) -> ProductData:
    """The product the valid `form` and `tiers` describe (empty tier rows skipped)."""
    data = form.cleaned_data
    return ProductData(
        sku=data["sku"],
        title=data["title"],
        description=data["description"],
        translations=form.translations(),
        category_id=data["category"],
        attributes=tuple((name, value) for name, value in data["attributes"]),
        unit=data["unit"],
        currency=data["currency"],
        moq=data["moq"],
        order_multiple=data["order_multiple"],
        lead_time_days=data["lead_time_days"],
        lead_time_steps=tuple((quantity, days) for quantity, days in data["lead_time_steps"]),
        stock=data["stock"],
        sample_available=data["sample_available"],
        sample_price=data["sample_price"],
        customization=tuple(data["customization"]),
        hs_code=data["hs_code"],
        origin_country=data["origin_country"],
        weight_kg=data["weight_kg"],
        length_cm=data["length_cm"],
        width_cm=data["width_cm"],
        height_cm=data["height_cm"],
        units_per_carton=data["units_per_carton"],
        certifications=tuple(data["certifications"]),
        variants=tuple(VariantData(**variant) for variant in data["variants"]),
        tiers=tuple(
            Tier(row["min_quantity"], row["unit_price"])
            for row in tiers.cleaned_data
            if row.get("min_quantity") is not None and row.get("unit_price") is not None
        ),
    )


def form_errors_from(error: DomainError, form: ProductForm) -> None:
    """Put the service's reasons on the fields they name; the rest above the form."""
    reasons = error.details.get("errors") or {error.details.get("field", ""): error.message}
    for name, reason in reasons.items():
        field = _FIELD_ALIASES.get(str(name), str(name))
        if field == "tiers":
            form.add_error(None, _("Price tiers: %(reason)s") % {"reason": reason})
        elif field in form.fields:
            form.add_error(field, reason)
        elif field.startswith("translations"):
            form.add_error(f"title_{TRANSLATION_LANGUAGES[0][0]}", reason)
        else:
            form.add_error(None, reason)


def initial_from_product(product: Product) -> dict[str, Any]:
    """The form's initial values, written back in the notations the form parses."""
    initial: dict[str, Any] = {
        name: getattr(product, name)
        for name in (
            "sku", "title", "description", "unit", "currency", "moq", "order_multiple",
            "lead_time_days", "stock", "sample_available", "sample_price", "hs_code",
            "origin_country", "weight_kg", "length_cm", "width_cm", "height_cm",
            "units_per_carton",
        )
    }  # fmt: skip
    initial["category"] = product.category_id
    initial["attributes"] = "\n".join(f"{name}: {value}" for name, value in product.attributes)
    steps = product.lead_time_steps or []
    initial["lead_time_steps"] = ";".join(f"{quantity}:{days}" for quantity, days in steps)
    initial["customization"] = ";".join(product.customization or [])
    initial["certifications"] = ";".join(product.certifications or [])
    initial["variants"] = "\n".join(_variant_line(variant) for variant in product.variants.all())
    for code, texts in (product.translations or {}).items():
        initial[f"title_{code}"] = texts.get("title", "")
        initial[f"description_{code}"] = texts.get("description", "")
    return initial


def _variant_line(variant: Any) -> str:
    options = "; ".join(f"{name}={value}" for name, value in (variant.options or {}).items())
    stock = "" if variant.stock is None else f" | {variant.stock}"
    return f"{variant.sku} | {options}{stock}"


def tiers_initial_from(product: Product) -> list[dict[str, Any]]:
    return [
        {"min_quantity": tier.min_quantity, "unit_price": tier.unit_price}
        for tier in product.tiers.all()
    ]
