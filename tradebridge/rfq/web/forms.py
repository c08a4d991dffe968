"""Forms of the buyer's RFQ pages. They only parse input; the services validate it.

Lists typed as text use the catalog's notations: certifications separated by `;`, invited
suppliers as their slugs separated by commas, spaces or `;`. Specifications are rows of
name and value (a formset), so that a phone shows them as pairs.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES
from tradebridge.catalog.enums import Unit
from tradebridge.companies.web.choices import country_choices
from tradebridge.companies.web.forms import set_choices
from tradebridge.core.incoterms import Incoterm
from tradebridge.rfq.enums import RFQStatus, RFQVisibility

CURRENCY_CHOICES = [(code, code) for code in DISPLAY_CURRENCIES]
MAX_ATTACHMENTS = 5


def split_list(text: str, separators: str = ";") -> list[str]:
    """The non-empty, stripped parts of `text` cut at any of `separators`."""
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return [part.strip() for part in text.split(separators[0]) if part.strip()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); a list of uploads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            files = [super(MultipleFileField, self).clean(item, initial) for item in data]
        else:
            files = [super().clean(data, initial)] if data else []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Attach at most %(count)s files at a time."), params={"count": MAX_ATTACHMENTS}
            )
        return [upload for upload in files if upload]


class RFQFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *RFQStatus.choices]
    )


class RFQForm(forms.Form):
    """Every field of an RFQ; `action` says whether to keep it as a draft or open it."""

    title = forms.CharField(label=_("What do you need?"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Material, size, colour, packaging, branding: what suppliers should know."),
    )
    product = forms.UUIDField(required=False, widget=forms.HiddenInput)
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=2_000_000_000)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, initial=Unit.PIECE)
    target_unit_price = forms.DecimalField(
        label=_("Target unit price"), required=False, min_value=Decimal("0.0001"),
        max_digits=18, decimal_places=4, help_text=_("Optional: what you hope to pay per unit."),
    )  # fmt: skip
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    destination_country = forms.ChoiceField(label=_("Destination country"), choices=())
    destination_place = forms.CharField(
        label=_("Destination port or city"), required=False, max_length=120
    )
    incoterm = forms.ChoiceField(
        label=_("Preferred Incoterm"),
        required=False,
        choices=[("", _("No preference")), *Incoterm.choices],
    )
    certifications = forms.CharField(
        label=_("Required certifications"),
        required=False,
        max_length=1000,
        help_text=_("Separated by ; (e.g. CE;EN 71)."),
    )
    sample_needed = forms.BooleanField(label=_("I need a sample first"), required=False)
    needed_by = forms.DateField(
        label=_("Needed by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    quote_deadline = forms.DateTimeField(
        label=_("Quote deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Suppliers can quote until then (your time zone)."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may quote"),
        choices=RFQVisibility.choices,
        initial=RFQVisibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    invited_suppliers = forms.CharField(
        label=_("Invited suppliers"),
        required=False,
        max_length=2000,
        help_text=_(
            "Their storefront names as in the address (e.g. xiamen-sports), separated by commas."
        ),
    )
    quote_cap = forms.IntegerField(
        label=_("Stop after this many quotes"), required=False, min_value=1, max_value=1000
    )
    show_quote_count = forms.BooleanField(
        label=_("Show suppliers how many quotes came in"), required=False
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Drawings, specification sheets, photos: PDF, JPEG, PNG or WebP."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = [("", _("Choose a country")), *country_choices()]
        set_choices(self.fields["destination_country"], countries)

    def clean_certifications(self) -> list[str]:
        return split_list(self.cleaned_data["certifications"])

    def clean_invited_suppliers(self) -> list[str]:
        return [
            slug.lower() for slug in split_list(self.cleaned_data["invited_suppliers"], ",; \n")
        ]


class SpecForm(forms.Form):
    name = forms.CharField(label=_("Specification"), required=False, max_length=100)
    value = forms.CharField(label=_("Value"), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("name", "").strip()) != bool(data.get("value", "").strip()):
            raise ValidationError(_("Give both the name and the value."))
        return data


SpecFormSet = formset_factory(SpecForm, extra=3, max_num=30, absolute_max=30)


def specs_from(specs: Any) -> dict[str, str]:
    """The valid spec formset's rows as {name: value}, empty rows skipped, in order."""
    return {
        row["name"].strip(): row["value"].strip()
        for row in specs.cleaned_data
        if row.get("name", "").strip()
    }


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(
        label=_("Files"), help_text=_("PDF, JPEG, PNG or WebP, up to 10 MB each.")
    )


class ReopenForm(forms.Form):
    quote_deadline = forms.DateTimeField(
        label=_("New quote deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
