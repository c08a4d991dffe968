"""Forms of quotes, counter-offers, accepting and reporting. They only parse input; the
services validate it (tiers follow the catalog's rules, checked by `rfq.quote_rules`)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.web.forms import TierForm
from tradebridge.core.incoterms import Incoterm
from tradebridge.rfq.enums import BalanceDue
from tradebridge.rfq.quote_rules import QuoteInput
from tradebridge.rfq.web.forms import CURRENCY_CHOICES, MultipleFileField

QuoteTierFormSet = formset_factory(TierForm, extra=2, max_num=20, absolute_max=20)


class QuoteForm(forms.Form):
    """A quote's terms; the price tiers are the `tiers` formset beside it."""

    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    moq = forms.IntegerField(
        label=_("Minimum order quantity"), min_value=1, max_value=2_000_000_000
    )
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=0, max_value=365)
    incoterm = forms.ChoiceField(label=_("Incoterm"), choices=Incoterm.choices)
    named_place = forms.CharField(
        label=_("Named place"),
        max_length=120,
        help_text=_("The port or place of the Incoterm, e.g. Shanghai for FOB Shanghai."),
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sample_price = forms.DecimalField(
        label=_("Sample price"), required=False, min_value=Decimal(0), max_digits=18,
        decimal_places=4,
    )  # fmt: skip
    sample_days = forms.IntegerField(
        label=_("Sample time (days)"), required=False, min_value=0, max_value=365
    )
    deposit_percent = forms.DecimalField(
        label=_("Deposit (%)"), min_value=Decimal(0), max_value=Decimal(100), max_digits=5,
        decimal_places=2, initial=Decimal(30),
    )  # fmt: skip
    balance_due = forms.ChoiceField(
        label=_("Balance due"), choices=BalanceDue.choices, initial=BalanceDue.BEFORE_SHIPMENT
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Catalogues, drawings, certificates: PDF, JPEG, PNG or WebP."),
    )


def quote_input_from(form: QuoteForm, tiers: Any) -> QuoteInput:
    """The quote the valid `form` and `tiers` describe (empty tier rows skipped)."""
    data = form.cleaned_data
    return QuoteInput(
        currency=data["currency"],
        tiers=tuple(
            Tier(row["min_quantity"], row["unit_price"])
            for row in tiers.cleaned_data
            if row.get("min_quantity") is not None and row.get("unit_price") is not None
        ),
        moq=data["moq"],
        lead_time_days=data["lead_time_days"],
        incoterm=data["incoterm"],
        named_place=data["named_place"],
        valid_until=data["valid_until"],
        deposit_percent=data["deposit_percent"],
        balance_due=data["balance_due"],
        sample_price=data["sample_price"],
        sample_days=data["sample_days"],
        notes=data["notes"],
    )


class CounterOfferForm(forms.Form):
    target_unit_price = forms.DecimalField(
        label=_("Target unit price"), min_value=Decimal("0.0001"), max_digits=18,
        decimal_places=4,
    )  # fmt: skip
    quantity = forms.IntegerField(
        label=_("Quantity"), required=False, min_value=1, max_value=2_000_000_000
    )
    terms = forms.CharField(
        label=_("Other terms"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. a lower deposit, a shorter lead time, another Incoterm."),
    )

    def __init__(self, *args: Any, currency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        price = self.fields["target_unit_price"]
        price.label = format_lazy("{} ({})", price.label, currency)


class AcceptForm(forms.Form):
    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this RFQ?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. spam, a scam, not a real request. An operator will look at it."),
    )
