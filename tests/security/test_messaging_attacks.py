"""Attack cases on messaging (reliability anchors, section 8):

- X5: another company's thread, messages and attachments, through the API and the pages,
  with guessed ids, another user's, an expired or a tampered download link; a viewer of one
  of the two companies; a suspended company's member.
- X13: acting on a foreign thread or message by id (read marks, messages, uploads, reports).
- X14: another thread's attachment, another user's upload, another company's subject.
- Bad input: a NUL byte, a 50 MB file (refused before it is read into memory), an
  executable renamed .pdf: a clear 4xx with a machine-readable code, and nothing written.

Every attack asserts the exact answer and that the database did not change. The API is
called with personal bearer tokens, pages with a signed-in browser session.
"""

import tracemalloc
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.security.uploads import streamed_upload
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import (
    CompanyFactory,
    MembershipFactory,
    issue_api_token,
)
from tradebridge.messaging.downloads import attachment_link
from tradebridge.messaging.models import (
    Message,
    MessageAttachment,
    MessageReport,
    Thread,
    ThreadReadState,
)
from tradebridge.rfq.tests.factories import PDF_BYTES, QuoteFactory, RFQFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
SECRET = "Our best price is 123.45 for 5000 pieces"
FILENAME = "confidential-offer.pdf"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)


@dataclass
class Cast:
    """A buyer and a supplier (a sender and a viewer each) with thread T: the buyer's
    question, the supplier's answer with a PDF (`message`, `attachment`). An outsider company
    (buyer and supplier) with its own thread U with the same supplier."""

    purchaser: Membership
    buyer_viewer: Membership
    sales: Membership
    supplier_viewer: Membership
    outsider: Membership
    suspended: Membership
    thread: Thread
    other_thread: Thread
    message: Message
    attachment: MessageAttachment

    def api(self, who: str) -> Client:
        token = issue_api_token(getattr(self, who)).token
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def page(self, who: str) -> Client:
        client = Client()
        client.force_login(getattr(self, who).user)
        return client


def _member(company: Company, role: Role = Role.OWNER) -> Membership:
    return MembershipFactory.create(company=company, role=role)


def _post(client: Client, path: str, body: object) -> Any:
    return client.post(path, body, content_type="application/json")


def _start(client: Client, **body: Any) -> dict[str, Any]:
    response = _post(client, "/api/v1/threads", body)
    assert response.status_code == 201, response.json()
    return response.json()  # type: ignore[no-any-return]


def _upload(client: Client, thread_id: object, name: str = FILENAME) -> str:
    upload = SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
    response = client.post(f"/api/v1/threads/{thread_id}/attachments", {"file": upload})
    assert response.status_code == 201, response.json()
    return str(response.json()["id"])


@pytest.fixture
def cast(db: None) -> Cast:
    buyer = CompanyFactory.create(slug="acme-buyer", kind=CompanyKind.BUYER)
    supplier = SupplierFactory.create(slug="xiamen-balls")
    outsider = CompanyFactory.create(slug="outsider", kind=CompanyKind.BOTH)
    suspended = SupplierFactory.create(slug="gone-trading")
    people: dict[str, Membership] = {
        "purchaser": _member(buyer, Role.PURCHASER),
        "buyer_viewer": _member(buyer, Role.VIEWER),
        "sales": _member(supplier, Role.SALES),
        "supplier_viewer": _member(supplier, Role.VIEWER),
        "outsider": _member(outsider),
        "suspended": _member(suspended),
    }
    tokens = {who: issue_api_token(m).token for who, m in people.items()}

    def api(who: str) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {tokens[who]}")

    started = _start(api("purchaser"), supplier="xiamen-balls", body="Price for 5000?")
    thread_id = started["thread"]["id"]
    file_id = _upload(api("sales"), thread_id)
    answer = _post(
        api("sales"),
        f"/api/v1/threads/{thread_id}/messages",
        {"body": SECRET, "attachment_ids": [file_id]},
    )
    assert answer.status_code == 201, answer.json()
    # the suspended company talked to the supplier before its suspension
    _start(api("outsider"), supplier="xiamen-balls", body="Do you ship to Peru?")
    _start(api("purchaser"), supplier="gone-trading", body="Still trading?")
    suspended.is_active = False
    suspended.save(update_fields=["is_active"])
    return Cast(
        **people,
        thread=Thread.objects.get(id=thread_id),
        other_thread=Thread.objects.get(buyer=outsider),
        message=Message.objects.get(id=answer.json()["id"]),
        attachment=MessageAttachment.objects.get(id=file_id),
    )


def snapshot() -> list[Any]:
    """The messaging rows; of the read marks, who has one (opening one's own thread page
    moves one's own mark: tested apart)."""
    return [
        *(
            list(model.objects.order_by("pk").values())
            for model in (Thread, Message, MessageAttachment, MessageReport)
        ),
        sorted(ThreadReadState.objects.values_list("thread_id", "user_id")),
    ]


@pytest.fixture
def unchanged() -> Iterator[None]:
    before = snapshot()
    yield
    assert snapshot() == before


def assert_not_found(response: Any) -> None:
    """A plain 404 (JSON `not_found` under /api/) that shows nothing of thread T."""
    assert response.status_code == 404, (response.status_code, response.content[:300])
    if response["Content-Type"].startswith("application/json"):
        assert response.json()["code"] == "not_found"
    body = response.content.decode()
    assert SECRET not in body
    assert FILENAME not in body


# --- X5: reading another company's thread ------------------------------------------------


def _thread_reads(cast: Cast) -> list[str]:
    t = cast.thread.id
    return [
        f"/api/v1/threads/{t}",
        f"/api/v1/threads/{t}/messages",
        f"/api/v1/threads/{t}/messages?after=1970-01-01T00:00:00Z",
        f"/api/v1/threads/{t}/messages?page_size=100",
    ]


@pytest.mark.parametrize("who", ["outsider", "buyer_viewer", "supplier_viewer"])
def test_x5_another_company_or_a_viewer_reads_nothing_through_the_api(cast: Cast, who: str) -> None:
    api = cast.api(who)

    for path in _thread_reads(cast):
        assert_not_found(api.get(path))
    listed = api.get("/api/v1/threads")
    if who == "outsider":
        assert [t["id"] for t in listed.json()["results"]] == [str(cast.other_thread.id)]
        assert api.get("/api/v1/threads/unread-count").json() == {"unread": 0}
    else:  # a viewer has no messaging at all
        assert_not_found(listed)
        assert api.get("/api/v1/threads/unread-count").json() == {"unread": 0}


def test_x5_guessed_ids_find_nothing_and_ids_are_not_sequential(cast: Cast) -> None:
    api = cast.api("outsider")

    for guess in (uuid.uuid4(), uuid.UUID(int=cast.thread.id.int + 1), uuid.UUID(int=1)):
        assert_not_found(api.get(f"/api/v1/threads/{guess}"))
        assert_not_found(api.get(f"/api/v1/threads/{guess}/messages"))
    ids = [cast.thread.id, cast.other_thread.id, cast.message.id, cast.attachment.id]
    assert all(isinstance(i, uuid.UUID) and i.version in (4, 7) for i in ids)
    assert cast.thread.id.int + 1 != cast.other_thread.id.int


@pytest.mark.parametrize("who", ["outsider", "buyer_viewer", "supplier_viewer"])
def test_x5_another_company_or_a_viewer_sees_no_page_nor_fragment(cast: Cast, who: str) -> None:
    page = cast.page(who)
    t = cast.thread.id

    for headers in ({}, HTMX):
        assert_not_found(page.get(f"/messages/{t}/", **headers))
        assert_not_found(page.post(f"/messages/reports/{cast.message.id}/", **headers))
    # polling a foreign thread answers like a thread without news: nothing at all
    epoch = "1970-01-01T00:00:00+00:00"
    poll = page.get(f"/messages/{t}/poll/", {"after": epoch}, **HTMX)
    missing = page.get(f"/messages/{uuid.uuid4()}/poll/", {"after": epoch}, **HTMX)
    assert (poll.status_code, poll.content) == (missing.status_code, missing.content)
    assert poll.status_code in (204, 404)
    inbox = page.get("/messages/")
    assert SECRET not in inbox.content.decode()
    assert str(t) not in inbox.content.decode()


def test_x5_a_download_link_works_only_for_its_user_and_only_while_fresh(cast: Cast) -> None:
    messages = cast.api("purchaser").get(f"/api/v1/threads/{cast.thread.id}/messages").json()
    link = messages["results"][-1]["attachments"][0]["url"]
    assert cast.page("purchaser").get(link).status_code == 200

    for who in ("outsider", "buyer_viewer", "supplier_viewer", "sales"):
        assert_not_found(cast.page(who).get(link))  # another user, even of a party
    anonymous = Client().get(link)
    assert anonymous.status_code == 302
    assert "/accounts/" in anonymous["Location"]
    later = (timezone.now() + timedelta(minutes=11)).timestamp()
    with mock.patch("time.time", return_value=later):
        assert_not_found(cast.page("purchaser").get(link))
    token = link.rstrip("/").rsplit("/", 1)[1]
    value, _, signature = token.rpartition(":")
    tampered = f"{value}:{signature[:-2]}{'AA' if not signature.endswith('AA') else 'BB'}"
    assert_not_found(cast.page("purchaser").get(link.replace(token, tampered)))


def test_x5_a_link_signed_for_an_outsider_or_a_viewer_does_not_open_the_file(
    cast: Cast,
) -> None:
    """Even a genuine link made for them (as if leaked from the server) checks access."""
    for who in ("outsider", "buyer_viewer", "suspended"):
        user = getattr(cast, who).user
        link = attachment_link(attachment_id=cast.attachment.id, user_id=user.id)
        response = cast.page(who).get(link)
        assert_not_found(response)


def test_x5_an_unsent_upload_is_its_uploaders_alone(cast: Cast) -> None:
    file_id = _upload(cast.api("purchaser"), cast.thread.id, name="draft-offer.pdf")
    owner = _member(cast.purchaser.company, Role.OWNER)

    link = attachment_link(attachment_id=uuid.UUID(file_id), user_id=owner.user.id)
    client = Client()
    client.force_login(owner.user)
    assert_not_found(client.get(link))
    sent = _post(
        Client(HTTP_AUTHORIZATION=f"Bearer {issue_api_token(owner).token}"),
        f"/api/v1/threads/{cast.thread.id}/messages",
        {"body": "Here it is", "attachment_ids": [file_id]},
    )
    assert (sent.status_code, sent.json()["details"]["reason"]) == (422, "attachment_invalid")


def test_x5_a_suspended_companys_member_reaches_no_thread(cast: Cast) -> None:
    api, page = cast.api("suspended"), cast.page("suspended")
    theirs = Thread.objects.get(supplier=cast.suspended.company)

    for path in ("/api/v1/threads", f"/api/v1/threads/{theirs.id}"):
        assert api.get(path).status_code == 401
    response = page.get(f"/messages/{theirs.id}/")
    assert (response.status_code, response["Location"]) == (302, "/dashboard/")


# --- X13: acting on another company's thread or message ---------------------------------------


@pytest.mark.parametrize("who", ["outsider", "buyer_viewer", "supplier_viewer"])
def test_x13_no_message_read_mark_upload_or_report_on_a_foreign_thread(
    cast: Cast, who: str, unchanged: None
) -> None:
    api, page = cast.api(who), cast.page(who)
    t, m = cast.thread.id, cast.message.id

    assert_not_found(_post(api, f"/api/v1/threads/{t}/messages", {"body": "Cheaper here!"}))
    assert_not_found(_post(api, f"/api/v1/threads/{t}/read", {}))
    upload = SimpleUploadedFile("x.pdf", PDF_BYTES, content_type="application/pdf")
    assert_not_found(api.post(f"/api/v1/threads/{t}/attachments", {"file": upload}))
    assert_not_found(_post(api, f"/api/v1/messages/{m}/report", {"reason": "spam"}))
    assert_not_found(page.post(f"/messages/{t}/", {"body": "Cheaper here!"}))
    assert_not_found(page.post(f"/messages/reports/{m}/", {"reason": "spam"}))


def test_x13_the_thread_read_mark_moves_only_for_its_own_user(cast: Cast) -> None:
    before = cast.api("purchaser").get("/api/v1/threads/unread-count").json()["unread"]
    assert before == 1

    assert_not_found(_post(cast.api("outsider"), f"/api/v1/threads/{cast.thread.id}/read", {}))

    assert cast.api("purchaser").get("/api/v1/threads/unread-count").json()["unread"] == 1
    assert not ThreadReadState.objects.filter(thread=cast.thread, user=cast.outsider.user).exists()


# --- X14: foreign ids inside one's own message or thread -------------------------------------


def test_x14_a_message_cannot_carry_another_threads_or_users_attachment(cast: Cast) -> None:
    outsider_file = _upload(cast.api("outsider"), cast.other_thread.id, name="theirs.pdf")
    before = snapshot()
    api = cast.api("sales")
    for foreign in (outsider_file, cast.attachment.id, uuid.uuid4()):
        response = _post(
            api,
            f"/api/v1/threads/{cast.thread.id}/messages",
            {"body": "see attached", "attachment_ids": [str(foreign)]},
        )
        assert (response.status_code, response.json()["details"]["reason"]) == (
            422,
            "attachment_invalid",
        )
        started = _post(
            cast.api("purchaser"),
            "/api/v1/threads",
            {"supplier": "xiamen-balls", "body": "x", "attachment_ids": [str(foreign)]},
        )
        assert started.status_code == 422
    assert snapshot() == before


def _subject_attempts(cast: Cast) -> list[tuple[str, uuid.UUID]]:
    other_supplier = SupplierFactory.create(slug="other-supplier")
    rfq_of_another_buyer = RFQFactory.create(buyer=cast.outsider.company)
    return [
        ("product", ProductFactory.create(supplier=other_supplier).pk),
        (
            "product",
            ProductFactory.create(
                supplier=cast.sales.company, status=ProductStatus.DRAFT, published_at=None
            ).pk,
        ),
        ("rfq", rfq_of_another_buyer.pk),
        ("quote", QuoteFactory.create(rfq=rfq_of_another_buyer).pk),
        ("product", uuid.uuid4()),
    ]


def test_x14_a_thread_about_another_companys_subject_is_refused(cast: Cast) -> None:
    attempts = _subject_attempts(cast)
    before = snapshot()
    api = cast.api("purchaser")

    for kind, subject_id in attempts:
        response = _post(
            api,
            "/api/v1/threads",
            {
                "supplier": "xiamen-balls",
                "subject_kind": kind,
                "subject_id": str(subject_id),
                "body": "About this",
            },
        )
        assert (kind, response.status_code) == (kind, 422)
        assert response.json()["details"]["reason"] in (
            "subject_not_found",
            "subject_mismatch",
            "subject_unsupported",
        )
    assert snapshot() == before


def test_x14_nobody_writes_to_a_suspended_company_or_to_itself(cast: Cast, unchanged: None) -> None:
    api = cast.api("purchaser")

    for body in (
        {"supplier": "gone-trading", "body": "hello"},
        {"buyer_id": str(cast.purchaser.company_id), "body": "hello"},
    ):
        response = _post(api, "/api/v1/threads", body)
        assert response.status_code in (404, 422), response.json()


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"body": "a\x00b"},
        {"body": "ok", "attachment_ids": ["not-a-uuid"]},
        {"body": ""},
        {"body": "x" * 20_001},
        {"body": "ok", "thread_id": "00000000-0000-0000-0000-000000000000"},
        {"body": "ok", "sender_company_id": "00000000-0000-0000-0000-000000000000"},
        {"body": "ok", "hidden": True},
    ],
)
def test_bad_message_input_is_a_clear_422_and_writes_nothing(
    cast: Cast, body: dict[str, Any], unchanged: None
) -> None:
    response = _post(cast.api("purchaser"), f"/api/v1/threads/{cast.thread.id}/messages", body)

    assert response.status_code == 422, response.json()
    assert response.json()["code"] in ("invalid_input", "validation_failed")


@pytest.mark.parametrize(
    "body",
    [
        {"supplier": "xiamen-balls", "body": "x", "title": "Hi\x00"},
        {"supplier": "xiamen-balls\x00", "body": "x"},
        {"supplier": "xiamen-balls", "body": "x", "subject_kind": "order"},
        {"supplier": "xiamen-balls", "body": "x", "buyer_id": str(uuid.uuid4())},
        {"body": "x"},
    ],
)
def test_bad_thread_input_is_a_clear_4xx_and_writes_nothing(
    cast: Cast, body: dict[str, Any], unchanged: None
) -> None:
    response = _post(cast.api("purchaser"), "/api/v1/threads", body)

    assert response.status_code in (404, 422), response.json()
    assert response.json()["code"] in ("invalid_input", "validation_failed", "not_found")


def test_a_nul_byte_in_the_page_form_changes_nothing(cast: Cast, unchanged: None) -> None:
    response = cast.page("purchaser").post(f"/messages/{cast.thread.id}/", {"body": "a\x00b"})

    assert response.status_code == 400


@pytest.mark.parametrize(("name", "data"), [("offer.pdf", EXE_BYTES), ("a.png", b"<html>")])
def test_an_executable_renamed_pdf_is_refused(
    cast: Cast, name: str, data: bytes, unchanged: None
) -> None:
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = cast.api("purchaser").post(
        f"/api/v1/threads/{cast.thread.id}/attachments", {"file": upload}
    )

    assert response.status_code == 422
    assert response.json()["details"]["reason"] == "file_type"
    upload.seek(0)
    page = cast.page("purchaser").post(
        f"/messages/{cast.thread.id}/", {"body": "x", "file": upload}
    )
    assert page.status_code == 400


def test_a_50_mb_attachment_is_refused_without_being_held_in_memory(
    cast: Cast, unchanged: None
) -> None:
    fifty_mb = 50 * 1024 * 1024
    tracemalloc.start()
    try:
        api = streamed_upload(
            cast.api("purchaser"), f"/api/v1/threads/{cast.thread.id}/attachments", fifty_mb
        )
        page = streamed_upload(cast.page("purchaser"), f"/messages/{cast.thread.id}/", fifty_mb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert api.status_code in (413, 422), api.content[:300]
    assert api.json()["details"].get("reason", api.json()["code"]) == "file_too_large"
    assert page.status_code == 400
    assert peak < 20 * 1024 * 1024, f"{peak / 1e6:.0f} MB held"
