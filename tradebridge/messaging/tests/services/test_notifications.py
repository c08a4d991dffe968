"""Unread e-mails: after the delay, one per user and thread listing the messages, never
twice, never for a read message, never to the sender's company or to a viewer."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from tradebridge.messaging.models import Message, MessageNotification, Thread
from tradebridge.messaging.services import (
    Counterpart,
    message_send,
    message_unread_notify,
    thread_mark_read,
    thread_start,
)
from tradebridge.messaging.services.notifications import _claim_and_schedule
from tradebridge.messaging.tests.conftest import Parties

pytestmark = pytest.mark.django_db
LATER = timedelta(minutes=11)


def _thread(parties: Parties) -> Thread:
    thread = thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        title="Red balls",
        body="Can you make 500 red balls?",
    ).thread
    message_send(actor=parties.buyer_owner, thread_id=thread.id, body="And 200 blue ones?")
    return thread


def _notify(capture: Any, *, after: timedelta = LATER) -> int:
    with capture(execute=True):
        return message_unread_notify(now=timezone.now() + after)


def test_one_batched_email_per_user_and_thread_never_twice(
    parties: Parties, django_capture_on_commit_callbacks: Any
) -> None:
    thread = _thread(parties)
    assert _notify(django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [parties.sales.user.email, parties.supplier_admin.user.email]
    )
    email = mail.outbox[0]
    assert "2 new messages from Acme Buying" in email.subject
    assert "Can you make 500 red balls?" in email.body
    assert "And 200 blue ones?" in email.body
    assert f"/messages/{thread.id}/" in email.body
    assert MessageNotification.objects.count() == 4

    assert _notify(django_capture_on_commit_callbacks) == 0  # the next minute's run
    assert len(mail.outbox) == 2


def test_nothing_before_the_delay_and_nothing_for_read_messages(
    parties: Parties, django_capture_on_commit_callbacks: Any
) -> None:
    thread = _thread(parties)
    assert _notify(django_capture_on_commit_callbacks, after=timedelta(minutes=5)) == 0
    thread_mark_read(actor=parties.sales, thread_id=thread.id)
    assert _notify(django_capture_on_commit_callbacks) == 1
    assert [m.to[0] for m in mail.outbox] == [parties.supplier_admin.user.email]


def test_a_message_read_after_the_claim_is_not_emailed(
    parties: Parties, django_capture_on_commit_callbacks: Any
) -> None:
    thread = _thread(parties)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message_unread_notify(now=timezone.now() + LATER)
    thread_mark_read(actor=parties.sales, thread_id=thread.id)
    thread_mark_read(actor=parties.supplier_admin, thread_id=thread.id)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_the_reply_reaches_the_buyers_only_in_their_language(
    parties: Parties, django_capture_on_commit_callbacks: Any
) -> None:
    thread = _thread(parties)
    parties.purchaser.user.preferred_language = "fr"
    parties.purchaser.user.save()
    thread_mark_read(actor=parties.sales, thread_id=thread.id)
    thread_mark_read(actor=parties.supplier_admin, thread_id=thread.id)
    message_send(actor=parties.sales, thread_id=thread.id, body="Yes, both.")
    assert _notify(django_capture_on_commit_callbacks) == 2  # purchaser and owner, not viewer
    recipients = {m.to[0]: m for m in mail.outbox}
    assert set(recipients) == {parties.purchaser.user.email, parties.buyer_owner.user.email}
    french = recipients[parties.purchaser.user.email]
    assert "Yes, both." in french.body
    assert french.subject.endswith("Nouveau message de Xiamen Balls")
    assert "Lire et répondre" in french.body
    assert recipients[parties.buyer_owner.user.email].subject.endswith(
        "New message from Xiamen Balls"
    )


def test_a_run_that_lost_the_race_for_a_marker_sends_nothing(
    parties: Parties, django_capture_on_commit_callbacks: Any
) -> None:
    thread = _thread(parties)
    first = Message.objects.filter(thread=thread).order_by("created_at").first()
    assert first is not None
    with django_capture_on_commit_callbacks(execute=True):
        claimed = _claim_and_schedule(parties.sales.user.id, thread.id, [first.id], timezone.now())
        lost = _claim_and_schedule(parties.sales.user.id, thread.id, [first.id], timezone.now())
    assert (claimed, lost) == (1, 0)
    assert len(mail.outbox) == 1
