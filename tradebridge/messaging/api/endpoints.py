"""Messaging endpoints: the threads of the caller's company (both sides), their messages,
read marks, attachments and reports.

Only members whose role may send messages (owner, admin, purchaser, sales) of an active
company see its threads; for anyone else, and for another company's thread or message, the
answer is 404 `not_found`, the same as for an id that does not exist.

Attachments: upload the file first (`POST /threads/{id}/attachments`, multipart `file`) and
send its id with the next message (`attachment_ids`); an upload never sent is pruned after a
day. Each message lists its attachments with a download `url` valid 10 minutes for the
caller alone.
"""

import uuid
from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tradebridge.companies.api.auth import auth_membership
from tradebridge.companies.documents import MAX_DOCUMENT_BYTES
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.pagination import PagePagination
from tradebridge.core.errors import NotFound, ValidationFailed
from tradebridge.messaging.api.schemas import (
    MessageCreateIn,
    MessageOut,
    ReportIn,
    ReportOut,
    ThreadCreateIn,
    ThreadOut,
    ThreadStartedOut,
    UnreadCountOut,
    UploadOut,
)
from tradebridge.messaging.models import Message, MessageAttachment, MessageReport, Thread
from tradebridge.messaging.selectors import (
    message_get_for_actor,
    message_list_for_thread,
    thread_get_for_actor,
    thread_list_for_actor,
    unread_count_for_user,
)
from tradebridge.messaging.services import (
    Counterpart,
    ThreadStarted,
    attachment_upload,
    message_report,
    message_send,
    thread_mark_read,
    thread_start,
)

router = Router(tags=["messaging"])
THREAD = "/threads/{thread_id}"


@router.get("/threads", response=list[ThreadOut], summary="List your company's threads")
@paginate(PagePagination)
def thread_list(request: HttpRequest) -> QuerySet[Thread]:
    """Both sides' threads, most recent activity first, each with your `unread_count`."""
    return thread_list_for_actor(actor=auth_membership(request))


@router.post(
    "/threads",
    response={201: ThreadStartedOut},
    summary="Write to a company",
    openapi_extra=error_responses(404, 429),
)
@idempotent
def thread_create(request: HttpRequest, payload: ThreadCreateIn) -> Status[ThreadStarted]:
    """Start a thread with a supplier (`supplier`: its slug) or a buyer (`buyer_id`), about a
    subject or not, with a first message. The pair's thread about the same subject is
    reused (`created: false`). 404: no such active company; 422 with `details.reason`
    (`not_a_buyer`, `subject_not_found`, `subject_mismatch`...); 429 `rate_limited`."""
    actor = auth_membership(request)
    started = thread_start(
        actor=actor,
        counterpart=Counterpart(supplier_slug=payload.supplier, buyer_id=payload.buyer_id),
        subject_kind=payload.subject_kind,
        subject_id=payload.subject_id,
        title=payload.title,
        body=payload.body,
        attachment_ids=payload.attachment_ids,
    )
    thread = thread_list_for_actor(actor=actor).get(id=started.thread.id)
    message = message_get_for_actor(actor=actor, message_id=started.message.id)
    return Status(201, ThreadStarted(thread, message, started.created))


@router.get("/threads/unread-count", response=UnreadCountOut, summary="Count your unread messages")
def unread_count(request: HttpRequest) -> UnreadCountOut:
    """Messages of the other companies you have not read, over all your company's threads."""
    return UnreadCountOut(unread=unread_count_for_user(actor=auth_membership(request)))


@router.get(THREAD, response=ThreadOut, summary="Read a thread")
def thread_read(request: HttpRequest, thread_id: uuid.UUID) -> Thread:
    found = thread_list_for_actor(actor=auth_membership(request)).filter(id=thread_id).first()
    if found is None:
        raise NotFound()
    return found


class MessageFilters(Schema):
    after: datetime | None = Field(None, description="Only messages written after this time.")


@router.get(f"{THREAD}/messages", response=list[MessageOut], summary="List a thread's messages")
@paginate(PagePagination)
def message_list(
    request: HttpRequest, thread_id: uuid.UUID, filters: Query[MessageFilters]
) -> QuerySet[Message]:
    """Oldest first; `after` returns only newer ones (for polling)."""
    actor = auth_membership(request)
    thread = thread_get_for_actor(actor=actor, thread_id=thread_id)
    return message_list_for_thread(actor=actor, thread=thread, after=filters.after)


@router.post(
    f"{THREAD}/messages",
    response={201: MessageOut},
    summary="Send a message",
    openapi_extra=error_responses(429),
)
@idempotent
def message_create(
    request: HttpRequest, thread_id: uuid.UUID, payload: MessageCreateIn
) -> Status[Message]:
    """A message with text and/or attachments uploaded before. 422 `body_empty`,
    `attachment_invalid` (unknown, another's or already sent); 429 `rate_limited`."""
    actor = auth_membership(request)
    message = message_send(
        actor=actor, thread_id=thread_id, body=payload.body, attachment_ids=payload.attachment_ids
    )
    return Status(201, message_get_for_actor(actor=actor, message_id=message.id))


class ReadOut(Schema):
    last_read_at: datetime


@router.post(f"{THREAD}/read", response=ReadOut, summary="Mark a thread read")
def thread_read_mark(request: HttpRequest, thread_id: uuid.UUID) -> ReadOut:
    """Everything in the thread up to now counts as read for you. Idempotent."""
    state = thread_mark_read(actor=auth_membership(request), thread_id=thread_id)
    return ReadOut(last_read_at=state.last_read_at)


@router.post(
    f"{THREAD}/attachments",
    response={201: UploadOut},
    summary="Upload an attachment",
    openapi_extra=error_responses(429),
)
@idempotent
def attachment_create(
    request: HttpRequest, thread_id: uuid.UUID, file: File[UploadedFile]
) -> Status[MessageAttachment]:
    """Multipart `file`: a PDF, JPEG, PNG or WEBP (told from its bytes) of at most 10 MB.
    Answers its id, to send in the next message's `attachment_ids`. 422 `file_type`,
    `file_too_large`, `file_empty`."""
    actor = auth_membership(request)
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:  # never read a huge upload
        raise ValidationFailed(
            "The file is larger than 10 MB.", field="file", reason="file_too_large"
        )
    attachment = attachment_upload(
        actor=actor, thread_id=thread_id, file=file, filename=file.name or ""
    )
    return Status(201, attachment)


@router.post(
    "/messages/{message_id}/report",
    response={201: ReportOut},
    summary="Report a message",
    openapi_extra=error_responses(409),
)
@idempotent
def message_report_create(
    request: HttpRequest, message_id: uuid.UUID, payload: ReportIn
) -> Status[MessageReport]:
    """Report a message your company received to the operator. 409 `already_reported`."""
    report = message_report(
        actor=auth_membership(request), message_id=message_id, reason=payload.reason
    )
    return Status(201, report)
