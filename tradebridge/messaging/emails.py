"""E-mails of messaging, as background tasks scheduled after commit (`core.tasks`).
`core.emails.email_send` renders them in the recipient's language."""

import uuid

from django.db.models import Q
from django.tasks import task
from django.urls import reverse

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.core.emails import email_send
from tradebridge.messaging.models import Message, Thread, ThreadReadState
from tradebridge.messaging.selectors import MESSAGING_ROLES


@task()
def message_unread_email_send(
    *, user_id: str, thread_id: str, message_ids: list[str], base_url: str = ""
) -> None:
    """Tell the user about the thread's messages still unread, with a link to the thread.
    Sends nothing when the user read them all meanwhile, or lost access to the thread."""
    user = User.objects.filter(id=user_id, is_active=True).first()
    thread = Thread.objects.select_related("buyer", "supplier").filter(id=thread_id).first()
    if user is None or thread is None or not _may_read(user, thread):
        return
    state = ThreadReadState.objects.filter(thread=thread, user=user).first()
    messages = Message.objects.filter(
        id__in=[uuid.UUID(m) for m in message_ids], thread=thread, hidden_at__isnull=True
    ).select_related("sender_company", "sender")
    if state is not None:
        messages = messages.filter(created_at__gt=state.last_read_at)
    unread = list(messages.order_by("created_at", "id"))
    if not unread:
        return
    email_send(
        to=user.email,
        language=user.preferred_language,
        template="messaging/email/unread",
        context={
            "thread": thread,
            "messages": unread,
            "sender_company": unread[0].sender_company,
            "path": reverse("messaging_thread", kwargs={"thread_id": thread.id}),
        },
        base_url=base_url or None,
    )


def _may_read(user: User, thread: Thread) -> bool:
    return Membership.objects.filter(
        Q(company_id=thread.buyer_id) | Q(company_id=thread.supplier_id),
        user=user,
        is_active=True,
        company__is_active=True,
        role__in=MESSAGING_ROLES,
    ).exists()
