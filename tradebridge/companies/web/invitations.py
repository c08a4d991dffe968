"""Invitations: invite by e-mail and role, list and revoke pending ones, accept one by its link."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tradebridge.accounts.models import User
from tradebridge.companies.actors import membership_switch, request_user
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission, role_outranks_or_equals
from tradebridge.companies.selectors import invitation_get_by_token, invitation_list_for_company
from tradebridge.companies.services import invitation_accept, invitation_create, invitation_revoke
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.companies.web.forms import InvitationForm, set_choices
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.web.errors import error_page


@acting_member
def invitations(request: HttpRequest, actor: Membership) -> HttpResponse:
    """Pending invitations (every member sees them); owners and admins invite and revoke."""
    form = InvitationForm(request.POST if request.method == "POST" else None)
    set_choices(
        form.fields["role"],
        [(role.value, role.label) for role in Role if role_outranks_or_equals(actor.role, role)],
    )
    if request.method != "POST":
        return _invitations_page(request, actor, form)
    if form.is_valid():
        try:
            issued = invitation_create(actor=actor, **form.cleaned_data)
        except (ValidationFailed, Conflict) as error:
            form.add_error(_field(error.details.get("field")), error.message)
        else:
            email = issued.invitation.email
            messages.success(
                request, _("An invitation has been sent to %(email)s.") % {"email": email}
            )
            return redirect("company_invitations")
    return _invitations_page(request, actor, form, status=400)


def _invitations_page(
    request: HttpRequest, actor: Membership, form: InvitationForm, status: int = 200
) -> HttpResponse:
    context = {
        "actor": actor,
        "form": form,
        "can_invite": has_permission(actor, Permission.INVITE_MEMBERS),
        "invitations": invitation_list_for_company(actor=actor).select_related("invited_by"),
    }
    return render(request, "companies/invitations.html", context, status=status)


def _field(name: object) -> str | None:
    return name if name in {"email", "role"} else None


@require_POST
@acting_member
def invitation_cancel(
    request: HttpRequest, actor: Membership, invitation_id: uuid.UUID
) -> HttpResponse:
    """Revoke a pending invitation. HTMX gets an empty row back; a plain form a redirect."""
    invitation_revoke(actor=actor, invitation_id=invitation_id)
    if is_htmx(request):
        return HttpResponse("")
    messages.success(request, _("The invitation has been revoked."))
    return redirect("company_invitations")


@never_cache
def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail: sign in or sign up with that address, then accept."""
    try:
        invitation = invitation_get_by_token(token=token)
    except NotFound as error:
        return error_page(request, error)
    user = request.user if isinstance(request.user, User) else None
    if request.method == "POST" and user is not None:
        return _accept(request, token)
    here = reverse("invitation_open", args=[token])
    context = {
        "invitation": invitation,
        "token": token,
        "signed_in_as": user.email if user else "",
        "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
        "signup_url": f"{reverse('signup')}?"
        + urlencode({"email": invitation.email, "invitation": token, "next": here}),
    }
    return render(request, "companies/invitation_open.html", context)


def _accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        membership = invitation_accept(user=request_user(request), token=token)
    except Conflict as error:
        messages.info(request, error.message)
        return redirect("dashboard")
    except (NotFound, PermissionDenied) as error:
        return error_page(request, error)
    membership_switch(request, membership.company_id)
    joined = {"company": membership.company.display_name, "role": membership.get_role_display()}
    messages.success(request, _("You joined %(company)s as %(role)s.") % joined)
    return redirect("dashboard")
