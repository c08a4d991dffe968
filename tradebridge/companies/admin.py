"""The operator's back office for companies: verification actions and their history."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import ApiToken, Company, CompanyVerificationEvent, Membership
from tradebridge.companies.services import company_set_verification
from tradebridge.core.errors import PermissionDenied


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VerificationEventInline(ReadOnlyInline):
    model = CompanyVerificationEvent
    fields = ("created_at", "operator", "from_level", "to_level", "note")
    readonly_fields = fields
    verbose_name_plural = _("verification history")


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ("user", "role", "is_active", "created_at")
    readonly_fields = fields


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
        _("%(count)d companies set to %(level)s.")
        % {
            "count": len(companies),
            "level": level.label,
        },
    )


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin[Company]):
    list_display = ("display_name", "slug", "kind", "country", "verification_level", "is_active")
    list_filter = ("kind", "verification_level", "is_active", "country")
    search_fields = ("legal_name", "display_name", "slug", "registration_number", "vat_number")
    readonly_fields = ("slug", "verification_level", "created_at", "updated_at")
    inlines = (VerificationEventInline, MembershipInline)
    actions = ("mark_business_verified", "mark_audited", "revoke_verification")

    @admin.action(description=_("Mark business verified"))
    def mark_business_verified(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        _set_level(request, queryset, VerificationLevel.BUSINESS_VERIFIED)

    @admin.action(description=_("Mark audited"))
    def mark_audited(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        _set_level(request, queryset, VerificationLevel.AUDITED)

    @admin.action(description=_("Revoke verification"))
    def revoke_verification(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        _set_level(request, queryset, VerificationLevel.UNVERIFIED)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Operators may see and revoke tokens, never their secret (only its hash is stored)."""

    list_display = ("name", "prefix", "membership", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("membership", "name", "prefix", "created_at", "last_used_at", "expires_at")
    exclude = ("token_hash",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
