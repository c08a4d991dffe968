"""The operator's back office for messaging: reviewing reported messages (hide the message,
optionally suspending the sender's company, or dismiss the report), through the services;
threads and messages read-only. Operators never write or edit a message."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User
from tradebridge.core.errors import DomainError, PermissionDenied
from tradebridge.messaging.models import Message, MessageReport, Thread
from tradebridge.messaging.services import message_hide, message_report_dismiss


class ReadOnlyAdmin[M: Any](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MessageInline(admin.TabularInline[Message, Thread]):
    model = Message
    extra = 0
    can_delete = False
    fields = ("created_at", "sender_company", "sender", "body", "hidden_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin[Thread]):
    list_display = ("__str__", "buyer", "supplier", "subject_kind", "last_message_at")
    list_filter = ("subject_kind",)
    search_fields = ("title", "subject_label", "buyer__display_name", "supplier__display_name")
    list_select_related = ("buyer", "supplier")
    fields = (
        "buyer",
        "supplier",
        "started_by_company",
        "subject_kind",
        "subject_id",
        "subject_label",
        "title",
        "created_by",
        "created_at",
        "last_message_at",
    )
    readonly_fields = fields
    inlines = (MessageInline,)


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin[Message]):
    list_display = ("__str__", "sender_company", "thread", "created_at", "hidden_at")
    list_filter = ("hidden_at",)
    list_select_related = ("sender_company", "thread")
    fields = ("thread", "sender_company", "sender", "body", "created_at", "hidden_at", "hidden_by")
    readonly_fields = fields


@admin.register(MessageReport)
class MessageReportAdmin(ReadOnlyAdmin[MessageReport]):
    list_display = ("created_at", "reporter_company", "message_text", "reason", "status")
    list_filter = ("status",)
    list_select_related = ("reporter_company", "message")
    fields = (
        "message_text",
        "sender",
        "reporter_company",
        "reporter",
        "reason",
        "status",
        "decided_by",
        "decided_at",
    )
    readonly_fields = fields
    actions = ("hide", "hide_and_suspend", "dismiss")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return isinstance(request.user, User) and request.user.is_staff

    @admin.display(description=_("message"))
    def message_text(self, report: MessageReport) -> str:
        return report.message.body[:300]

    @admin.display(description=_("sender"))
    def sender(self, report: MessageReport) -> str:
        return str(report.message.sender_company)

    @admin.action(description=_("Hide the reported messages"))
    def hide(self, request: HttpRequest, queryset: QuerySet[MessageReport]) -> None:
        operator = _operator(request)
        _each(request, queryset, lambda r: message_hide(operator=operator, report_id=r.id))

    @admin.action(description=_("Hide the messages and suspend their senders' companies"))
    def hide_and_suspend(self, request: HttpRequest, queryset: QuerySet[MessageReport]) -> None:
        operator = _operator(request)
        _each(
            request,
            queryset,
            lambda r: message_hide(
                operator=operator,
                report_id=r.id,
                suspend_sender=True,
                note=f"Abusive messages (report: {r.reason[:200]})",
            ),
        )

    @admin.action(description=_("Dismiss the reports"))
    def dismiss(self, request: HttpRequest, queryset: QuerySet[MessageReport]) -> None:
        operator = _operator(request)
        _each(
            request, queryset, lambda r: message_report_dismiss(operator=operator, report_id=r.id)
        )


def _operator(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied()
    return request.user


def _each(
    request: HttpRequest,
    queryset: QuerySet[MessageReport],
    act: Callable[[MessageReport], object],
) -> None:
    done = 0
    for report in queryset:
        try:
            act(report)
        except DomainError as error:
            messages.error(request, f"{report.reason[:60]}: {error.message}")
        else:
            done += 1
    if done:
        messages.success(request, _("%(count)d reports decided.") % {"count": done})
