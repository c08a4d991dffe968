"""The dispute pages: the card's actions (`/disputes/<id>/<action>/`, POST; HTMX swaps the
card, plain forms go back to where they came from), a page with the card alone
(`/disputes/<id>/`), and evidence downloads through signed links
(`/disputes/evidence/<token>/`).

The services decide (side, role, status, clock): a refused action shows its reason on the
card; another company's dispute is 404.
"""

import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.core.errors import DomainError, NotFound
from tradebridge.core.money import Money
from tradebridge.core.signed_downloads import file_download_response
from tradebridge.core.web.errors import error_page
from tradebridge.payments.dispute_downloads import evidence_link_read
from tradebridge.payments.dispute_selectors import (
    dispute_get_for_company,
    evidence_get_for_download,
)
from tradebridge.payments.models import Dispute
from tradebridge.payments.services.dispute_evidence import dispute_evidence_add
from tradebridge.payments.services.disputes import (
    dispute_accept_counter,
    dispute_escalate,
    dispute_respond,
    dispute_withdraw,
)
from tradebridge.payments.web.dispute_panel import dispute_panel_context

type Perform = Callable[[HttpRequest, Membership, uuid.UUID], object]


def _note(request: HttpRequest) -> str:
    return request.POST.get("note", "")


def _counter(request: HttpRequest, actor: Membership, dispute_id: uuid.UUID) -> object:
    dispute = dispute_get_for_company(actor=actor, dispute_id=dispute_id)
    raw = request.POST.get("counter_refund", "").strip().replace(",", ".")
    try:
        amount = Money(Decimal(raw), dispute.currency)
    except (InvalidOperation, DomainError):
        raise _BadInput(_("Enter the refund you offer, e.g. 150.00.")) from None
    return dispute_respond(
        actor=actor,
        dispute_id=dispute_id,
        response="counter",
        counter_refund=amount,
        note=_note(request),
    )


def _evidence(request: HttpRequest, actor: Membership, dispute_id: uuid.UUID) -> object:
    upload = request.FILES.get("file")
    if upload is None:
        raise _BadInput(_("Choose a file."))
    return dispute_evidence_add(
        actor=actor,
        dispute_id=dispute_id,
        file=upload,
        filename=upload.name or "",
        note=_note(request),
    )


class _BadInput(Exception):
    pass


_ACTIONS: dict[str, Perform] = {
    "accept": lambda r, a, d: dispute_respond(
        actor=a, dispute_id=d, response="accept", note=_note(r)
    ),
    "counter": _counter,
    "contest": lambda r, a, d: dispute_respond(
        actor=a, dispute_id=d, response="contest", note=_note(r)
    ),
    "accept-counter": lambda r, a, d: dispute_accept_counter(actor=a, dispute_id=d),
    "escalate": lambda r, a, d: dispute_escalate(actor=a, dispute_id=d),
    "withdraw": lambda r, a, d: dispute_withdraw(actor=a, dispute_id=d),
    "evidence": _evidence,
}


@require_POST
@acting_member
def dispute_action(
    request: HttpRequest, actor: Membership, dispute_id: uuid.UUID, action: str
) -> HttpResponse:
    """Take `action`; NotFound (404) for another company's dispute or an unknown action."""
    perform = _ACTIONS.get(action)
    if perform is None:
        raise Http404
    dispute = dispute_get_for_company(actor=actor, dispute_id=dispute_id)
    error = ""
    try:
        perform(request, actor, dispute.pk)
    except NotFound:
        raise
    except (_BadInput, DomainError) as refused:
        error = str(refused)  # a DomainError's str is its message
    if is_htmx(request):
        return _card(request, actor, dispute.pk, error=error)
    if error:
        messages.error(request, error)
    return redirect(_back(request, dispute))


def _back(request: HttpRequest, dispute: Dispute) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return f"/disputes/{dispute.pk}/"


def _card(
    request: HttpRequest, actor: Membership, dispute_id: uuid.UUID, *, error: str
) -> HttpResponse:
    dispute = dispute_get_for_company(actor=actor, dispute_id=dispute_id)
    context = dispute_panel_context(actor, dispute, timezone.now())
    context |= {"error": error, "next": request.POST.get("next", "")}
    return render(request, "payments/_dispute_panel_body.html", context)


@require_GET
@acting_member
def dispute_detail(request: HttpRequest, actor: Membership, dispute_id: uuid.UUID) -> HttpResponse:
    """The dispute card on a page of its own (where the plain forms come back to)."""
    dispute = dispute_get_for_company(actor=actor, dispute_id=dispute_id)
    context = dispute_panel_context(actor, dispute, timezone.now())
    context |= {"next": request.get_full_path()}
    return render(request, "payments/dispute_detail.html", context)


@require_GET
def evidence_download(request: HttpRequest, token: str) -> HttpResponseBase:
    """The file, to the user the link was made for, while it is fresh and they may still read
    the dispute; 404 for anyone and anything else."""
    user = request.user
    if not isinstance(user, User):
        return redirect_to_login(request.get_full_path())
    evidence_id = evidence_link_read(token, user_id=user.id)
    try:
        if evidence_id is None:
            raise NotFound()
        evidence = evidence_get_for_download(user=user, evidence_id=evidence_id)
    except NotFound as error:
        return error_page(request, error)
    return file_download_response(
        evidence.file, filename=evidence.original_filename, content_type=evidence.content_type
    )
