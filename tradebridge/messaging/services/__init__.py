"""Use cases of messaging. Every service checks the actor's role itself.

Errors are core's: NotFound (absent or not the actor's), PermissionDenied (role too low),
ValidationFailed (bad values, with a `reason`), Conflict, RateLimited.
"""

from tradebridge.messaging.services.attachments import attachment_orphans_prune, attachment_upload
from tradebridge.messaging.services.moderation import (
    message_hide,
    message_report,
    message_report_dismiss,
)
from tradebridge.messaging.services.notifications import message_unread_notify
from tradebridge.messaging.services.response import (
    response_request_answer,
    response_request_open,
    supplier_response_stats_refresh,
    supplier_response_stats_refresh_all,
)
from tradebridge.messaging.services.threads import (
    Counterpart,
    ThreadStarted,
    message_send,
    read_mark,
    thread_mark_read,
    thread_start,
)

__all__ = [
    "Counterpart",
    "ThreadStarted",
    "attachment_orphans_prune",
    "attachment_upload",
    "message_hide",
    "message_report",
    "message_report_dismiss",
    "message_send",
    "message_unread_notify",
    "read_mark",
    "response_request_answer",
    "response_request_open",
    "supplier_response_stats_refresh",
    "supplier_response_stats_refresh_all",
    "thread_mark_read",
    "thread_start",
]
