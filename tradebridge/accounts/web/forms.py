"""Forms of the account pages. They only parse input; services decide."""

from django import forms

from tradebridge.accounts.web.preferences import DISPLAY_CURRENCIES


class DisplayCurrencyForm(forms.Form):
    currency = forms.ChoiceField(choices=[(code, code) for code in DISPLAY_CURRENCIES])
    next = forms.CharField(required=False, max_length=2000)
