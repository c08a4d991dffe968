"""Forms of the company pages. They only parse input; the services decide what is allowed."""

from collections.abc import Sequence
from datetime import UTC, datetime, time
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.companies.enums import CompanyKind, DocumentKind, KindChangeStatus, Role
from tradebridge.companies.models import Company, CompanyKindChange
from tradebridge.companies.services import CompanyChanges
from tradebridge.companies.web.choices import country_choices, currency_choices, language_choices


def set_choices(field: forms.Field, choices: Sequence[tuple[str, object]]) -> None:
    """Give a choice field its options (computed per request: they depend on the language)."""
    cast("forms.ChoiceField", field).choices = choices


_TEXT_FIELDS = (
    "legal_name",
    "display_name",
    "province",
    "city",
    "registration_number",
    "vat_number",
    "website",
    "description",
)


class CompanySettingsForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    display_name = forms.CharField(label=_("Display name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=CompanyKind.choices,
        help_text=_("A change of kind takes effect when the operator approves it."),
    )
    country = forms.ChoiceField(label=_("Country"))
    province = forms.CharField(label=_("Province or state"), max_length=100, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=64, required=False
    )
    vat_number = forms.CharField(label=_("VAT number"), max_length=32, required=False)
    default_currency = forms.ChoiceField(label=_("Default currency"))
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"), widget=forms.CheckboxSelectMultiple, required=False
    )
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args: Any, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["country"], country_choices())
        set_choices(self.fields["default_currency"], currency_choices())
        set_choices(self.fields["languages"], language_choices())
        if read_only:
            for field in self.fields.values():
                field.disabled = True

    @classmethod
    def initial_for(
        cls, company: Company, kind_change: CompanyKindChange | None = None
    ) -> dict[str, object]:
        """The form's initial values: the company as it is, with the kind it asked to become
        while the request is pending (so saving the profile again keeps the request)."""
        names = (*_TEXT_FIELDS, "kind", "country", "default_currency", "languages")
        initial = {name: getattr(company, name) for name in names}
        if kind_change is not None and kind_change.status == KindChangeStatus.PENDING:
            initial["kind"] = kind_change.to_kind
        return initial

    def changes(self) -> CompanyChanges:
        """The cleaned input as the service's change set (call after `is_valid()`)."""
        return CompanyChanges(**self.cleaned_data)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    expires_on = forms.DateField(
        label=_("Expires on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The token stops working at the end of this day (UTC)."),
    )

    def expires_at(self) -> datetime | None:
        """The end of the chosen day in UTC, or None for a token that does not expire."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return datetime.combine(day, time.max, tzinfo=UTC)


class CompanySwitchForm(forms.Form):
    company_id = forms.UUIDField()
    next = forms.CharField(required=False, max_length=2000)


class CompanyCreateForm(forms.Form):
    legal_name = forms.CharField(label=_("Company legal name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Your company is a"), choices=CompanyKind.choices, widget=forms.RadioSelect
    )
    country = forms.ChoiceField(label=_("Country"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["country"], [("", _("Choose a country")), *country_choices()])


class VerificationDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document type"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
