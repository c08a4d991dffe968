"""The messaging pages: the conversation, polling, new threads, reports, downloads; the
authorization matrix; what a poll and the navigation's badge cost in queries."""

import io
import uuid
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from tradebridge.messaging.downloads import attachment_link, attachment_link_read
from tradebridge.messaging.enums import SubjectKind
from tradebridge.messaging.models import Message, MessageAttachment, MessageReport, Thread
from tradebridge.messaging.services import (
    Counterpart,
    attachment_upload,
    message_send,
    thread_start,
)
from tradebridge.messaging.subjects import SubjectInfo
from tradebridge.messaging.tests.conftest import Parties, client_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(parties: Parties) -> Thread:
    return thread_start(
        actor=parties.purchaser,
        counterpart=Counterpart(supplier_slug=parties.supplier.slug),
        title="Red balls",
        body="Can you make 500 red balls?",
    ).thread


def _png_file() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, "PNG")
    out.seek(0)
    out.name = "colour.png"
    return out


def test_the_supplier_reads_replies_with_a_file_and_the_buyer_polls_it(
    parties: Parties, thread: Thread
) -> None:
    supplier, buyer = client_as(parties.sales), client_as(parties.purchaser)
    inbox = supplier.get("/messages/")
    assert inbox.status_code == 200
    assert "Acme Buying" in inbox.content.decode()
    assert 'class="badge badge--accent nav-unread">1<' in inbox.content.decode()

    page = buyer.get(f"/messages/{thread.id}/")
    after = page.context["after"]
    assert buyer.get(f"/messages/{thread.id}/poll/", {"after": after}).status_code == 204

    sent = supplier.post(
        f"/messages/{thread.id}/", {"body": "Yes, in 20 days.", "file": _png_file()}
    )
    assert sent.status_code == 302
    polled = buyer.get(f"/messages/{thread.id}/poll/", {"after": after})
    html = polled.content.decode()
    assert polled.status_code == 200
    assert "Yes, in 20 days." in html
    assert "colour.png" in html
    assert 'hx-trigger="every 5s"' in html
    assert "<html" not in html
    assert MessageAttachment.objects.get().message is not None


def test_a_refused_file_sends_nothing(parties: Parties, thread: Thread) -> None:
    bad = io.BytesIO(b"MZ\x90\x00 not a pdf")
    bad.name = "offer.pdf"
    response = client_as(parties.sales).post(f"/messages/{thread.id}/", {"body": "x", "file": bad})
    assert response.status_code == 400
    assert Message.objects.count() == 1
    assert not MessageAttachment.objects.exists()


@pytest.mark.parametrize("actor", ["outsider", "buyer_viewer", "supplier_viewer"])
def test_pages_of_a_thread_are_404_to_strangers_and_viewers(
    parties: Parties, thread: Thread, actor: str
) -> None:
    client = client_as(parties.member(actor))
    message = Message.objects.get()
    assert client.get(f"/messages/{thread.id}/").status_code == 404
    assert client.post(f"/messages/{thread.id}/", {"body": "sneaky"}).status_code == 404
    assert (
        client.get(f"/messages/{thread.id}/poll/", {"after": "2000-01-01T00:00:00Z"}).status_code
        == 204
    )
    assert client.post(f"/messages/reports/{message.id}/", {"reason": "x"}).status_code == 404
    assert Message.objects.count() == 1
    assert not MessageReport.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(thread: Thread) -> None:
    client = Client()
    for path in ("/messages/", f"/messages/{thread.id}/", "/messages/new/?supplier=x"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_viewers_see_no_inbox(parties: Parties) -> None:
    assert client_as(parties.buyer_viewer).get("/messages/").status_code == 404


def test_contact_supplier_about_a_product(
    parties: Parties, product_subjects: dict[str, object]
) -> None:
    ball = uuid.uuid4()
    product_subjects[str(ball)] = SubjectInfo("PU soccer ball", supplier_id=parties.supplier.id)
    query = f"supplier={parties.supplier.slug}&subject_kind=product&subject_id={ball}"
    client = client_as(parties.purchaser)
    form = client.get(f"/messages/new/?{query}")
    assert "PU soccer ball" in form.content.decode()
    assert "To: Xiamen Balls" in form.content.decode()
    assert client.get("/messages/new/?supplier=nobody").status_code == 404
    response = client.post(f"/messages/new/?{query}", {"title": "", "body": "MOQ?"})
    thread = Thread.objects.get()
    assert response["Location"] == f"/messages/{thread.id}/"
    assert (thread.subject_kind, thread.subject_id) == (SubjectKind.PRODUCT, ball)
    empty = client.post(f"/messages/new/?{query}", {"body": ""})
    assert empty.status_code == 400
    assert client.get("/messages/new/?supplier=a&buyer=b").status_code == 404


def test_a_received_message_is_reported(parties: Parties, thread: Thread) -> None:
    message = Message.objects.get()
    response = client_as(parties.sales).post(f"/messages/reports/{message.id}/", {"reason": "Spam"})
    assert response.status_code == 302
    assert MessageReport.objects.get().reporter_company == parties.supplier


def test_download_links_are_bound_to_user_and_time(parties: Parties, thread: Thread) -> None:
    attachment = attachment_upload(
        actor=parties.purchaser, thread_id=thread.id, file=_png_file(), filename="colour.png"
    )
    message_send(
        actor=parties.purchaser, thread_id=thread.id, body="", attachment_ids=[attachment.id]
    )
    mine = attachment_link(attachment_id=attachment.id, user_id=parties.sales.user.id)
    response = client_as(parties.sales).get(mine)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert client_as(parties.supplier_admin).get(mine).status_code == 404  # another user
    theirs = attachment_link(attachment_id=attachment.id, user_id=parties.outsider.user.id)
    assert client_as(parties.outsider).get(theirs).status_code == 404  # no access to the thread
    assert client_as(parties.sales).get(mine[:-3] + "xyz/").status_code == 404  # tampered
    assert Client().get(mine).status_code == 302  # sign in first
    later = timezone.now().timestamp() + 601
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert attachment_link_read(mine.split("/")[-2], user_id=parties.sales.user.id) is None
        assert client_as(parties.sales).get(mine).status_code == 404  # expired


def test_an_idle_poll_costs_few_queries(parties: Parties, thread: Thread) -> None:
    client = client_as(parties.purchaser)
    client.get("/messages/")  # settles the session's current company
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/messages/{thread.id}/poll/", {"after": timezone.now().isoformat()})
    assert response.status_code == 204
    # Session (none when REDIS_URL puts sessions in the cache), user, membership, and the
    # one look at the thread's messages.
    assert len(queries) <= 4
    assert len([q for q in queries.captured_queries if "messaging_" in q["sql"]]) == 1


def test_the_navigation_badge_is_one_query(parties: Parties, thread: Thread) -> None:
    client = client_as(parties.sales)
    client.get("/messages/")
    with CaptureQueriesContext(connection) as with_badge:
        client.get("/company/settings/")
    badge = [q for q in with_badge.captured_queries if "messaging_message" in q["sql"]]
    assert len(badge) == 1


def test_members_of_a_suspended_company_reach_no_thread(parties: Parties, thread: Thread) -> None:
    parties.supplier.is_active = False
    parties.supplier.save()
    client = client_as(parties.sales)
    for path in ("/messages/", f"/messages/{thread.id}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/dashboard/"
    assert client.post(f"/messages/{thread.id}/", {"body": "still here?"}).status_code == 302
    assert Message.objects.count() == 1


def test_viewers_get_no_messages_link(parties: Parties, thread: Thread) -> None:
    viewer = client_as(parties.supplier_viewer).get("/company/settings/").content.decode()
    sales = client_as(parties.sales).get("/company/settings/").content.decode()
    assert 'href="/messages/"' not in viewer
    assert 'href="/messages/"' in sales


def test_a_thread_with_a_subject_and_a_title_shows_both_apart(parties: Parties) -> None:
    thread = Thread.objects.create(
        buyer=parties.purchaser.company,
        supplier=parties.supplier,
        started_by_company=parties.purchaser.company,
        subject_kind=SubjectKind.PRODUCT,
        subject_id=uuid.uuid4(),
        subject_label="Match football size 5",
        title="Colours for the spring range",
        last_message_at=timezone.now(),
    )
    html = client_as(parties.purchaser).get(f"/messages/{thread.id}/").content.decode()
    subject = html.split('id="thread-subject"', 1)[1].split("</p>", 1)[0]
    assert "Match football size 5" in subject
    assert "Colours for the spring range" not in subject
    assert 'id="thread-title">Colours for the spring range<' in html
