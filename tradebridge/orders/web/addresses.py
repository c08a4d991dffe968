"""The company's shipping addresses (/company/addresses/, in the company settings): the list,
a form to add one, and "make default". The checkout uses the default one unless told
otherwise. Members read; those who may place orders add and choose (the services decide)."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.web.acting import acting_member
from tradebridge.companies.web.choices import country_name
from tradebridge.core.errors import ValidationFailed
from tradebridge.orders.services.addresses import (
    ShipTo,
    shipping_address_add,
    shipping_address_list_for_company,
    shipping_address_set_default,
)
from tradebridge.orders.web.errors import error_text
from tradebridge.orders.web.forms import NewAddressForm


def ship_to_from(data: dict[str, str]) -> ShipTo:
    return ShipTo(
        name=data["name"],
        line1=data["line1"],
        line2=data.get("line2", ""),
        city=data["city"],
        postal_code=data.get("postal_code", ""),
        country=data["country"],
    )


@acting_member
def address_list(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The addresses, the default first; POST adds one."""
    form = NewAddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shipping_address_add(
                actor=actor,
                address=ship_to_from(form.cleaned_data),
                is_default=form.cleaned_data["is_default"],
            )
        except ValidationFailed as error:
            form.add_error(_field_of(error, form), error_text(error))
        else:
            messages.success(request, _("The address has been added."))
            return redirect("orders_addresses")
    addresses = list(shipping_address_list_for_company(actor=actor))
    context = {
        "actor": actor,
        "rows": [(address, country_name(address.country)) for address in addresses],
        "form": form,
        "can_edit": has_permission(actor, Permission.PLACE_ORDERS),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "orders/addresses.html", context, status=status)


def _field_of(error: ValidationFailed, form: NewAddressForm) -> str | None:
    field = error.details.get("field")
    return field if isinstance(field, str) and field in form.fields else None


@require_POST
@acting_member
def address_default(request: HttpRequest, actor: Membership, address_id: uuid.UUID) -> HttpResponse:
    """Make the address the company's default."""
    shipping_address_set_default(actor=actor, address_id=address_id)
    messages.success(request, _("The default address has been changed."))
    return redirect("orders_addresses")
