"""The company's payment terms for cart orders (/company/payment-terms/, in the company
settings): the deposit percent and when the balance is due. Every member of a company that
sells reads them; the owner and admins change them (the service decides)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can, has_permission
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import PermissionDenied, ValidationFailed
from tradebridge.orders.enums import BalanceDue
from tradebridge.orders.services.terms import supplier_terms_get, supplier_terms_set
from tradebridge.orders.web.display import payment_terms_text
from tradebridge.orders.web.errors import error_text


class TermsForm(forms.Form):
    deposit_percent = forms.DecimalField(
        label=gettext_lazy("Deposit (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=gettext_lazy("0 to 100. 100 means the buyer pays everything before production."),
    )
    balance_due = forms.ChoiceField(
        label=gettext_lazy("Balance due"),
        choices=BalanceDue.choices,
        help_text=gettext_lazy("When the rest of the price is paid into escrow."),
    )


@acting_member
def terms_page(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The terms; POST changes them."""
    ensure_can(actor, Permission.VIEW_COMPANY)
    if actor.company.kind == CompanyKind.BUYER:
        raise PermissionDenied("Only a company that sells has payment terms.")
    terms = supplier_terms_get(actor.company_id)
    initial = {"deposit_percent": terms.deposit_percent, "balance_due": terms.balance_due}
    form = TermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            supplier_terms_set(
                actor=actor,
                deposit_percent=form.cleaned_data["deposit_percent"],
                balance_due=form.cleaned_data["balance_due"],
            )
        except ValidationFailed as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The payment terms have been saved."))
            return redirect("supplier_terms")
    context = {
        "actor": actor,
        "form": form,
        "terms": terms,
        "terms_text": payment_terms_text(terms.deposit_percent, terms.balance_due),
        "can_edit": has_permission(actor, Permission.MANAGE_COMPANY),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "orders/supplier_terms.html", context, status=status)
