"""Who sees which threads, unread counts per user, and what the lists cost in queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tradebridge.core.errors import NotFound
from tradebridge.messaging.models import Message, Thread
from tradebridge.messaging.selectors import (
    message_newer_exists,
    thread_get_for_actor,
    thread_list_for_actor,
    unread_count_for_user,
)
from tradebridge.messaging.services import Counterpart, message_send, thread_mark_read, thread_start
from tradebridge.messaging.tests.conftest import Parties
from tradebridge.messaging.tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db


def _thread(parties: Parties, body: str = "Hello") -> Thread:
    return thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        body=body,
    ).thread


def test_both_sides_see_the_thread_and_nobody_else(parties: Parties) -> None:
    thread = _thread(parties)
    for actor in (parties.purchaser, parties.buyer_owner, parties.sales, parties.supplier_admin):
        assert [t.id for t in thread_list_for_actor(actor=actor)] == [thread.id]
        assert thread_get_for_actor(actor=actor, thread_id=thread.id) == thread
    assert not thread_list_for_actor(actor=parties.outsider).exists()
    for actor in (parties.outsider, parties.buyer_viewer, parties.supplier_viewer):
        with pytest.raises(NotFound):
            thread_get_for_actor(actor=actor, thread_id=thread.id)
    with pytest.raises(NotFound):  # a viewer sees no thread at all
        thread_list_for_actor(actor=parties.buyer_viewer)


def test_unread_counts_are_per_user_and_exclude_the_own_company(parties: Parties) -> None:
    thread = _thread(parties)
    message_send(actor=parties.buyer_owner, thread_id=thread.id, body="Also: blue?")
    assert unread_count_for_user(actor=parties.sales) == 2
    assert unread_count_for_user(actor=parties.supplier_admin) == 2
    assert unread_count_for_user(actor=parties.purchaser) == 0  # the company's own messages
    thread_mark_read(actor=parties.sales, thread_id=thread.id)
    assert unread_count_for_user(actor=parties.sales) == 0
    assert unread_count_for_user(actor=parties.supplier_admin) == 2
    message_send(actor=parties.sales, thread_id=thread.id, body="Both colours.")
    listed = thread_list_for_actor(actor=parties.purchaser).get()
    assert listed.unread_count == 1  # type: ignore[attr-defined]
    assert unread_count_for_user(actor=parties.buyer_viewer) == 0


def test_hidden_messages_are_not_unread(parties: Parties) -> None:
    thread = _thread(parties)
    Message.objects.update(hidden_at=timezone.now(), hidden_by=parties.outsider.user)
    assert unread_count_for_user(actor=parties.sales) == 0
    assert thread_list_for_actor(actor=parties.sales).get().unread_count == 0  # type: ignore[attr-defined]
    assert thread.subject_kind == "none"


def test_the_thread_list_costs_one_query_whatever_its_length(parties: Parties) -> None:
    for _ in range(6):
        other = ThreadFactory.create(buyer=parties.buyer, last_message_at=timezone.now())
        Message.objects.create(thread=other, sender_company=other.supplier, body="hi")
    with CaptureQueriesContext(connection) as queries:
        rows = [
            (t.buyer.display_name, t.supplier.display_name, t.unread_count)  # type: ignore[attr-defined]
            for t in thread_list_for_actor(actor=parties.purchaser)
        ]
    assert len(rows) == 6
    assert {count for *_, count in rows} == {1}
    assert len(queries) == 1


def test_the_unread_count_is_one_query(parties: Parties) -> None:
    _thread(parties)
    with CaptureQueriesContext(connection) as queries:
        assert unread_count_for_user(actor=parties.sales) == 1
    assert len(queries) == 1


def test_polling_sees_only_newer_messages_of_own_threads(parties: Parties) -> None:
    thread = _thread(parties)
    before = timezone.now() - timedelta(seconds=5)
    assert message_newer_exists(actor=parties.sales, thread_id=thread.id, after=before)
    assert not message_newer_exists(actor=parties.sales, thread_id=thread.id, after=timezone.now())
    assert not message_newer_exists(actor=parties.outsider, thread_id=thread.id, after=before)
    assert not message_newer_exists(
        actor=parties.supplier_viewer, thread_id=thread.id, after=before
    )
