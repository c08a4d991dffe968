"""Reads of messaging. Tenant scoping lives here: a thread is visible only to the active
members of its two companies whose role may send messages (owner, admin, purchaser, sales);
to anyone else, a viewer of the same company included, it does not exist (NotFound).

Unread: the messages of the other company, not hidden, newer than the user's read mark.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from django.db.models import Count, DateTimeField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from tradebridge.accounts.models import User
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.permissions import ROLE_PERMISSIONS, Permission, has_permission
from tradebridge.core.errors import NotFound
from tradebridge.messaging.models import (
    Message,
    MessageAttachment,
    SupplierResponseStats,
    Thread,
    ThreadReadState,
)
from tradebridge.messaging.response_metrics import replies_within_hours

_NEVER: Final = datetime(1970, 1, 1, tzinfo=UTC)
MESSAGING_ROLES: Final = tuple(
    role.value for role, granted in ROLE_PERMISSIONS.items() if Permission.SEND_MESSAGES in granted
)


def may_message(actor: Membership) -> bool:
    """Whether the membership may see and write its company's threads (no query)."""
    return actor.company.is_active and has_permission(actor, Permission.SEND_MESSAGES)


def _ensure_may_message(actor: Membership) -> None:
    if not may_message(actor):
        raise NotFound()


def _party(actor: Membership) -> Q:
    return Q(buyer_id=actor.company_id) | Q(supplier_id=actor.company_id)


def _last_read(user_id: uuid.UUID, thread_ref: str) -> Coalesce:
    mark = ThreadReadState.objects.filter(thread_id=OuterRef(thread_ref), user_id=user_id)
    return Coalesce(
        Subquery(mark.values("last_read_at")[:1]),
        Value(_NEVER),
        output_field=DateTimeField(),
    )


def thread_list_for_actor(*, actor: Membership) -> QuerySet[Thread]:
    """The company's threads, both sides, newest activity first, each with `unread_count`
    (for the actor's user) and both companies: one query. Raises NotFound (no messaging role)."""
    _ensure_may_message(actor)
    unread = Q(messages__created_at__gt=F("last_read_at"), messages__hidden_at__isnull=True) & ~Q(
        messages__sender_company_id=actor.company_id
    )
    return (
        Thread.objects.filter(_party(actor))
        .select_related("buyer", "supplier")
        .annotate(last_read_at=_last_read(actor.user_id, "pk"))
        .annotate(unread_count=Count("messages", filter=unread))
        .order_by("-last_message_at", "-id")
    )


def thread_get_for_actor(*, actor: Membership, thread_id: uuid.UUID) -> Thread:
    """One of the company's threads, with both companies. Raises NotFound."""
    _ensure_may_message(actor)
    thread = (
        Thread.objects.filter(_party(actor), id=thread_id)
        .select_related("buyer", "supplier")
        .first()
    )
    if thread is None:
        raise NotFound()
    return thread


def counterpart_get(*, supplier_slug: str | None, buyer_id: uuid.UUID | None) -> Company:
    """The active company a new thread would go to (for its form). Raises NotFound."""
    companies = Company.objects.filter(is_active=True)
    if supplier_slug is not None:
        found = companies.filter(slug=supplier_slug).first()
    else:
        found = companies.filter(id=buyer_id).first() if buyer_id is not None else None
    if found is None:
        raise NotFound()
    return found


def thread_find(
    *,
    buyer_id: uuid.UUID,
    supplier_id: uuid.UUID,
    subject_kind: str,
    subject_id: uuid.UUID | None,
) -> Thread | None:
    """The pair's thread about this subject, if one exists (no scoping: for services)."""
    return Thread.objects.filter(
        buyer_id=buyer_id, supplier_id=supplier_id, subject_kind=subject_kind, subject_id=subject_id
    ).first()


def message_list_for_thread(
    *, actor: Membership, thread: Thread, after: datetime | None = None
) -> QuerySet[Message]:
    """The thread's messages, oldest first, with their attachments and senders; only those
    created after `after` when given. `thread` must come from `thread_get_for_actor`."""
    messages = Message.objects.filter(thread_id=thread.id)
    if after is not None:
        messages = messages.filter(created_at__gt=after)
    return (
        messages.select_related("sender", "sender_company")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )


def message_newer_exists(*, actor: Membership, thread_id: uuid.UUID, after: datetime) -> bool:
    """Whether the company's thread has a message newer than `after`: one indexed query
    (polling). False for a thread that is not the company's, as for one without news."""
    if not may_message(actor):
        return False
    return (
        Message.objects.filter(thread_id=thread_id, created_at__gt=after)
        .filter(Q(thread__buyer_id=actor.company_id) | Q(thread__supplier_id=actor.company_id))
        .exists()
    )


def message_get_for_actor(*, actor: Membership, message_id: uuid.UUID) -> Message:
    """A message of one of the company's threads, with its thread, sender and attachments.
    Raises NotFound."""
    _ensure_may_message(actor)
    message = (
        Message.objects.filter(id=message_id)
        .filter(Q(thread__buyer_id=actor.company_id) | Q(thread__supplier_id=actor.company_id))
        .select_related("thread", "sender", "sender_company")
        .prefetch_related("attachments")
        .first()
    )
    if message is None:
        raise NotFound()
    return message


def unread_count_for_user(*, actor: Membership) -> int:
    """How many messages wait unread for the actor's user in the company's threads: one query
    (none, and 0, without a messaging role)."""
    if not may_message(actor):
        return 0
    return (
        Message.objects.filter(
            Q(thread__buyer_id=actor.company_id) | Q(thread__supplier_id=actor.company_id),
            hidden_at__isnull=True,
        )
        .exclude(sender_company_id=actor.company_id)
        .filter(created_at__gt=_last_read(actor.user_id, "thread_id"))
        .count()
    )


def attachment_get_for_download(*, user: User, attachment_id: uuid.UUID) -> MessageAttachment:
    """An attachment of a sent message of a thread that `user` may read through any of their
    memberships (an unsent one: its uploader only). Raises NotFound."""
    companies = Membership.objects.filter(
        user=user, is_active=True, company__is_active=True, role__in=MESSAGING_ROLES
    ).values("company_id")
    attachment = (
        MessageAttachment.objects.filter(id=attachment_id)
        .filter(Q(thread__buyer_id__in=companies) | Q(thread__supplier_id__in=companies))
        .filter(Q(message__isnull=False, message__hidden_at__isnull=True) | Q(uploaded_by=user))
        .first()
    )
    if attachment is None:
        raise NotFound()
    return attachment


def supplier_response_stats(
    *, supplier_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, SupplierResponseStats]:
    """The stored response stats of the suppliers among `supplier_ids` that have any: one query."""
    return {
        stats.supplier_id: stats
        for stats in SupplierResponseStats.objects.filter(supplier_id__in=list(supplier_ids))
    }


@dataclass(frozen=True, slots=True)
class ResponseFigures:
    """What buyers are shown: the response rate (percent) and "usually replies within N h"."""

    rate: int | None
    hours: int | None


NO_FIGURES: Final = ResponseFigures(rate=None, hours=None)


def supplier_response_figures(
    *, supplier_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, ResponseFigures]:
    """The shown figures of the suppliers that have stats: one query."""
    return {
        supplier_id: ResponseFigures(
            rate=stats.response_rate,
            hours=replies_within_hours(stats.median_first_response_seconds),
        )
        for supplier_id, stats in supplier_response_stats(supplier_ids=supplier_ids).items()
    }
