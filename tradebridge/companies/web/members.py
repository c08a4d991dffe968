"""The members page: list, change a role inline (HTMX), remove or leave with a confirmation."""

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, has_permission, role_outranks_or_equals
from tradebridge.companies.selectors import member_get_for_company, member_list_for_company
from tradebridge.companies.services import membership_change_role, membership_remove
from tradebridge.companies.web.acting import acting_member, is_htmx
from tradebridge.companies.web.forms import RoleForm
from tradebridge.core.errors import DomainError, NotFound
from tradebridge.core.web.errors import status_for


@dataclass(frozen=True)
class MemberRow:
    """One member as the actor sees them: which roles the actor could give them, if any."""

    membership: Membership
    is_self: bool
    assignable_roles: list[tuple[str, str]]

    @property
    def can_manage(self) -> bool:
        return bool(self.assignable_roles) and not self.is_self


def _row(actor: Membership, member: Membership) -> MemberRow:
    manages = has_permission(actor, Permission.MANAGE_MEMBERS) and role_outranks_or_equals(
        actor.role, member.role
    )
    roles = [
        (role.value, str(role.label)) for role in Role if role_outranks_or_equals(actor.role, role)
    ]
    return MemberRow(
        membership=member, is_self=member.pk == actor.pk, assignable_roles=roles if manages else []
    )


@acting_member
def members(request: HttpRequest, actor: Membership) -> HttpResponse:
    """Everyone in the actor's company, with their roles."""
    rows = [_row(actor, member) for member in member_list_for_company(actor=actor)]
    can_invite = has_permission(actor, Permission.INVITE_MEMBERS)
    context = {"actor": actor, "rows": rows, "can_invite": can_invite}
    return render(request, "companies/members.html", context)


@require_POST
@acting_member
def member_role(request: HttpRequest, actor: Membership, membership_id: uuid.UUID) -> HttpResponse:
    """Give a member another role. HTMX gets the row back; a plain form gets a redirect."""
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else request.POST.get("role", "")
    try:
        member = membership_change_role(actor=actor, membership_id=membership_id, role=role)
    except DomainError as error:
        if not is_htmx(request):
            raise
        return _row_with_error(request, actor, membership_id, error)
    if is_htmx(request):
        context = {"row": _row(actor, member), "saved": True}
        return render(request, "companies/members.html#member-row", context)
    messages.success(request, _("The role has been changed."))
    return redirect("company_members")


def _row_with_error(
    request: HttpRequest, actor: Membership, membership_id: uuid.UUID, error: DomainError
) -> HttpResponse:
    try:
        member = member_get_for_company(actor=actor, membership_id=membership_id)
    except NotFound as gone:
        return render(request, "companies/members.html#member-gone", {"error": gone}, status=404)
    context = {"row": _row(actor, member), "error": error}
    return render(request, "companies/members.html#member-row", context, status=status_for(error))


@acting_member
def member_remove(
    request: HttpRequest, actor: Membership, membership_id: uuid.UUID
) -> HttpResponse:
    """GET asks for confirmation; POST removes the member (or, for oneself, leaves)."""
    member = member_get_for_company(actor=actor, membership_id=membership_id)
    if request.method != "POST":
        context = {"actor": actor, "member": member, "is_self": member.pk == actor.pk}
        return render(request, "companies/member_remove.html", context)
    membership_remove(actor=actor, membership_id=membership_id)
    if member.pk == actor.pk:
        left = {"company": actor.company.display_name}
        messages.success(
            request, _("You left %(company)s; its pages are no longer open to you.") % left
        )
        return redirect("dashboard")
    messages.success(
        request, _("%(person)s has been removed.") % {"person": member.user.get_full_name()}
    )
    return redirect("company_members")
