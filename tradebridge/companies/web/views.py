"""Company pages: dashboard, profile, switcher. Every rule lives in the services they call.

Members, invitations and API tokens have their own modules (`members.py`, `invitations.py`,
`tokens.py`).
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.accounts.models import User
from tradebridge.companies.actors import current_membership, membership_switch, request_user
from tradebridge.companies.enums import CompanyKind, DocumentStatus, VerificationLevel
from tradebridge.companies.models import CompanyKindChange, Membership
from tradebridge.companies.onboarding import OnboardingStep, onboarding_steps
from tradebridge.companies.permissions import Permission, has_permission
from tradebridge.companies.selectors import (
    api_token_list_for_actor,
    company_kind_change_latest,
    invitation_list_for_company,
    member_list_for_company,
    membership_list_for_user,
    suspension_list_for_user,
    verification_document_list_for_company,
)
from tradebridge.companies.services import company_create_with_owner, company_update
from tradebridge.companies.web.acting import acting_member
from tradebridge.companies.web.choices import country_name
from tradebridge.companies.web.forms import (
    CompanyCreateForm,
    CompanySettingsForm,
    CompanySwitchForm,
)
from tradebridge.core.errors import Conflict, NotFound, ValidationFailed
from tradebridge.core.web.redirects import safe_next_url


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in home: the current company, the user's role, and the next steps."""
    user = request_user(request)
    try:
        actor = current_membership(request)
    except NotFound:
        context = {"form": CompanyCreateForm(), "suspensions": suspension_list_for_user(user=user)}
        return render(request, "companies/no_company.html", context)
    context = {
        "actor": actor,
        "suspensions": suspension_list_for_user(user=user),
        "company": actor.company,
        "country_name": country_name(actor.company.country),
        "memberships": membership_list_for_user(user=user),
        "steps": _next_steps(user, actor),
    }
    return render(request, "companies/dashboard.html", context)


_VERIFIED = frozenset({VerificationLevel.BUSINESS_VERIFIED, VerificationLevel.AUDITED})


def _next_steps(user: User, actor: Membership) -> list[OnboardingStep]:
    """The onboarding checklist: what to do next, what waits for the operator and what is
    done already. A supplier's owner or admin first gets verified; the catalog adds its steps
    (`onboarding_steps`)."""
    company = actor.company
    steps = [
        OnboardingStep(
            key="profile", done=bool(company.description and company.city), url="company_settings"
        )
    ]
    if company.kind != CompanyKind.BUYER and has_permission(actor, Permission.MANAGE_COMPANY):
        steps.append(_verify_step(actor))
    steps.extend(onboarding_steps(actor))
    if has_permission(actor, Permission.INVITE_MEMBERS):
        colleagues = member_list_for_company(actor=actor).count() > 1
        invited = invitation_list_for_company(actor=actor).exists()
        steps.append(
            OnboardingStep(key="invite", done=colleagues or invited, url="company_invitations")
        )
    steps.append(OnboardingStep(key="mfa", done=is_mfa_enabled(user), url="mfa_index"))
    tokens = api_token_list_for_actor(actor=actor).exists()
    steps.append(OnboardingStep(key="token", done=tokens, url="api_tokens"))
    return steps


def _verify_step(actor: Membership) -> OnboardingStep:
    """Done once business verified; until then it waits while a document is pending review."""
    if actor.company.verification_level in _VERIFIED:
        return OnboardingStep(key="verify", done=True, url="company_verification")
    documents = verification_document_list_for_company(actor=actor)
    return OnboardingStep(
        key="verify",
        done=False,
        url="company_verification",
        waiting=documents.filter(status=DocumentStatus.PENDING).count(),
        waiting_link=reverse("company_verification"),
    )


@require_POST
@login_required
def company_create(request: HttpRequest) -> HttpResponse:
    """Create a company with the signed-in user as its owner, and act for it."""
    form = CompanyCreateForm(request.POST)
    if form.is_valid():
        try:
            membership = company_create_with_owner(user=request_user(request), **form.cleaned_data)
        except ValidationFailed as error:
            form.add_error(error.details.get("field"), error.message)
        else:
            membership_switch(request, membership.company_id)
            messages.success(request, _("Your company has been created."))
            return redirect("dashboard")
    return render(request, "companies/no_company.html", {"form": form}, status=400)


@require_POST
@login_required
def company_switch(request: HttpRequest) -> HttpResponse:
    """Act for another of the user's companies from now on (404 if not theirs)."""
    form = CompanySwitchForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        membership = membership_switch(request, form.cleaned_data["company_id"])
    except NotFound as error:
        raise Http404 from error
    messages.info(
        request,
        _("Now working for: %(company)s") % {"company": membership.company.display_name},
    )
    target = form.cleaned_data["next"]
    return redirect(safe_next_url(request, target, fallback="/dashboard/"))


@acting_member
def company_settings(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company profile: owners and admins edit it, other members read it."""
    can_edit = has_permission(actor, Permission.MANAGE_COMPANY)
    kind_change = company_kind_change_latest(company_id=actor.company_id)
    initial = CompanySettingsForm.initial_for(actor.company, kind_change)
    if request.method != "POST":
        form = CompanySettingsForm(initial=initial, read_only=not can_edit)
        return _settings_page(request, actor, form, can_edit, kind_change)
    form = CompanySettingsForm(request.POST, initial=initial)
    if form.is_valid():
        try:
            company_update(actor=actor, changes=form.changes())
        except (ValidationFailed, Conflict) as error:
            form.add_error(_form_field(form, error.details.get("field")), error.message)
        else:
            messages.success(request, _("The company profile has been saved."))
            return redirect("company_settings")
    return _settings_page(request, actor, form, can_edit, kind_change, status=400)


def _settings_page(
    request: HttpRequest,
    actor: Membership,
    form: CompanySettingsForm,
    can_edit: bool,
    kind_change: CompanyKindChange | None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "actor": actor,
        "company": actor.company,
        "form": form,
        "can_edit": can_edit,
        "kind_change": kind_change,  # read once: a refused save left it as it was
    }
    return render(request, "companies/settings.html", context, status=status)


def _form_field(form: CompanySettingsForm, name: object) -> str | None:
    """The form field a service error names, or None (a form-wide error)."""
    return name if isinstance(name, str) and name in form.fields else None
