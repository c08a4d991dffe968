"""Forms of the messaging pages: they only parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.messaging.models import MAX_BODY_LENGTH, MAX_TITLE_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label=_("Attachment (PDF, JPEG, PNG or WEBP, up to 10 MB)"), required=False
    )


class ThreadStartForm(forms.Form):
    """The first message; files can be attached in the thread once it exists."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_LENGTH, required=False)
    body = forms.CharField(
        label=_("Message"), max_length=MAX_BODY_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong?"), max_length=2000)
