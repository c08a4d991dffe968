"""Starting threads, sending messages, marking threads read.

Only members whose role may send messages (owner, admin, purchaser, sales) of an active
company act; the company must be one of the thread's two parties. A buyer's message opens a
response request for the supplier (the response-metrics ledger) and the supplier's next
message answers it.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound, RateLimited, ValidationFailed
from tradebridge.core.services.audit import audit_record
from tradebridge.messaging.enums import ResponseRequestKind, SubjectKind
from tradebridge.messaging.models import (
    MAX_BODY_LENGTH,
    MAX_TITLE_LENGTH,
    Message,
    MessageAttachment,
    Thread,
    ThreadReadState,
)
from tradebridge.messaging.selectors import thread_find, thread_get_for_actor
from tradebridge.messaging.services.response import (
    response_request_answer,
    response_request_open,
)
from tradebridge.messaging.subjects import SubjectInfo, subject_resolve

_BUYING_KINDS = (CompanyKind.BUYER, CompanyKind.BOTH)
_SELLING_KINDS = (CompanyKind.SUPPLIER, CompanyKind.BOTH)


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Whom to write to: a supplier by its slug (the actor writes as a buyer) or a buyer by
    its id (the actor writes as a supplier). Exactly one is set."""

    supplier_slug: str | None = None
    buyer_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ThreadStarted:
    thread: Thread
    message: Message
    created: bool  # False: the pair's thread about this subject existed and was reused


def thread_start(
    *,
    actor: Membership,
    counterpart: Counterpart,
    subject_kind: str = SubjectKind.NONE,
    subject_id: uuid.UUID | None = None,
    title: str = "",
    body: str,
    attachment_ids: Sequence[uuid.UUID] = (),
) -> ThreadStarted:
    """Write to another company, in the pair's thread about the subject (created if needed).

    Raises PermissionDenied (role), NotFound (no such active counterpart), ValidationFailed
    (`reason`: body_empty, body_too_long, title_too_long, not_a_buyer, not_a_supplier,
    subject_unsupported, subject_not_found, subject_mismatch, attachment_invalid),
    RateLimited (too many new threads today, too many messages this minute).
    Not idempotent (the API's Idempotency-Key makes a retry safe).
    """
    _ensure_may_act(actor)
    text, clean_title = _clean_body(body), _clean_title(title)
    kind = _subject_kind(subject_kind)
    buyer, supplier = _parties(actor, counterpart)
    subject = subject_resolve(kind, subject_id if kind != SubjectKind.NONE else None)
    _ensure_subject_fits(subject, buyer=buyer, supplier=supplier)
    key_id = subject_id if kind != SubjectKind.NONE else None
    thread = thread_find(
        buyer_id=buyer.id, supplier_id=supplier.id, subject_kind=kind, subject_id=key_id
    )
    created = thread is None
    with transaction.atomic():  # a refused first message leaves no empty thread
        if thread is None:
            _ensure_thread_quota(actor)
            thread = _thread_create(actor, buyer, supplier, kind, key_id, subject, clean_title)
        message = _message_create(actor, thread, text, attachment_ids)
    return ThreadStarted(thread=thread, message=message, created=created)


def message_send(
    *,
    actor: Membership,
    thread_id: uuid.UUID,
    body: str,
    attachment_ids: Sequence[uuid.UUID] = (),
) -> Message:
    """Add a message to one of the company's threads. Raises NotFound, PermissionDenied,
    ValidationFailed (body_empty, body_too_long, attachment_invalid), RateLimited."""
    thread = thread_get_for_actor(actor=actor, thread_id=thread_id)
    _ensure_may_act(actor)
    text = _clean_body(body, allow_empty=bool(attachment_ids))
    return _message_create(actor, thread, text, attachment_ids)


def thread_mark_read(
    *, actor: Membership, thread_id: uuid.UUID, now: datetime | None = None
) -> ThreadReadState:
    """Mark the thread read, up to now, for the actor's user (never backwards). Idempotent.
    Raises NotFound."""
    thread = thread_get_for_actor(actor=actor, thread_id=thread_id)
    return read_mark(thread_id=thread.id, user_id=actor.user_id, at=now or timezone.now())


def read_mark(*, thread_id: uuid.UUID, user_id: uuid.UUID, at: datetime) -> ThreadReadState:
    """Move the user's read mark of the thread to `at` unless it is already later."""
    with transaction.atomic():
        state, created = ThreadReadState.objects.select_for_update().get_or_create(
            thread_id=thread_id, user_id=user_id, defaults={"last_read_at": at}
        )
        if not created and state.last_read_at < at:
            state.last_read_at = at
            state.save(update_fields=["last_read_at"])
    return state


# --- steps ------------------------------------------------------------------------------------


def _ensure_may_act(actor: Membership) -> None:
    ensure_can(actor, Permission.SEND_MESSAGES)
    if not actor.company.is_active:
        raise NotFound()


def _clean_body(body: str, *, allow_empty: bool = False) -> str:
    text = body.strip()
    if not text and not allow_empty:
        raise ValidationFailed("Write a message.", field="body", reason="body_empty")
    if len(text) > MAX_BODY_LENGTH:
        raise ValidationFailed(
            f"A message has at most {MAX_BODY_LENGTH} characters.",
            field="body",
            reason="body_too_long",
            max_length=MAX_BODY_LENGTH,
        )
    return text


def _clean_title(title: str) -> str:
    text = title.strip()
    if len(text) > MAX_TITLE_LENGTH:
        raise ValidationFailed(
            f"A title has at most {MAX_TITLE_LENGTH} characters.",
            field="title",
            reason="title_too_long",
        )
    return text


def _subject_kind(value: str) -> SubjectKind:
    if value not in SubjectKind.values:
        raise ValidationFailed(
            "Unknown subject kind.", field="subject_kind", reason="subject_unsupported"
        )
    return SubjectKind(value)


def _parties(actor: Membership, counterpart: Counterpart) -> tuple[Company, Company]:
    """(buyer, supplier): the actor's company on the side the counterpart implies."""
    own = actor.company
    if (counterpart.supplier_slug is None) == (counterpart.buyer_id is None):
        raise ValidationFailed(
            "Name either a supplier or a buyer.", field="supplier", reason="counterpart_required"
        )
    if counterpart.supplier_slug is not None:
        other = _active_company(slug=counterpart.supplier_slug, kinds=_SELLING_KINDS)
        _ensure_kind(own, _BUYING_KINDS, "not_a_buyer")
        buyer, supplier = own, other
    else:
        other = _active_company(id=counterpart.buyer_id, kinds=_BUYING_KINDS)
        _ensure_kind(own, _SELLING_KINDS, "not_a_supplier")
        buyer, supplier = other, own
    if buyer.id == supplier.id:
        raise NotFound()  # one's own company is no counterpart
    return buyer, supplier


def _active_company(*, kinds: tuple[str, ...], **lookup: object) -> Company:
    company = Company.objects.filter(is_active=True, kind__in=kinds, **lookup).first()
    if company is None:
        raise NotFound()
    return company


def _ensure_kind(company: Company, kinds: tuple[str, ...], reason: str) -> None:
    if company.kind not in kinds:
        raise ValidationFailed(
            "Your company cannot write on this side of a conversation.", reason=reason
        )


def _ensure_subject_fits(subject: SubjectInfo | None, *, buyer: Company, supplier: Company) -> None:
    if subject is None:
        return
    if (subject.supplier_id not in (None, supplier.id)) or (
        subject.buyer_id not in (None, buyer.id)
    ):
        raise ValidationFailed(
            "The subject does not belong to this conversation.",
            field="subject_id",
            reason="subject_mismatch",
        )


def _ensure_thread_quota(actor: Membership) -> None:
    limit: int = settings.MESSAGING_NEW_THREADS_PER_DAY
    since = timezone.now() - timedelta(days=1)
    started = Thread.objects.filter(
        started_by_company_id=actor.company_id, created_at__gt=since
    ).count()
    if started >= limit:
        raise RateLimited(
            "Your company started too many conversations today; try again tomorrow.",
            limit=limit,
            period="day",
        )


def _ensure_message_quota(actor: Membership) -> None:
    limit: int = settings.MESSAGING_MESSAGES_PER_MINUTE
    since = timezone.now() - timedelta(minutes=1)
    sent = Message.objects.filter(sender_company_id=actor.company_id, created_at__gt=since).count()
    if sent >= limit:
        raise RateLimited(
            "Your company sent too many messages this minute; wait a moment.",
            limit=limit,
            period="minute",
        )


def _thread_create(
    actor: Membership,
    buyer: Company,
    supplier: Company,
    kind: SubjectKind,
    subject_id: uuid.UUID | None,
    subject: SubjectInfo | None,
    title: str,
) -> Thread:
    try:
        with transaction.atomic():
            thread = Thread.objects.create(
                buyer=buyer,
                supplier=supplier,
                started_by_company_id=actor.company_id,
                subject_kind=kind,
                subject_id=subject_id,
                subject_label=(subject.label if subject else "")[:300],
                title=title,
                created_by_id=actor.user_id,
                last_message_at=timezone.now(),
            )
            audit_record(
                action="thread.started",
                object_type="messaging.thread",
                object_id=thread.id,
                actor_user_id=actor.user_id,
                company_id=actor.company_id,
                data={"subject_kind": kind.value, "subject_id": str(subject_id or "")},
            )
    except IntegrityError:  # a concurrent start about the same subject won: reuse its thread
        found = thread_find(
            buyer_id=buyer.id, supplier_id=supplier.id, subject_kind=kind, subject_id=subject_id
        )
        if found is None:
            raise
        return found
    return thread


def _message_create(
    actor: Membership, thread: Thread, text: str, attachment_ids: Sequence[uuid.UUID]
) -> Message:
    _ensure_message_quota(actor)
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(id=thread.id)
        message = Message.objects.create(
            thread=locked, sender_id=actor.user_id, sender_company_id=actor.company_id, body=text
        )
        _attach(actor, locked, message, attachment_ids)
        locked.last_message_at = message.created_at
        locked.save(update_fields=["last_message_at", "updated_at"])
        read_mark(thread_id=locked.id, user_id=actor.user_id, at=message.created_at)
        _record_response(locked, actor, message)
    thread.last_message_at = message.created_at
    return message


def _attach(
    actor: Membership, thread: Thread, message: Message, attachment_ids: Sequence[uuid.UUID]
) -> None:
    ids = set(attachment_ids)
    if not ids:
        return
    attached = MessageAttachment.objects.filter(
        id__in=ids, thread_id=thread.id, uploaded_by_id=actor.user_id, message__isnull=True
    ).update(message=message)
    if attached != len(ids):
        raise ValidationFailed(
            "An attachment is unknown or already sent.",
            field="attachment_ids",
            reason="attachment_invalid",
        )


def _record_response(thread: Thread, actor: Membership, message: Message) -> None:
    """The buyer asks (the first time), the supplier answers: the response ledger."""
    if actor.company_id == thread.buyer_id:
        response_request_open(
            supplier_id=thread.supplier_id,
            buyer_id=thread.buyer_id,
            kind=ResponseRequestKind.THREAD,
            ref_id=thread.id,
            asked_at=message.created_at,
        )
    else:
        response_request_answer(
            kind=ResponseRequestKind.THREAD,
            ref_id=thread.id,
            supplier_id=thread.supplier_id,
            answered_at=message.created_at,
        )
