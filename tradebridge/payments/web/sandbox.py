"""The sandbox provider's pages and the order page's "Pay by card" form.

- `POST /payments/orders/<order_id>/card/` (the order page's form): starts paying an
  instalment (`provider_payment_start`, amount from the server) and sends the buyer to the
  provider's page: the sandbox's below (Stripe needs Stripe.js, which this site's strict CSP
  does not load: Stripe payments are made through the API's client secret).
- `GET /payments/sandbox/<id>/`: the sandbox's "card page": the amount, "Pay" and "Decline".
- `POST /payments/sandbox/<id>/pay/` and `.../decline/`: the sandbox decides, signs the event
  and delivers it through the webhook path (`provider_webhook_receive`), then sends the buyer
  back through `.../return/`, which asks the provider again (`provider_payment_confirm`), as a
  return from Stripe would: the two paths capture once between them.

Only members of the buyer company see or act on a payment (404 otherwise); `next` may only
point inside this site.
"""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import ValidationFailed
from tradebridge.core.money import Money
from tradebridge.payments.enums import PaymentProvider
from tradebridge.payments.provider_selectors import provider_payment_get_by_provider_id_for_buyer
from tradebridge.payments.providers.registry import redirect_url_for, sandbox_provider
from tradebridge.payments.services.provider_payments import (
    provider_payment_confirm,
    provider_payment_start,
    provider_webhook_receive,
)


@require_POST
@acting_member
def card_payment_start(request: HttpRequest, actor: Membership, order_id: UUID) -> HttpResponse:
    instalment_id = _uuid(request.POST.get("instalment_id", ""))
    back = _safe_next(request, request.POST.get("next", ""))
    if request.POST.get("provider", PaymentProvider.SANDBOX) != PaymentProvider.SANDBOX:
        # Stripe needs Stripe.js in the page, which this site's CSP does not load.
        messages.error(request, _("Pay this instalment with Stripe through the API."))
        return redirect(back or "dashboard")
    payment = provider_payment_start(
        actor=actor,
        order_id=order_id,
        instalment_id=instalment_id,
        provider=PaymentProvider.SANDBOX,
    )
    url = redirect_url_for(
        provider=payment.provider, provider_payment_id=payment.provider_payment_id
    )
    return redirect(_with_next(url, back))


@require_GET
@acting_member
def sandbox_page(request: HttpRequest, actor: Membership, payment_id: str) -> HttpResponse:
    payment = provider_payment_get_by_provider_id_for_buyer(
        actor=actor, provider=PaymentProvider.SANDBOX, provider_payment_id=payment_id
    )
    context = {
        "payment": payment,
        "amount_text": Money(payment.amount, payment.currency).format(get_language() or "en"),
        "order_reference": payment.instalment.hold.order_reference,
        "next": _safe_next(request, request.GET.get("next", "")),
    }
    return render(request, "payments/sandbox_page.html", context)


@require_POST
@acting_member
def sandbox_decide(
    request: HttpRequest, actor: Membership, payment_id: str, outcome: str
) -> HttpResponse:
    payment = provider_payment_get_by_provider_id_for_buyer(
        actor=actor, provider=PaymentProvider.SANDBOX, provider_payment_id=payment_id
    )
    raw_body, headers = sandbox_provider().decide(
        payment_id=payment.provider_payment_id, pay=outcome == "pay"
    )
    provider_webhook_receive(provider=PaymentProvider.SANDBOX, raw_body=raw_body, headers=headers)
    back = _safe_next(request, request.POST.get("next", ""))
    return redirect(_with_next(reverse("payments_sandbox_return", args=[payment_id]), back))


@require_GET
@acting_member
def sandbox_return(request: HttpRequest, actor: Membership, payment_id: str) -> HttpResponse:
    payment = provider_payment_get_by_provider_id_for_buyer(
        actor=actor, provider=PaymentProvider.SANDBOX, provider_payment_id=payment_id
    )
    payment = provider_payment_confirm(actor=actor, payment_id=payment.pk)
    if payment.status in ("succeeded", "refunded"):
        messages.success(request, _("Payment received: the money is held in escrow."))
    else:
        messages.error(request, _("The payment was declined. You can try again."))
    back = _safe_next(request, request.GET.get("next", ""))
    return redirect(back or "payments_sandbox_page", *([] if back else [payment_id]))


def _with_next(url: str, back: str) -> str:
    return f"{url}?{urlencode({'next': back})}" if back else url


def _safe_next(request: HttpRequest, value: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if value and allowed and value.startswith("/") else ""


def _uuid(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise ValidationFailed(field="instalment_id") from None


urlpatterns: list[URLPattern] = [
    path(
        "payments/orders/<uuid:order_id>/card/",
        card_payment_start,
        name="payments_card_payment_start",
    ),
    path("payments/sandbox/<slug:payment_id>/", sandbox_page, name="payments_sandbox_page"),
    path(
        "payments/sandbox/<slug:payment_id>/pay/",
        sandbox_decide,
        {"outcome": "pay"},
        name="payments_sandbox_pay",
    ),
    path(
        "payments/sandbox/<slug:payment_id>/decline/",
        sandbox_decide,
        {"outcome": "decline"},
        name="payments_sandbox_decline",
    ),
    path(
        "payments/sandbox/<slug:payment_id>/return/",
        sandbox_return,
        name="payments_sandbox_return",
    ),
]
