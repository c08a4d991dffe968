"""E-mails about unread messages: one per user and thread, listing the messages still unread
MESSAGE_EMAIL_DELAY_MINUTES after they were written, never twice for a message (the
`MessageNotification` marker is claimed in the transaction that schedules the e-mail), never
for a message already read, never to its sender's company.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from django.conf import settings
from django.db import IntegrityError, transaction

from tradebridge.companies.models import Membership
from tradebridge.core.tasks import enqueue_on_commit
from tradebridge.messaging.emails import message_unread_email_send
from tradebridge.messaging.models import Message, MessageNotification, ThreadReadState
from tradebridge.messaging.selectors import MESSAGING_ROLES

HORIZON: Final = timedelta(days=2)  # older unread messages are not e-mailed any more

type Group = tuple[uuid.UUID, uuid.UUID]  # (user id, thread id)


@dataclass(frozen=True, slots=True)
class _Unread:
    message_id: uuid.UUID
    thread_id: uuid.UUID
    created_at: datetime
    receiver_id: uuid.UUID  # the company that did not write it


def message_unread_notify(*, now: datetime) -> int:
    """Schedule the due e-mails (every minute). Idempotent: a message already claimed for a
    user is skipped. Returns how many e-mails were scheduled."""
    delay = timedelta(minutes=settings.MESSAGE_EMAIL_DELAY_MINUTES)
    unread = _due_messages(since=now - HORIZON, until=now - delay)
    if not unread:
        return 0
    groups = _groups(unread)
    sent = 0
    for (user_id, thread_id), message_ids in groups.items():
        sent += _claim_and_schedule(user_id, thread_id, message_ids, now)
    return sent


def _due_messages(*, since: datetime, until: datetime) -> list[_Unread]:
    rows = Message.objects.filter(
        created_at__gt=since, created_at__lte=until, hidden_at__isnull=True
    ).values_list(
        "id",
        "thread_id",
        "created_at",
        "sender_company_id",
        "thread__buyer_id",
        "thread__supplier_id",
    )
    return [
        _Unread(mid, tid, at, buyer if sender == supplier else supplier)
        for mid, tid, at, sender, buyer, supplier in rows
    ]


def _groups(unread: list[_Unread]) -> dict[Group, list[uuid.UUID]]:
    members = _members_by_company({u.receiver_id for u in unread})
    thread_ids = {u.thread_id for u in unread}
    read = {
        (state.user_id, state.thread_id): state.last_read_at
        for state in ThreadReadState.objects.filter(thread_id__in=thread_ids)
    }
    claimed = set(
        MessageNotification.objects.filter(
            message_id__in=[u.message_id for u in unread]
        ).values_list("user_id", "message_id")
    )
    groups: dict[Group, list[uuid.UUID]] = defaultdict(list)
    for item in sorted(unread, key=lambda u: (u.created_at, u.message_id)):
        for user_id in members.get(item.receiver_id, ()):
            last_read = read.get((user_id, item.thread_id))
            if (last_read is not None and last_read >= item.created_at) or (
                (user_id, item.message_id) in claimed
            ):
                continue
            groups[(user_id, item.thread_id)].append(item.message_id)
    return groups


def _members_by_company(company_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for company_id, user_id in Membership.objects.filter(
        company_id__in=company_ids,
        company__is_active=True,
        is_active=True,
        role__in=MESSAGING_ROLES,
        user__is_active=True,
    ).values_list("company_id", "user_id"):
        found[company_id].append(user_id)
    return found


def _claim_and_schedule(
    user_id: uuid.UUID, thread_id: uuid.UUID, message_ids: list[uuid.UUID], now: datetime
) -> int:
    """Claim the markers and schedule the e-mail in one transaction; 0 if another run won."""
    try:
        with transaction.atomic():
            MessageNotification.objects.bulk_create(
                MessageNotification(user_id=user_id, message_id=mid, created_at=now)
                for mid in message_ids
            )
            enqueue_on_commit(
                message_unread_email_send,
                user_id=str(user_id),
                thread_id=str(thread_id),
                message_ids=[str(mid) for mid in message_ids],
                base_url="",
            )
    except IntegrityError:
        return 0
    return 1
