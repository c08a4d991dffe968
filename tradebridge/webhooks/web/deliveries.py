"""Actions on an endpoint's delivery log: resend one delivery, send a test event. With HTMX
the changed row (or the log) comes back; without it, the endpoint's page."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.webhooks.selectors import (
    secret_visible_to,
    webhook_delivery_get_for_member,
)
from tradebridge.webhooks.services import webhook_delivery_resend, webhook_endpoint_test


@require_POST
@acting_member
def delivery_resend(
    request: HttpRequest, actor: Membership, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> HttpResponse:
    """Send the delivery again now (same event, same `webhook-id`)."""
    webhook_delivery_resend(actor=actor, endpoint_id=endpoint_id, delivery_id=delivery_id)
    if is_htmx(request):
        delivery = webhook_delivery_get_for_member(
            actor=actor, endpoint_id=endpoint_id, delivery_id=delivery_id
        )
        context = {
            "delivery": delivery,
            "endpoint": delivery.endpoint,
            "can_manage": secret_visible_to(actor),
            "resent": True,
        }
        return render(request, "webhooks/endpoint.html#delivery-row", context)
    messages.success(request, _("The delivery will be sent again in a moment."))
    return redirect("webhook", endpoint_id=endpoint_id)


@require_POST
@acting_member
def endpoint_send_test(
    request: HttpRequest, actor: Membership, endpoint_id: uuid.UUID
) -> HttpResponse:
    """Send a test event (`ping`) to this endpoint."""
    webhook_endpoint_test(actor=actor, endpoint_id=endpoint_id)
    messages.success(request, _("A test event is on its way. Its delivery is listed below."))
    return redirect("webhook", endpoint_id=endpoint_id)
