"""The order's actions (/orders/<id>/<action>/): a confirmation page that says what happens,
with the input the action takes (a reason, the carrier and tracking number, a dispute), and
its POST, which calls the lifecycle service and goes back to the order.

The action names are the API's. The service decides (side, role, status, deadlines): a
refused action comes back to this page with the reason; another company's order is 404.
"""

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradebridge.core.money import Money
from tradebridge.orders.models import Order
from tradebridge.orders.selectors import order_get_for_company
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_cancel_unpaid_balance,
    order_confirm,
    order_confirm_receipt,
    order_decline,
    order_dispute_open,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
from tradebridge.orders.web.actions import action_view
from tradebridge.orders.web.errors import error_text
from tradebridge.orders.web.forms import DisputeForm, EmptyForm, NoteForm, ShipForm
from tradebridge.orders.web.order_detail import order_context

type Perform = Callable[[Membership, Order, dict[str, Any]], object]


def _dispute(actor: Membership, order: Order, data: dict[str, Any]) -> object:
    return order_dispute_open(
        actor=actor,
        order_id=order.pk,
        reason=data["reason"],
        description=data["description"],
        requested_refund=Money(Decimal(data["requested_refund"]), order.currency),
    )


_ACTIONS: dict[str, tuple[type[forms.Form], Perform]] = {
    "confirm": (EmptyForm, lambda a, o, d: order_confirm(actor=a, order_id=o.pk)),
    "decline": (NoteForm, lambda a, o, d: order_decline(actor=a, order_id=o.pk, note=d["note"])),
    "production-done": (
        EmptyForm,
        lambda a, o, d: order_production_done(actor=a, order_id=o.pk),
    ),
    "ship": (
        ShipForm,
        lambda a, o, d: order_ship(
            actor=a, order_id=o.pk, carrier=d["carrier"], tracking_number=d["tracking_number"]
        ),
    ),
    "mark-delivered": (EmptyForm, lambda a, o, d: order_mark_delivered(actor=a, order_id=o.pk)),
    "cancel-unpaid": (
        NoteForm,
        lambda a, o, d: order_cancel_unpaid_balance(actor=a, order_id=o.pk, note=d["note"]),
    ),
    "cancel": (NoteForm, lambda a, o, d: order_cancel(actor=a, order_id=o.pk, note=d["note"])),
    "confirm-receipt": (
        EmptyForm,
        lambda a, o, d: order_confirm_receipt(actor=a, order_id=o.pk),
    ),
    "dispute": (DisputeForm, _dispute),
}


def _done_message(action: str) -> str:
    return {
        "confirm": _("You confirmed the order."),
        "decline": _("You declined the order; it is cancelled."),
        "production-done": _("The buyer has been told that production is finished."),
        "ship": _("The order is shipped; the buyer has been told."),
        "mark-delivered": _("The order is marked as delivered."),
        "cancel-unpaid": _("The order is cancelled; the deposit is released to you."),
        "cancel": _("The order is cancelled."),
        "confirm-receipt": _("You confirmed receipt; the payment is released to the supplier."),
        "dispute": _("Your dispute is open; the supplier has been asked to answer."),
    }[action]


@acting_member
def order_action(
    request: HttpRequest, actor: Membership, order_id: uuid.UUID, action: str
) -> HttpResponse:
    """GET: what the action does, and its form. POST: do it, then back to the order."""
    if action not in _ACTIONS:
        raise Http404
    order = order_get_for_company(actor=actor, order_id=order_id)
    form_class, perform = _ACTIONS[action]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                perform(actor, order, form.cleaned_data)
            except (ValidationFailed, Conflict, PermissionDenied) as error:
                _refused(form, error)
            else:
                messages.success(request, _done_message(action))
                return redirect("orders_detail", order.pk)
        return _page(request, actor, order, action, form, status=400)
    return _page(request, actor, order, action, form_class())


def _refused(form: forms.Form, error: ValidationFailed | Conflict | PermissionDenied) -> None:
    field = error.details.get("field")
    if isinstance(field, str) and field in form.fields:
        form.add_error(field, error_text(error))
    else:
        form.add_error(None, error_text(error))


def _page(
    request: HttpRequest,
    actor: Membership,
    order: Order,
    action: str,
    form: forms.Form,
    status: int = 200,
) -> HttpResponse:
    context = order_context(actor, order, timezone.now()) | {
        "action": action_view(action),
        "form": form,
    }
    return render(request, "orders/action.html", context, status=status)
