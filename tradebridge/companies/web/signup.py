"""Sign-up with a company: allauth's form plus the person's name and their company.

`ACCOUNT_FORMS["signup"]` points here. The user, the company and the owner membership are
written in one transaction, so a failure leaves nothing behind. Someone who signs up to accept
an invitation (the `invitation` token, for the same e-mail address) creates no company.
"""

from typing import Any

from allauth.account.forms import SignupForm
from allauth.account.views import SignupView
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.selectors import invitation_get_by_token
from tradebridge.companies.services import company_create_with_owner
from tradebridge.companies.web.choices import country_choices
from tradebridge.companies.web.forms import set_choices
from tradebridge.core.errors import NotFound

COMPANY_FIELDS = ("legal_name", "kind", "country")


class CompanySignupForm(SignupForm):  # type: ignore[misc]  # allauth is untyped
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    legal_name = forms.CharField(label=_("Company legal name"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Your company is a"),
        choices=CompanyKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    invitation = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    field_order = ("full_name", "email", "password1", "password2", *COMPANY_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["country"], [("", _("Choose a country")), *country_choices()])
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["legal_name"].widget.attrs["autocomplete"] = "organization"

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        if self.joins_by_invitation:
            return cleaned
        for name in COMPANY_FIELDS:
            if not str(cleaned.get(name) or "").strip() and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        return cleaned

    @property
    def joins_by_invitation(self) -> bool:
        """Whether the sign-up carries a pending invitation addressed to the same e-mail."""
        token = str(self.cleaned_data.get("invitation") or "")
        email = str(self.cleaned_data.get("email") or "")
        if not token or not email:
            return False
        try:
            invitation = invitation_get_by_token(token=token)
        except NotFound:
            return False
        return invitation.email.lower() == email.lower()

    def try_save(self, request: HttpRequest) -> Any:
        if self.account_already_exists:
            # allauth answers a taken address like a new one but skips the password hash,
            # nine tenths of a new account's time: hash it anyway (and discard it), or the
            # answer time tells which addresses have an account.
            make_password(self.cleaned_data["password1"])
        with transaction.atomic():
            return super().try_save(request)

    def custom_signup(self, request: HttpRequest, user: User) -> None:
        if self.joins_by_invitation:
            return
        company_create_with_owner(
            user=user,
            legal_name=self.cleaned_data["legal_name"],
            kind=self.cleaned_data["kind"],
            country=self.cleaned_data["country"],
        )


class CompanySignupView(SignupView):  # type: ignore[misc]  # allauth is untyped
    """allauth's sign-up at `/signup/`, with `?kind=` and `?invitation=` filled in."""

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = super().get_initial()
        kind = self.request.GET.get("kind", "")
        initial["kind"] = kind if kind in CompanyKind.values else CompanyKind.BUYER
        initial["invitation"] = self.request.GET.get("invitation", "")[:200]
        return initial


signup = CompanySignupView.as_view()
