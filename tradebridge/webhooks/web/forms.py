"""Forms of the webhook pages. They only parse input; the services decide what is allowed
(the URL rules live in `webhooks.destinations`)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.webhooks.enums import SUBSCRIBABLE_EVENT_TYPES, EventType


def _event_type_choices() -> list[tuple[str, Any]]:
    return [(value, EventType(value).label) for value in SUBSCRIBABLE_EVENT_TYPES]


class EndpointForm(forms.Form):
    url = forms.CharField(
        label=_("Endpoint URL"),
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off"}),
        help_text=_("An https address of your system that accepts POST requests."),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        label=_("Events to send"),
        choices=_event_type_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked to receive every event."),
    )
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_(
            "An inactive endpoint gets no new events; those already due wait until it is active."
        ),
    )
