"""Uploading a file into a thread, to be attached to the uploader's next message.

Upload first (`attachment_upload` -> an id), then send the message with the ids
(`message_send(attachment_ids=...)`); the page does both in one request. An attachment
never sent is only its uploader's, and is pruned after a day.
"""

import hashlib
import uuid
from datetime import datetime, timedelta
from typing import IO, Final

from django.core.files.base import ContentFile
from django.db import transaction

from tradebridge.companies.documents import document_filename, document_read_capped
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import RateLimited
from tradebridge.messaging.attachments import attachment_sniff
from tradebridge.messaging.models import MessageAttachment
from tradebridge.messaging.selectors import thread_get_for_actor

UNSENT_TTL: Final = timedelta(days=1)
MAX_UNSENT_PER_USER: Final = 20


def attachment_upload(
    *, actor: Membership, thread_id: uuid.UUID, file: IO[bytes], filename: str
) -> MessageAttachment:
    """Store a file for the actor's next message in the thread. PDF, JPEG, PNG or WEBP told
    from the bytes, at most 10 MB. Raises NotFound, PermissionDenied, ValidationFailed
    (`reason` file_too_large, file_empty, file_type), RateLimited (20 unsent files)."""
    thread = thread_get_for_actor(actor=actor, thread_id=thread_id)
    ensure_can(actor, Permission.SEND_MESSAGES)
    data = document_read_capped(file)
    content_type = attachment_sniff(data)
    unsent = MessageAttachment.objects.filter(
        uploaded_by_id=actor.user_id, message__isnull=True
    ).count()
    if unsent >= MAX_UNSENT_PER_USER:
        raise RateLimited(
            "Send or discard your pending attachments first.", limit=MAX_UNSENT_PER_USER
        )
    attachment = MessageAttachment(
        thread=thread,
        uploaded_by_id=actor.user_id,
        company_id=actor.company_id,
        original_filename=document_filename(filename),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    with transaction.atomic():
        attachment.file.save(attachment.original_filename, ContentFile(data), save=False)
        attachment.save()
    return attachment


def attachment_orphans_prune(*, now: datetime) -> int:
    """Delete attachments never sent within a day of their upload, files included (daily)."""
    count = 0
    for attachment in MessageAttachment.objects.filter(
        message__isnull=True, created_at__lt=now - UNSENT_TTL
    ).iterator():
        attachment.file.delete(save=False)
        attachment.delete()
        count += 1
    return count
