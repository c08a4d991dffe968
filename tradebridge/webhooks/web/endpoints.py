"""The webhook pages of the company settings: list and add endpoints, an endpoint's page
(edit it, see its delivery log), reveal or rotate its secret, remove it.

Every member reads; changing anything needs MANAGE_COMPANY (the services check it). The
signing secret is shown once, when it is made (on adding, and after a rotation), and again
only on an explicit "Show secret" (a POST, by managers).
"""

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import ValidationFailed
from tradebridge.webhooks.enums import DeliveryStatus
from tradebridge.webhooks.errors import EndpointLimitReached
from tradebridge.webhooks.models import WebhookEndpoint
from tradebridge.webhooks.selectors import (
    secret_visible_to,
    webhook_delivery_list_for_member,
    webhook_endpoint_get_for_member,
    webhook_endpoint_list_for_member,
)
from tradebridge.webhooks.services import (
    EndpointChanges,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_secret_rotate,
    webhook_endpoint_update,
)
from tradebridge.webhooks.web.forms import EndpointForm

DELIVERIES_PER_PAGE = 20


@never_cache
@acting_member
def endpoint_list(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company's endpoints; POST adds one and shows its secret once."""
    if request.method != "POST":
        return _list_page(request, actor, EndpointForm())
    ensure_can(actor, Permission.MANAGE_COMPANY)
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            endpoint = webhook_endpoint_create(
                actor=actor,
                url=form.cleaned_data["url"],
                description=form.cleaned_data["description"],
                event_types=form.cleaned_data["event_types"],
                is_active=form.cleaned_data["is_active"],
            )
        except (ValidationFailed, EndpointLimitReached) as error:
            _form_error(form, error)
        else:
            return _list_page(request, actor, EndpointForm(), created=endpoint, status=201)
    return _list_page(request, actor, form, status=400)


def _list_page(
    request: HttpRequest,
    actor: Membership,
    form: EndpointForm,
    *,
    created: WebhookEndpoint | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "actor": actor,
        "can_manage": secret_visible_to(actor),
        "endpoints": webhook_endpoint_list_for_member(actor=actor),
        "form": form,
        "created": created,
    }
    return render(request, "webhooks/endpoints.html", context, status=status)


@never_cache
@acting_member
def endpoint_detail(
    request: HttpRequest, actor: Membership, endpoint_id: uuid.UUID
) -> HttpResponse:
    """One endpoint: its settings (editable by managers) and its delivery log."""
    endpoint = webhook_endpoint_get_for_member(actor=actor, endpoint_id=endpoint_id)
    if request.method != "POST":
        return _detail_page(request, actor, endpoint, _form_for(endpoint))
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            webhook_endpoint_update(
                actor=actor, endpoint_id=endpoint.id, changes=EndpointChanges(**form.cleaned_data)
            )
        except ValidationFailed as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The endpoint has been saved."))
            return redirect("webhook", endpoint_id=endpoint.id)
    ensure_can(actor, Permission.MANAGE_COMPANY)
    return _detail_page(request, actor, endpoint, form, status=400)


def _form_for(endpoint: WebhookEndpoint) -> EndpointForm:
    return EndpointForm(
        initial={
            "url": endpoint.url,
            "description": endpoint.description,
            "event_types": endpoint.event_types,
            "is_active": endpoint.is_active,
        }
    )


def _detail_page(
    request: HttpRequest,
    actor: Membership,
    endpoint: WebhookEndpoint,
    form: EndpointForm,
    *,
    secret: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "webhooks/endpoint.html",
        {**_log_context(request, actor, endpoint), "form": form, "secret": secret},
        status=status,
    )


def _log_context(
    request: HttpRequest, actor: Membership, endpoint: WebhookEndpoint
) -> dict[str, Any]:
    """The endpoint and one page of its delivery log (filtered by `?status=`)."""
    status = request.GET.get("status", "")
    status = status if status in DeliveryStatus.values else ""
    deliveries = webhook_delivery_list_for_member(
        actor=actor, endpoint_id=endpoint.id, status=status or None
    )
    page = Paginator(deliveries, DELIVERIES_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "actor": actor,
        "endpoint": endpoint,
        "can_manage": secret_visible_to(actor),
        "page": page,
        "status": status,
        "statuses": DeliveryStatus.choices,
        "page_query": f"&status={status}" if status else "",
        "retention_days": settings.WEBHOOKS_RETENTION_DAYS,
    }


@require_POST
@never_cache
@acting_member
def endpoint_secret(
    request: HttpRequest, actor: Membership, endpoint_id: uuid.UUID
) -> HttpResponse:
    """Show the signing secret (managers only)."""
    endpoint = webhook_endpoint_get_for_member(actor=actor, endpoint_id=endpoint_id)
    ensure_can(actor, Permission.MANAGE_COMPANY)
    return _detail_page(request, actor, endpoint, _form_for(endpoint), secret=endpoint.secret)


@require_POST
@never_cache
@acting_member
def endpoint_rotate(
    request: HttpRequest, actor: Membership, endpoint_id: uuid.UUID
) -> HttpResponse:
    """Make a new secret and show it once; the previous one still signs for 24 hours."""
    endpoint = webhook_endpoint_secret_rotate(actor=actor, endpoint_id=endpoint_id)
    messages.success(
        request,
        _("New secret made. The previous one also signs for the next 24 hours."),
    )
    return _detail_page(request, actor, endpoint, _form_for(endpoint), secret=endpoint.secret)


@acting_member
def endpoint_remove(
    request: HttpRequest, actor: Membership, endpoint_id: uuid.UUID
) -> HttpResponse:
    """Confirm (GET), then remove the endpoint and its delivery log (POST)."""
    endpoint = webhook_endpoint_get_for_member(actor=actor, endpoint_id=endpoint_id)
    ensure_can(actor, Permission.MANAGE_COMPANY)
    if request.method != "POST":
        return render(
            request, "webhooks/endpoint_delete.html", {"actor": actor, "endpoint": endpoint}
        )
    webhook_endpoint_delete(actor=actor, endpoint_id=endpoint.id)
    messages.success(request, _("The endpoint has been removed."))
    return redirect("webhooks")


def _form_error(form: EndpointForm, error: ValidationFailed | EndpointLimitReached) -> None:
    field = error.details.get("field")
    form.add_error(field if field in form.fields else None, _error_message(error))


def _error_message(error: ValidationFailed | EndpointLimitReached) -> str:
    """The translated message for the service's machine-readable reason."""
    messages_by_reason = {
        "scheme": _("The URL must start with https://."),
        "host": _("The URL has no host."),
        "credentials": _("The URL may not contain a user name or password."),
        "port": _("The URL has an invalid port."),
        "private_address": _("The URL points to a private or local network address."),
        "too_long": _("The URL is too long."),
        "unknown": _("Choose event types from the list."),
    }
    if isinstance(error, EndpointLimitReached):
        return _("Your company has as many webhook endpoints as allowed.")
    return messages_by_reason.get(str(error.details.get("reason")), error.message)
