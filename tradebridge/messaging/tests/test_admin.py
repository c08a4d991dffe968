"""The back office: an operator hides a reported message (and suspends the sender) or
dismisses the report; threads and messages are read-only."""

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.messaging.models import Message, MessageReport
from tradebridge.messaging.services import Counterpart, message_report, thread_start
from tradebridge.messaging.tests.conftest import Parties

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/messaging/messagereport/"


def _report(parties: Parties) -> MessageReport:
    message = thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        body="Cheap watches at spam.example",
    ).message
    return message_report(actor=parties.sales, message_id=message.id, reason="Spam")


def _operator() -> Client:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_the_operator_hides_and_suspends_from_the_report_list(parties: Parties) -> None:
    report = _report(parties)
    client = _operator()
    assert "Spam" in client.get(CHANGELIST).content.decode()
    response = client.post(
        CHANGELIST, {"action": "hide_and_suspend", "_selected_action": [str(report.id)]}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    parties.buyer.refresh_from_db()
    assert report.status == "hidden"
    assert Message.objects.get().hidden_at is not None
    assert not parties.buyer.is_active


def test_the_operator_dismisses_a_report(parties: Parties) -> None:
    report = _report(parties)
    _operator().post(CHANGELIST, {"action": "dismiss", "_selected_action": [str(report.id)]})
    report.refresh_from_db()
    assert report.status == "dismissed"
    assert Message.objects.get().hidden_at is None


def test_threads_and_messages_are_read_only(parties: Parties) -> None:
    _report(parties)
    client = _operator()
    message = Message.objects.get()
    assert client.get(f"/admin/messaging/thread/{message.thread_id}/change/").status_code == 200
    assert client.get("/admin/messaging/message/add/").status_code == 403
    assert (
        client.post(f"/admin/messaging/message/{message.id}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Message.objects.count() == 1
