"""Forms of the supplier's catalog pages. They only parse input; the services validate it.

Lists that suppliers type as text use the catalog file's notations (DESIGN.md): attributes as
one `Name: value` per line, lead time steps as `qty:days` pairs, variants as one
`SKU | Size=M; Color=Red | stock` per line, certifications and customization separated by `;`.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES
from tradebridge.catalog.enums import ProductStatus, Unit

TRANSLATION_LANGUAGES: tuple[tuple[str, Any], ...] = (
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("zh", _("Chinese")),
)


def _split(text: str, separator: str = ";") -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]


class ProductFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ProductStatus.choices],
    )
    q = forms.CharField(label=_("SKU or title"), required=False, max_length=100)


class ProductForm(forms.Form):
    sku = forms.CharField(label=_("SKU"), max_length=64)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1)
    attributes = forms.CharField(
        label=_("Attributes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: Name: value (e.g. Material: PU leather)."),
    )
    unit = forms.ChoiceField(label=_("Unit of sale"), choices=Unit.choices)
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[(code, code) for code in DISPLAY_CURRENCIES]
    )
    moq = forms.IntegerField(label=_("Minimum order quantity"), min_value=1)
    order_multiple = forms.IntegerField(label=_("Order multiple"), min_value=1, initial=1)
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), required=False, min_value=0)
    lead_time_steps = forms.CharField(
        label=_("Lead time by quantity"),
        required=False,
        max_length=500,
        help_text=_("Pairs quantity:days separated by ; (e.g. 1000:20;5000:35)."),
    )
    stock = forms.IntegerField(
        label=_("Ready-to-ship stock"),
        required=False,
        min_value=0,
        help_text=_("Leave empty when made to order."),
    )
    sample_available = forms.BooleanField(label=_("Samples available"), required=False)
    sample_price = forms.DecimalField(
        label=_("Sample price"), required=False, min_value=Decimal(0), max_digits=20,
        decimal_places=4,
    )  # fmt: skip
    customization = forms.CharField(
        label=_("Customization options"),
        required=False,
        max_length=1000,
        help_text=_("Separated by ; (e.g. logo;packaging;colour)."),
    )
    hs_code = forms.CharField(
        label=_("HS code"),
        required=False,
        max_length=10,
        help_text=_("6 to 10 digits of the Harmonized System (HS 2022)."),
    )
    origin_country = forms.CharField(
        label=_("Country of origin"),
        required=False,
        max_length=2,
        help_text=_("Two-letter ISO code, e.g. CN."),
    )
    weight_kg = forms.DecimalField(
        label=_("Unit weight (kg)"), required=False, min_value=Decimal(0), decimal_places=4
    )
    length_cm = forms.DecimalField(
        label=_("Length (cm)"), required=False, min_value=Decimal(0), decimal_places=2
    )
    width_cm = forms.DecimalField(
        label=_("Width (cm)"), required=False, min_value=Decimal(0), decimal_places=2
    )
    height_cm = forms.DecimalField(
        label=_("Height (cm)"), required=False, min_value=Decimal(0), decimal_places=2
    )
    units_per_carton = forms.IntegerField(label=_("Units per carton"), required=False, min_value=1)
    certifications = forms.CharField(
        label=_("Certifications"),
        required=False,
        max_length=1000,
        help_text=_("Separated by ; (e.g. CE;RoHS)."),
    )
    variants = forms.CharField(
        label=_("Variants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: SKU | Size=M; Color=Red | stock (stock optional)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, name in TRANSLATION_LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title"), required=False, max_length=300
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"title_{code}"].language_name = name  # type: ignore[attr-defined]

    def translation_groups(self) -> list[tuple[str, Any, forms.BoundField, forms.BoundField]]:
        """(code, language name, title field, description field) per translation language."""
        return [
            (code, name, self[f"title_{code}"], self[f"description_{code}"])
            for code, name in TRANSLATION_LANGUAGES
        ]

    def clean_attributes(self) -> list[list[str]]:
        pairs = []
        for line in self.cleaned_data["attributes"].splitlines():
            if not line.strip():
                continue
            name, colon, value = line.partition(":")
            if not colon or not name.strip() or not value.strip():
                raise ValidationError(
                    _("Write each attribute as Name: value (line “%(line)s”)."),
                    params={"line": line.strip()},
                )
            pairs.append([name.strip(), value.strip()])
        return pairs

    def clean_lead_time_steps(self) -> list[list[int]]:
        steps = []
        for pair in _split(self.cleaned_data["lead_time_steps"]):
            quantity, colon, days = pair.partition(":")
            if not colon or not quantity.strip().isdigit() or not days.strip().isdigit():
                raise ValidationError(
                    _("Write quantity:days pairs separated by ; (“%(pair)s”)."),
                    params={"pair": pair},
                )
            steps.append([int(quantity), int(days)])
        return steps

    def clean_customization(self) -> list[str]:
        return _split(self.cleaned_data["customization"])

    def clean_certifications(self) -> list[str]:
        return _split(self.cleaned_data["certifications"])

    def clean_hs_code(self) -> str:
        return "".join(self.cleaned_data["hs_code"].split()).replace(".", "")

    def clean_origin_country(self) -> str:
        return str(self.cleaned_data["origin_country"]).strip().upper()

    def clean_variants(self) -> list[dict[str, Any]]:
        variants = []
        for line in self.cleaned_data["variants"].splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) > 3 or not parts[0]:
                raise ValidationError(
                    _("Write each variant as SKU | Name=value; Name=value | stock (“%(line)s”)."),
                    params={"line": line.strip()},
                )
            options = {}
            for option in _split(parts[1] if len(parts) > 1 else ""):
                name, equals, value = option.partition("=")
                if not equals or not name.strip() or not value.strip():
                    raise ValidationError(
                        _("Write variant options as Name=value (“%(option)s”)."),
                        params={"option": option},
                    )
                options[name.strip()] = value.strip()
            stock_text = parts[2] if len(parts) > 2 else ""
            if stock_text and not stock_text.isdigit():
                raise ValidationError(
                    _("A variant's stock is a whole number (“%(line)s”)."),
                    params={"line": line.strip()},
                )
            stock = int(stock_text) if stock_text else None
            variants.append({"sku": parts[0], "options": options, "stock": stock})
        return variants

    def translations(self) -> dict[str, dict[str, str]]:
        """{lang: {"title", "description"}} for the languages given a title or description."""
        result = {}
        for code, _name in TRANSLATION_LANGUAGES:
            title = self.cleaned_data.get(f"title_{code}", "").strip()
            description = self.cleaned_data.get(f"description_{code}", "").strip()
            if title or description:
                result[code] = {"title": title, "description": description}
        return result


class TierForm(forms.Form):
    min_quantity = forms.IntegerField(label=_("From quantity"), min_value=1, required=False)
    unit_price = forms.DecimalField(
        label=_("Unit price"), min_value=Decimal("0.0001"), max_digits=20, decimal_places=4,
        required=False,
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [data.get("min_quantity"), data.get("unit_price")]
        if any(value is not None for value in given) and None in given:
            raise ValidationError(_("Give both the quantity and the unit price."))
        return data


TierFormSet = formset_factory(TierForm, extra=2, max_num=20, absolute_max=20)


class ProductImageForm(forms.Form):
    image = forms.FileField(label=_("Image"), help_text=_("JPEG, PNG or WebP."))
    alt_text = forms.CharField(label=_("Description of the image"), required=False, max_length=300)
