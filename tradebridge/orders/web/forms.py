"""The forms of the orders pages: adding to the cart, a cart line's quantity, the checkout,
a shipping address, and the order actions that take input (decline, ship, cancel, dispute).
They check the shape of the input only; the services check the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.web.choices import country_choices
from tradebridge.core.incoterms import Incoterm
from tradebridge.payments.enums import DisputeReason

MAX_QUANTITY = 1_000_000


class AddToCartForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY)
    variant = forms.UUIDField(label=_("Variant"), required=False)
    is_sample = forms.BooleanField(required=False)


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY)


class AddressForm(forms.Form):
    """A delivery address (the checkout's new address, or one added in the settings)."""

    name = forms.CharField(label=_("Name or company"), max_length=200)
    line1 = forms.CharField(label=_("Address line 1"), max_length=200)
    line2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.ChoiceField(label=_("Country"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]


class NewAddressForm(AddressForm):
    is_default = forms.BooleanField(label=_("Use as the default address"), required=False)


class CheckoutForm(forms.Form):
    """The checkout's own fields; the ship-to is a saved address (`address`) or `new`."""

    address = forms.CharField(required=False)
    po_number = forms.CharField(
        label=_("Your PO number"),
        max_length=64,
        required=False,
        help_text=_("Optional: printed on the orders and their invoices."),
    )
    incoterm = forms.ChoiceField(
        label=_("Incoterm"),
        required=False,
        choices=[("", _("No preference")), *Incoterm.choices],
    )
    named_place = forms.CharField(
        label=_("Named place"),
        max_length=120,
        required=False,
        help_text=_("The port or place the Incoterm refers to, e.g. Shanghai or Hamburg."),
    )
    notes = forms.CharField(
        label=_("Notes to the suppliers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ShipForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=100)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=100)


class DisputeForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=DisputeReason.choices)
    description = forms.CharField(
        label=_("Describe the problem"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    requested_refund = forms.DecimalField(
        label=_("Refund you ask for"),
        min_value=0,
        max_digits=18,
        decimal_places=2,
        help_text=_("In the order's currency; at most what you paid."),
    )


class EmptyForm(forms.Form):
    """An action that takes no input (confirm, production done, delivered, receipt)."""
