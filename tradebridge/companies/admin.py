"""The operator's back office for companies: verification (levels and documents), suspension,
and their history. Every action goes through a service; actions that need a note or a reason ask
for it on an intermediate page (`admin/companies/action_form.html`)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, Model, QuerySet, Value, When
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from tradebridge.accounts.models import User
from tradebridge.companies.enums import DocumentStatus, KindChangeStatus, VerificationLevel
from tradebridge.companies.models import (
    ApiToken,
    Company,
    CompanyKindChange,
    CompanySuspension,
    CompanyVerificationEvent,
    Membership,
    VerificationDocument,
)
from tradebridge.companies.services import (
    company_kind_change_approve,
    company_kind_change_reject,
    company_reinstate,
    company_set_verification,
    company_suspend,
    verification_document_approve,
    verification_document_reject,
)
from tradebridge.core.admin import done_message
from tradebridge.core.errors import DomainError, PermissionDenied


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False
    # Each row prints its object (whose __str__ names its company) and its people: read them
    # with the rows, not one query per row.
    related: tuple[str, ...] = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset(request)
        return rows.select_related(*self.related) if self.related else rows

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VerificationEventInline(ReadOnlyInline):
    related = ("company", "operator")
    model = CompanyVerificationEvent
    fields = ("created_at", "operator", "from_level", "to_level", "note")
    readonly_fields = fields
    verbose_name_plural = _("verification history")


class SuspensionInline(ReadOnlyInline):
    related = ("company", "operator")
    model = CompanySuspension
    fields = ("created_at", "action", "reason", "operator")
    readonly_fields = fields
    verbose_name_plural = _("suspension history")


class DocumentInline(ReadOnlyInline):
    model = VerificationDocument
    fields = ("created_at", "kind", "original_filename", "status", "review_note")
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("verification documents")


class KindChangeInline(ReadOnlyInline):
    related = ("company", "reviewed_by")
    model = CompanyKindChange
    fk_name = "company"
    fields = ("created_at", "from_kind", "to_kind", "status", "reviewed_by", "review_note")
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("changes of kind")


class MembershipInline(ReadOnlyInline):
    related = ("company", "user")
    model = Membership
    fields = ("user", "role", "is_active", "created_at")
    readonly_fields = fields


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The company's members see it on their dashboard."),
    )


class ApproveForm(forms.Form):
    grant_level = forms.ChoiceField(
        label=_("Grant the company"),
        required=False,
        choices=[
            ("", _("no new level")),
            (VerificationLevel.BUSINESS_VERIFIED, VerificationLevel.BUSINESS_VERIFIED.label),
            (VerificationLevel.AUDITED, VerificationLevel.AUDITED.label),
        ],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it rejected?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The company's members see this note."),
    )


def _operator(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied()
    return request.user


def _with_form[M: Model](
    modeladmin: admin.ModelAdmin[M],
    request: HttpRequest,
    objects: QuerySet[M],
    *,
    form_class: type[forms.Form],
    title: str,
    apply: Callable[[M, dict[str, Any]], object],
    done: tuple[str | Promise, str | Promise] | None = None,
    summary: Callable[[list[M], dict[str, Any]], str] | None = None,
    name: Callable[[M], str] = str,
    describe: Callable[[M], str] = str,
) -> TemplateResponse | None:
    """Ask for the form on an intermediate page (listing each object as `describe` puts it),
    then apply it to each object through a service; a DomainError on one object is reported
    and the others still go through. `done` is the success message for one object and for
    several (see `core.admin.done_message`); `summary`, if given, makes it instead from the
    objects done and the form."""
    if "apply" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            applied = []
            for obj in objects:
                try:
                    apply(obj, form.cleaned_data)
                except DomainError as error:
                    messages.error(request, f"{describe(obj)}: {error.message}")
                else:
                    applied.append(obj)
            if applied and summary is not None:
                messages.success(request, summary(applied, form.cleaned_data))
            elif applied and done is not None:
                names = [name(obj) for obj in applied]
                messages.success(request, done_message(*done, names=names))
            return None
    else:
        form = form_class()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "objects": [describe(obj) for obj in objects],
        "pks": [obj.pk for obj in objects],
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/companies/action_form.html", context)


def _set_level(
    request: HttpRequest, companies: QuerySet[Company], level: VerificationLevel
) -> None:
    operator = request.user
    if not isinstance(operator, User):
        raise PermissionDenied()
    for company in companies:
        company_set_verification(
            operator=operator, company_id=company.id, level=level, note="Admin action"
        )
    messages.success(
        request,
        done_message(
            _("Company %(names)s set to %(level)s."),
            _("%(count)d companies set to %(level)s: %(names)s."),
            names=[company.display_name for company in companies],
            level=level.label,
        ),
    )


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin[Company]):
    list_display = ("display_name", "slug", "kind", "country", "verification_level", "is_active")
    list_filter = ("kind", "verification_level", "is_active", "country")
    search_fields = ("legal_name", "display_name", "slug", "registration_number", "vat_number")
    readonly_fields = ("slug", "verification_level", "is_active", "created_at", "updated_at")
    inlines = (
        VerificationEventInline,
        DocumentInline,
        KindChangeInline,
        SuspensionInline,
        MembershipInline,
    )
    actions = (
        "mark_business_verified",
        "mark_audited",
        "revoke_verification",
        "suspend",
        "reinstate",
    )

    @admin.action(description=_("Mark business verified"))
    def mark_business_verified(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        _set_level(request, queryset, VerificationLevel.BUSINESS_VERIFIED)

    @admin.action(description=_("Mark audited"))
    def mark_audited(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        _set_level(request, queryset, VerificationLevel.AUDITED)

    @admin.action(description=_("Revoke verification"))
    def revoke_verification(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        _set_level(request, queryset, VerificationLevel.UNVERIFIED)

    @admin.action(description=_("Suspend (hide everything, with a reason)"))
    def suspend(self, request: HttpRequest, queryset: QuerySet[Company]) -> TemplateResponse | None:
        operator = _operator(request)
        return _with_form(
            self,
            request,
            queryset,
            form_class=ReasonForm,
            title=str(_("Suspend companies")),
            apply=lambda company, data: company_suspend(
                operator=operator, company_id=company.id, reason=data["reason"]
            ),
            done=(
                _("Company %(names)s suspended."),
                _("%(count)d companies suspended: %(names)s."),
            ),
        )

    @admin.action(description=_("Reinstate (with a reason)"))
    def reinstate(
        self, request: HttpRequest, queryset: QuerySet[Company]
    ) -> TemplateResponse | None:
        operator = _operator(request)
        return _with_form(
            self,
            request,
            queryset,
            form_class=ReasonForm,
            title=str(_("Reinstate companies")),
            apply=lambda company, data: company_reinstate(
                operator=operator, company_id=company.id, reason=data["reason"]
            ),
            done=(
                _("Company %(names)s reinstated."),
                _("%(count)d companies reinstated: %(names)s."),
            ),
        )


def _document_of_company(document: VerificationDocument) -> str:
    return _("%(document)s, of %(company)s") % {
        "document": document,
        "company": document.company.display_name,
    }


_NOW_AT_LEVEL = {
    VerificationLevel.BUSINESS_VERIFIED: ngettext_lazy(
        "%(companies)s is now business verified.",
        "%(companies)s are now business verified.",
        "count",
    ),
    VerificationLevel.AUDITED: ngettext_lazy(
        "%(companies)s is now audited.", "%(companies)s are now audited.", "count"
    ),
}


def _by_company(document: VerificationDocument) -> tuple[str, str]:
    return (document.company.display_name, document.original_filename)


def _documents_approved(documents: list[VerificationDocument], data: dict[str, Any]) -> str:
    """Which documents of which companies were approved, and the level those companies now
    have when one was granted: the operator sees at once what the click did."""
    names = [
        _("“%(file)s” of %(company)s")
        % {"file": document.original_filename, "company": document.company.display_name}
        for document in sorted(documents, key=_by_company)
    ]
    one, many = _("Document %(names)s approved."), _("%(count)d documents approved: %(names)s.")
    approved = (one if len(names) == 1 else many) % {"names": ", ".join(names), "count": len(names)}
    if not data["grant_level"]:
        return approved
    companies = sorted({document.company.display_name for document in documents})
    level = _NOW_AT_LEVEL[VerificationLevel(data["grant_level"])]
    return f"{approved} {level % {'companies': ', '.join(companies), 'count': len(companies)}}"


@admin.register(VerificationDocument)
class VerificationDocumentAdmin(admin.ModelAdmin[VerificationDocument]):
    """The review queue: pending documents first; approve (optionally granting a level) or
    reject with a note. Nothing is edited by hand; the file opens through the checked view."""

    list_display = ("original_filename", "company", "kind", "status", "created_at", "reviewed_by")
    list_filter = ("status", "kind")
    list_select_related = ("company", "reviewed_by")
    search_fields = ("original_filename", "company__display_name", "company__legal_name")
    fields = (
        "company",
        "kind",
        "download",
        "content_type",
        "size",
        "status",
        "uploaded_by",
        "created_at",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    )
    readonly_fields = fields
    actions = ("approve", "reject")

    def get_queryset(self, request: HttpRequest) -> QuerySet[VerificationDocument]:
        pending_first = Case(When(status=DocumentStatus.PENDING, then=Value(0)), default=Value(1))
        return super().get_queryset(request).order_by(pending_first, "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("file"))
    def download(self, document: VerificationDocument) -> SafeString:
        url = reverse("verification_document_download", args=[document.id])
        return format_html('<a href="{}">{}</a>', url, document.original_filename)

    @admin.action(description=_("Approve (and grant a level)"))
    def approve(
        self, request: HttpRequest, queryset: QuerySet[VerificationDocument]
    ) -> TemplateResponse | None:
        operator = _operator(request)
        return _with_form(
            self,
            request,
            queryset.filter(status=DocumentStatus.PENDING),
            form_class=ApproveForm,
            title=str(_("Approve documents")),
            apply=lambda document, data: verification_document_approve(
                operator=operator,
                document_id=document.id,
                note=data["note"],
                grant_level=data["grant_level"] or None,
            ),
            summary=_documents_approved,
            describe=_document_of_company,
        )

    @admin.action(description=_("Reject (with a note)"))
    def reject(
        self, request: HttpRequest, queryset: QuerySet[VerificationDocument]
    ) -> TemplateResponse | None:
        operator = _operator(request)
        return _with_form(
            self,
            request,
            queryset.filter(status=DocumentStatus.PENDING),
            form_class=RejectForm,
            title=str(_("Reject documents")),
            apply=lambda document, data: verification_document_reject(
                operator=operator, document_id=document.id, note=data["note"]
            ),
            done=(
                _("Document %(names)s rejected."),
                _("%(count)d documents rejected: %(names)s."),
            ),
            name=lambda document: document.original_filename,
            describe=_document_of_company,
        )


class KindChangeApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(CompanyKindChange)
class CompanyKindChangeAdmin(admin.ModelAdmin[CompanyKindChange]):
    """Requests to become a buyer, a supplier or both: pending first; approve (the kind changes,
    a supplier's products show or hide everywhere) or reject with a note."""

    list_display = ("company", "from_kind", "to_kind", "status", "created_at", "reviewed_by")
    list_filter = ("status", "to_kind")
    list_select_related = ("company", "reviewed_by")
    search_fields = ("company__display_name", "company__legal_name", "company__slug")
    fields = (
        "company",
        "from_kind",
        "to_kind",
        "status",
        "requested_by",
        "created_at",
        "reviewed_by",
        "decided_at",
        "review_note",
    )
    readonly_fields = fields
    actions = ("approve", "reject")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CompanyKindChange]:
        pending_first = Case(When(status=KindChangeStatus.PENDING, then=Value(0)), default=Value(1))
        return super().get_queryset(request).order_by(pending_first, "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Approve the change of kind"))
    def approve(
        self, request: HttpRequest, queryset: QuerySet[CompanyKindChange]
    ) -> TemplateResponse | None:
        operator = _operator(request)
        return _with_form(
            self,
            request,
            queryset.filter(status=KindChangeStatus.PENDING),
            form_class=KindChangeApproveForm,
            title=str(_("Approve changes of kind")),
            apply=lambda change, data: company_kind_change_approve(
                operator=operator, change_id=change.id, note=data["note"]
            ),
            done=(
                _("Change of kind of %(names)s approved."),
                _("%(count)d changes of kind approved: %(names)s."),
            ),
            name=lambda change: change.company.display_name,
        )

    @admin.action(description=_("Reject the change of kind (with a note)"))
    def reject(
        self, request: HttpRequest, queryset: QuerySet[CompanyKindChange]
    ) -> TemplateResponse | None:
        operator = _operator(request)
        return _with_form(
            self,
            request,
            queryset.filter(status=KindChangeStatus.PENDING),
            form_class=RejectForm,
            title=str(_("Reject changes of kind")),
            apply=lambda change, data: company_kind_change_reject(
                operator=operator, change_id=change.id, note=data["note"]
            ),
            done=(
                _("Change of kind of %(names)s rejected."),
                _("%(count)d changes of kind rejected: %(names)s."),
            ),
            name=lambda change: change.company.display_name,
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Operators may see and revoke tokens, never their secret (only its hash is stored)."""

    list_display = ("name", "prefix", "membership", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("membership__user", "membership__company")
    readonly_fields = ("membership", "name", "prefix", "created_at", "last_used_at", "expires_at")
    exclude = ("token_hash",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
