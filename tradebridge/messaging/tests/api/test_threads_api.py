"""The messaging API: the contract of issue 10, the authorization matrix over every endpoint
(asserting nothing happened), validation, idempotency and attachments."""

import io
import uuid
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import issue_api_token
from tradebridge.messaging.models import Message, MessageAttachment, MessageReport, Thread
from tradebridge.messaging.tests.conftest import Parties, client_as

pytestmark = pytest.mark.django_db
API = "/api/v1"
NOT_FOUND = {"code": "not_found", "message": "Not found.", "details": {}}


def _start(client: Client, parties: Parties, **fields: Any) -> Any:
    body = {"supplier": parties.supplier.slug, "title": "Red balls", "body": "500 red?", **fields}
    return client.post(f"{API}/threads", body, content_type="application/json")


@pytest.fixture
def thread(parties: Parties) -> Thread:
    response = _start(client_as(parties.purchaser), parties)
    assert response.status_code == 201, response.content
    return Thread.objects.get(id=response.json()["thread"]["id"])


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def test_a_conversation_through_the_api(parties: Parties) -> None:
    buyer, supplier = client_as(parties.purchaser), client_as(parties.sales)
    started = _start(buyer, parties).json()
    thread_id = started["thread"]["id"]
    assert started["created"] is True
    assert started["thread"]["supplier"]["slug"] == parties.supplier.slug
    assert started["message"]["body"] == "500 red?"

    assert supplier.get(f"{API}/threads/unread-count").json() == {"unread": 1}
    listed = supplier.get(f"{API}/threads").json()
    assert listed["count"] == 1
    assert listed["results"][0]["unread_count"] == 1

    upload = supplier.post(
        f"{API}/threads/{thread_id}/attachments",
        {"file": io.BytesIO(_png())},
        format="multipart",
    )
    assert upload.status_code == 201, upload.content
    assert upload.json()["content_type"] == "image/png"
    sent = supplier.post(
        f"{API}/threads/{thread_id}/messages",
        {"body": "Yes, see the colour.", "attachment_ids": [upload.json()["id"]]},
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.content
    link = sent.json()["attachments"][0]["url"]

    messages = buyer.get(f"{API}/threads/{thread_id}/messages").json()
    assert [m["body"] for m in messages["results"]] == ["500 red?", "Yes, see the colour."]
    buyer_link = messages["results"][1]["attachments"][0]["url"]
    assert buyer.get(buyer_link).status_code == 200
    assert buyer.get(link).status_code == 404  # the supplier's own link, not the buyer's
    assert buyer.get(f"{API}/threads/unread-count").json() == {"unread": 1}
    read = buyer.post(f"{API}/threads/{thread_id}/read")
    assert read.status_code == 200
    assert buyer.get(f"{API}/threads/unread-count").json() == {"unread": 0}
    assert buyer.get(f"{API}/threads/{thread_id}").json()["unread_count"] == 0


def test_a_token_acts_for_its_membership(parties: Parties, thread: Thread) -> None:
    token = issue_api_token(parties.sales).token
    client = Client(headers={"Authorization": f"Bearer {token}"})
    sent = client.post(
        f"{API}/threads/{thread.id}/messages", {"body": "Hi"}, content_type="application/json"
    )
    assert sent.status_code == 201
    assert sent.json()["sender_company_id"] == str(parties.supplier.id)


DENIED = [
    ("outsider", 404),
    ("buyer_viewer", 404),
    ("supplier_viewer", 404),
    ("anonymous", 401),
]


def _calls(thread: Thread, message: Message) -> list[tuple[str, str, dict[str, Any]]]:
    t = f"{API}/threads/{thread.id}"
    return [
        ("get", t, {}),
        ("get", f"{t}/messages", {}),
        ("post", f"{t}/messages", {"body": "sneaky"}),
        ("post", f"{t}/read", {}),
        ("post", f"{API}/messages/{message.id}/report", {"reason": "spam"}),
    ]


@pytest.mark.parametrize(("actor", "status"), DENIED)
def test_strangers_viewers_and_anonymous_are_refused_and_nothing_changes(
    parties: Parties, thread: Thread, actor: str, status: int
) -> None:
    client = client_as(parties.member(actor))
    message = Message.objects.get()
    for method, path, body in _calls(thread, message):
        response = getattr(client, method)(path, body, content_type="application/json")
        assert response.status_code == status, (path, response.content)
        if status == 404:
            assert response.json() == NOT_FOUND
    upload = client.post(
        f"{API}/threads/{thread.id}/attachments", {"file": io.BytesIO(_png())}, format="multipart"
    )
    assert upload.status_code == status
    assert Message.objects.count() == 1
    assert not MessageReport.objects.exists()
    assert not MessageAttachment.objects.exists()
    assert thread.read_states.count() == 1  # the purchaser's own, as sender


def test_the_viewer_sees_no_list_and_an_unknown_id_is_the_same_404(
    parties: Parties, thread: Thread
) -> None:
    assert client_as(parties.buyer_viewer).get(f"{API}/threads").status_code == 404
    assert client_as(parties.buyer_viewer).get(f"{API}/threads/unread-count").json() == {
        "unread": 0
    }
    unknown = client_as(parties.purchaser).get(f"{API}/threads/{uuid.uuid4()}")
    assert unknown.json() == NOT_FOUND
    assert client_as(parties.outsider).get(f"{API}/threads").json()["count"] == 0


def test_a_suspended_company_cannot_act(parties: Parties, thread: Thread) -> None:
    parties.supplier.is_active = False
    parties.supplier.save()
    client = client_as(parties.sales)
    response = client.post(
        f"{API}/threads/{thread.id}/messages", {"body": "hi"}, content_type="application/json"
    )
    assert response.status_code == 404
    token = issue_api_token(parties.supplier_admin).token
    by_token = Client(headers={"Authorization": f"Bearer {token}"}).get(f"{API}/threads")
    assert by_token.status_code in (401, 404)
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"body": ""}, 422, "invalid_input"),
        ({"body": "   "}, 422, "invalid_input"),
        ({"body": "x" * 5001}, 422, "invalid_input"),
        ({"supplier": "nobody"}, 404, "not_found"),
        ({"subject_kind": "invoice"}, 422, "invalid_input"),
        ({"subject_kind": "product", "subject_id": str(uuid.uuid4())}, 422, "validation_failed"),
        ({"is_staff": True}, 422, "invalid_input"),
        ({"supplier": None}, 422, "validation_failed"),
    ],
)
def test_bad_thread_input_is_refused_with_a_code(
    parties: Parties, body: dict[str, Any], status: int, code: str
) -> None:
    response = _start(client_as(parties.purchaser), parties, **body)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not Thread.objects.exists()


def test_a_viewer_may_not_start_a_thread(parties: Parties) -> None:
    response = _start(client_as(parties.buyer_viewer), parties)
    assert response.status_code == 403
    assert not Thread.objects.exists()


def test_creating_posts_honour_the_idempotency_key(parties: Parties) -> None:
    client = client_as(parties.purchaser)
    first = client.post(
        f"{API}/threads",
        {"supplier": parties.supplier.slug, "body": "Once"},
        content_type="application/json",
        headers={"Idempotency-Key": "k-1"},
    )
    again = client.post(
        f"{API}/threads",
        {"supplier": parties.supplier.slug, "body": "Once"},
        content_type="application/json",
        headers={"Idempotency-Key": "k-1"},
    )
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert first.json() == again.json()
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"MZ\x90\x00 an executable renamed", "file_type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "file_type"),
        (b"", "file_empty"),
    ],
)
def test_unsafe_attachments_are_refused(
    parties: Parties, thread: Thread, data: bytes, reason: str
) -> None:
    file = io.BytesIO(data)
    file.name = "invoice.pdf"
    response = client_as(parties.purchaser).post(
        f"{API}/threads/{thread.id}/attachments", {"file": file}, format="multipart"
    )
    assert response.status_code == 422
    assert response.json()["details"]["reason"] == reason
    assert not MessageAttachment.objects.exists()


def test_an_attachment_over_10_mb_is_refused(parties: Parties, thread: Thread) -> None:
    file = io.BytesIO(b"%PDF-" + b"0" * (10 * 1024 * 1024))
    file.name = "big.pdf"
    response = client_as(parties.purchaser).post(
        f"{API}/threads/{thread.id}/attachments", {"file": file}, format="multipart"
    )
    assert response.status_code in (413, 422)
    assert not MessageAttachment.objects.exists()


def test_another_users_upload_cannot_be_sent(parties: Parties, thread: Thread) -> None:
    upload = client_as(parties.purchaser).post(
        f"{API}/threads/{thread.id}/attachments", {"file": io.BytesIO(_png())}, format="multipart"
    )
    attachment_id = upload.json()["id"]
    colleague: Membership = parties.buyer_owner
    response = client_as(colleague).post(
        f"{API}/threads/{thread.id}/messages",
        {"body": "mine now", "attachment_ids": [attachment_id]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["details"]["reason"] == "attachment_invalid"
    assert Message.objects.count() == 1


def test_the_openapi_document_lists_the_errors(parties: Parties) -> None:
    document = Client().get(f"{API}/openapi.json").json()
    create = document["paths"]["/api/v1/threads"]["post"]
    assert {"401", "403", "404", "409", "422", "429"} <= set(create["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])


def test_the_lists_cost_the_same_queries_whatever_their_length(parties: Parties) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tradebridge.messaging.services import attachment_upload, message_send

    client = client_as(parties.sales)
    thread = Thread.objects.get(
        id=_start(client_as(parties.purchaser), parties).json()["thread"]["id"]
    )

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as threads:
            assert client.get(f"{API}/threads").status_code == 200
        with CaptureQueriesContext(connection) as messages:
            assert client.get(f"{API}/threads/{thread.id}/messages").status_code == 200
        return len(threads), len(messages)

    counts()  # the first request settles the session's current company
    before = counts()
    for n in range(5):
        file = io.BytesIO(_png())
        upload = attachment_upload(
            actor=parties.sales, thread_id=thread.id, file=file, filename=f"{n}.png"
        )
        message_send(
            actor=parties.sales, thread_id=thread.id, body=f"m{n}", attachment_ids=[upload.id]
        )
    assert counts() == before
