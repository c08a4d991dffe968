"""The audit log in the back office, with the names of the companies and people each event
mentions (core stores bare ids: it sits below the apps that own them). Registered by
`config.apps.ProjectConfig.ready()`, after the admin site exists."""

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.companies.models import Company
from tradebridge.core.admin import AuditEventAdmin
from tradebridge.core.models import AuditEvent


class NamedAuditEventAdmin(AuditEventAdmin):
    list_display = ("occurred_at", "action", "object_type", "object_id", "company", "actor")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEvent]:
        """One query: each event with its company's display name and its actor's e-mail."""
        companies = Company.objects.filter(id=OuterRef("company_id")).values("display_name")
        people = User.objects.filter(id=OuterRef("actor_user_id")).values("email")
        return (
            super()
            .get_queryset(request)
            .annotate(company_name=Subquery(companies[:1]), actor_email=Subquery(people[:1]))
        )

    @admin.display(description=_("company"), ordering="company_name")
    def company(self, event: AuditEvent) -> str:
        return str(getattr(event, "company_name", None) or event.company_id or "—")

    @admin.display(description=_("actor"), ordering="actor_email")
    def actor(self, event: AuditEvent) -> str:
        return str(getattr(event, "actor_email", None) or event.actor_user_id or "—")


def register() -> None:
    admin.site.register(AuditEvent, NamedAuditEventAdmin)
