"""Personal API tokens: create (the raw token is shown once), list with last use, revoke."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tradebridge.companies.models import Membership
from tradebridge.companies.selectors import api_token_list_for_actor
from tradebridge.companies.services import IssuedApiToken, api_token_create, api_token_revoke
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.companies.web.forms import ApiTokenForm
from tradebridge.core.errors import Conflict, ValidationFailed


@never_cache
@acting_member
def api_tokens(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The actor's tokens for the current company; POST creates one and shows it once."""
    if request.method != "POST":
        return _tokens_page(request, actor, ApiTokenForm())
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            issued = api_token_create(
                actor=actor, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
        except (ValidationFailed, Conflict) as error:
            field = error.details.get("field")
            form.add_error("expires_on" if field == "expires_at" else None, error.message)
        else:
            return _tokens_page(request, actor, ApiTokenForm(), issued=issued, status=201)
    return _tokens_page(request, actor, form, status=400)


def _tokens_page(
    request: HttpRequest,
    actor: Membership,
    form: ApiTokenForm,
    issued: IssuedApiToken | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "actor": actor,
        "form": form,
        "issued": issued,
        "tokens": api_token_list_for_actor(actor=actor),
    }
    return render(request, "companies/api_tokens.html", context, status=status)


@require_POST
@acting_member
def api_token_cancel(request: HttpRequest, actor: Membership, token_id: uuid.UUID) -> HttpResponse:
    """Revoke one of the actor's tokens: it stops working at once."""
    api_token_revoke(actor=actor, token_id=token_id)
    if is_htmx(request):
        return HttpResponse("")
    messages.success(request, _("The token has been revoked."))
    return redirect("api_tokens")
