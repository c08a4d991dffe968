"""The messaging pages: the thread list, a thread (new messages appear by polling a small
fragment), writing to a supplier or buyer, and attachment downloads.

Polling: the open thread asks `poll/?after=<time of the newest message shown>` every 5 s;
nothing new answers 204 (htmx leaves the page alone) after two queries (the membership,
then one indexed look at the thread's newest message, which also checks the thread is the
company's). `benchmarks/messaging_poll.py` measures it.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.web.acting import acting_member
from tradebridge.core.errors import NotFound, RateLimited, ValidationFailed
from tradebridge.core.signed_downloads import file_download_response
from tradebridge.core.web.errors import error_page
from tradebridge.messaging.downloads import attachment_link_read
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.models import Message, Thread
from tradebridge.messaging.selectors import (
    attachment_get_for_download,
    counterpart_get,
    message_get_for_actor,
    message_list_for_thread,
    message_newer_exists,
    thread_get_for_actor,
    thread_list_for_actor,
)
from tradebridge.messaging.services import (
    Counterpart,
    attachment_upload,
    message_report,
    message_send,
    read_mark,
    thread_start,
)
from tradebridge.messaging.subjects import subject_resolve
from tradebridge.messaging.web.forms import MessageForm, ReportForm, ThreadStartForm

THREADS_PER_PAGE = 30


@never_cache
@acting_member
def inbox(request: HttpRequest, actor: Membership) -> HttpResponse:
    """The company's threads, newest first, with the user's unread counts."""
    page = Paginator(thread_list_for_actor(actor=actor), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "messaging/inbox.html", {"actor": actor, "page": page})


@never_cache
@acting_member
def thread(request: HttpRequest, actor: Membership, thread_id: uuid.UUID) -> HttpResponse:
    """A thread's messages (marked read on view); POST sends one, with an optional file."""
    found = thread_get_for_actor(actor=actor, thread_id=thread_id)
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid() and _send(form, actor, found):
            return redirect("messaging_thread", thread_id=found.id)
    shown = list(message_list_for_thread(actor=actor, thread=found))
    read_mark(thread_id=found.id, user_id=actor.user_id, at=timezone.now())
    context = {
        "actor": actor,
        "thread": found,
        "messages_shown": shown,
        "after": _after(shown),
        "form": form,
        "counterpart": found.supplier if actor.company_id == found.buyer_id else found.buyer,
    }
    return render(request, "messaging/thread.html", context, status=400 if form.errors else 200)


@never_cache
@require_GET
@acting_member
def thread_poll(request: HttpRequest, actor: Membership, thread_id: uuid.UUID) -> HttpResponse:
    """The messages newer than `after`, and the next poller; 204 when there are none."""
    after = parse_datetime(request.GET.get("after", "")) or timezone.now()
    if not message_newer_exists(actor=actor, thread_id=thread_id, after=after):
        return HttpResponse(status=204)
    found = thread_get_for_actor(actor=actor, thread_id=thread_id)
    shown = list(message_list_for_thread(actor=actor, thread=found, after=after))
    read_mark(thread_id=found.id, user_id=actor.user_id, at=timezone.now())
    context = {"actor": actor, "thread": found, "messages_shown": shown, "after": _after(shown)}
    return render(request, "messaging/thread.html#new-messages", context)


@never_cache
@acting_member
def thread_new(request: HttpRequest, actor: Membership) -> HttpResponse:
    """Write to a supplier (`?supplier=<slug>`) or a buyer (`?buyer=<id>`), optionally about a
    subject (`?subject_kind=product&subject_id=<id>`)."""
    counterpart, kind, subject_id = _target(request)
    to = counterpart_get(supplier_slug=counterpart.supplier_slug, buyer_id=counterpart.buyer_id)
    subject = subject_resolve(kind, subject_id)
    form = ThreadStartForm()
    if request.method == "POST":
        form = ThreadStartForm(request.POST, request.FILES)
        if form.is_valid():
            started = _start(form, actor, counterpart, kind, subject_id)
            if started is not None:
                return redirect("messaging_thread", thread_id=started)
    context = {"form": form, "to": to, "subject": subject, "query": request.GET.urlencode()}
    return render(request, "messaging/new.html", context, status=400 if form.errors else 200)


@require_POST
@acting_member
def report(request: HttpRequest, actor: Membership, message_id: uuid.UUID) -> HttpResponse:
    """Report a received message to the operator (a message the actor cannot see: 404)."""
    message_get_for_actor(actor=actor, message_id=message_id)
    form = ReportForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_("Say what is wrong with the message."), field="reason")
    done = message_report(actor=actor, message_id=message_id, reason=form.cleaned_data["reason"])
    messages.success(request, _("Thank you. An operator will look at this message."))
    return redirect("messaging_thread", thread_id=done.message.thread_id)


@require_GET
def attachment_download(request: HttpRequest, token: str) -> HttpResponseBase:
    """The file, to the user the link was made for, while it is fresh and they may still read
    the thread; 404 for anyone and anything else."""
    user = request.user
    if not isinstance(user, User):
        return redirect_to_login(request.get_full_path())
    attachment_id = attachment_link_read(token, user_id=user.id)
    try:
        if attachment_id is None:
            raise NotFound()
        attachment = attachment_get_for_download(user=user, attachment_id=attachment_id)
    except NotFound as error:
        return error_page(request, error)
    return file_download_response(
        attachment.file, filename=attachment.original_filename, content_type=attachment.content_type
    )


# --- steps ------------------------------------------------------------------------------------


def _after(shown: list[Message]) -> str:
    return (shown[-1].created_at if shown else timezone.now()).isoformat()


def _send(form: MessageForm, actor: Membership, found: Thread) -> bool:
    """Send the form's message (uploading its file first); False with the errors on the form."""
    try:
        with transaction.atomic():
            ids = _upload(form, actor, found.id)
            message_send(
                actor=actor, thread_id=found.id, body=form.cleaned_data["body"], attachment_ids=ids
            )
    except (ValidationFailed, RateLimited) as error:
        form.add_error("file" if error.details.get("field") == "file" else None, error.message)
        return False
    return True


def _upload(form: MessageForm, actor: Membership, thread_id: uuid.UUID) -> list[uuid.UUID]:
    upload = form.cleaned_data.get("file")
    if upload is None:
        return []
    return [
        attachment_upload(actor=actor, thread_id=thread_id, file=upload, filename=upload.name).id
    ]


def _target(request: HttpRequest) -> tuple[Counterpart, SubjectKind, uuid.UUID | None]:
    """The counterpart and subject named by the query string; NotFound when malformed."""
    try:
        buyer = request.GET.get("buyer")
        counterpart = Counterpart(
            supplier_slug=request.GET.get("supplier") or None,
            buyer_id=uuid.UUID(buyer) if buyer else None,
        )
        kind = SubjectKind(request.GET.get("subject_kind") or SubjectKind.NONE)
        raw_id = request.GET.get("subject_id")
        subject_id = uuid.UUID(raw_id) if raw_id and kind != SubjectKind.NONE else None
    except ValueError as error:
        raise NotFound() from error
    if (counterpart.supplier_slug is None) == (counterpart.buyer_id is None):
        raise NotFound()
    return counterpart, kind, subject_id


def _start(
    form: ThreadStartForm,
    actor: Membership,
    counterpart: Counterpart,
    kind: SubjectKind,
    subject_id: uuid.UUID | None,
) -> uuid.UUID | None:
    try:
        started = thread_start(
            actor=actor,
            counterpart=counterpart,
            subject_kind=kind,
            subject_id=subject_id,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
    except (ValidationFailed, RateLimited) as error:
        form.add_error("body" if error.details.get("field") == "body" else None, error.message)
        return None
    return started.thread.id
