"""The RFQ API: the contract's paths and fields, the authorization matrix (nothing changes on a
denial), the state machine's 409s, validation codes, idempotency, attachments and downloads."""

import io
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tradebridge.companies.tests.factories import issue_api_token
from tradebridge.rfq.enums import QuoteStatus, RFQStatus, RFQVisibility
from tradebridge.rfq.models import RFQ, RFQAttachment
from tradebridge.rfq.tests.factories import (
    PDF_BYTES,
    QuoteFactory,
    RFQAttachmentFactory,
    RFQFactory,
    RFQInvitationFactory,
)
from tradebridge.rfq.tests.rfqs.conftest import People
from tradebridge.rfq.tests.rfqs.test_attachments import EXE_BYTES

pytestmark = pytest.mark.django_db

BUYERS = ("owner", "admin", "purchaser")
NOT_BUYING = ("sales", "viewer")


def client_as(people: People, actor: str) -> Client:
    """A client with the actor's session; `anonymous`: none."""
    client = Client()
    if actor != "anonymous":
        client.force_login(people.member(actor).user)
    return client


def body(**overrides: Any) -> dict[str, Any]:
    """The contract's create body (issue 10, item 7)."""
    data: dict[str, Any] = {
        "title": "Ballons de match taille 5",
        "description": "PU thermo-soudé, qualité FIFA Pro, impression deux panneaux.",
        "quantity": 5000,
        "unit": "piece",
        "destination_country": "FR",
        "currency": "EUR",
        "target_unit_price": "3.80",
        "incoterm": "FOB",
        "certifications": ["EN 71"],
        "quote_deadline": (timezone.now() + timedelta(days=10)).isoformat(),
        "visibility": "public",
        "invited_suppliers": ["xiamen-balls"],
        "status": "open",
        "destination_place": "Le Havre",
        "specs": {"Size": "5"},
    }
    data.update(overrides)
    return data


def _rfq(people: People, **fields: Any) -> RFQ:
    return RFQFactory.create(buyer=people.buyer, created_by=people.owner.user, **fields)


def _snapshot(rfq: RFQ) -> tuple[Any, ...]:
    rfq.refresh_from_db()
    return (rfq.status, rfq.title, rfq.quote_deadline, rfq.updated_at)


# --- create ------------------------------------------------------------------------------


def test_post_answers_201_with_the_contracts_fields(people: People) -> None:
    response = client_as(people, "purchaser").post(
        "/api/v1/rfqs", body(), content_type="application/json"
    )

    assert response.status_code == 201, response.content
    got = response.json()
    rfq = RFQ.objects.get()
    assert got["id"] == str(rfq.pk)
    assert (got["status"], got["reference"]) == ("open", rfq.reference)
    assert got["url"] == f"http://testserver/rfqs/{rfq.pk}/"
    assert got["target_unit_price"] == {"amount": "3.80", "currency": "EUR"}
    assert (got["incoterm"], got["quantity"], got["unit"]) == ("FOB", 5000, "piece")
    assert got["specs"] == {"Size": "5"}
    assert [i["supplier"]["slug"] for i in got["invitations"]] == ["xiamen-balls"]
    assert got["invitations"][0]["supplier"]["name"] == people.supplier_a.company.display_name
    assert (got["quote_count"], got["show_quote_count"], got["language"]) == (0, False, "en")


def test_post_as_a_draft(people: People) -> None:
    response = client_as(people, "owner").post(
        "/api/v1/rfqs", body(status="draft"), content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["status"] == "draft"


@pytest.mark.parametrize("actor", NOT_BUYING)
def test_roles_that_do_not_buy_get_403_and_nothing_is_written(people: People, actor: str) -> None:
    response = client_as(people, actor).post(
        "/api/v1/rfqs", body(), content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not RFQ.objects.exists()


def test_anonymous_gets_401(people: People) -> None:
    response = Client().post("/api/v1/rfqs", body(), content_type="application/json")

    assert response.status_code == 401
    assert not RFQ.objects.exists()


def test_a_bearer_token_acts_for_its_company(people: People) -> None:
    token = issue_api_token(people.purchaser).token

    response = Client().post(
        "/api/v1/rfqs",
        body(),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 201
    assert RFQ.objects.get().buyer == people.buyer


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        (
            {"quote_deadline": (timezone.now() - timedelta(hours=1)).isoformat()},
            "quote_deadline",
            "deadline_in_past",
        ),
        ({"currency": "XYZ"}, "currency", "unknown_currency"),
        ({"destination_country": "QQ"}, "destination_country", "unknown_country"),
        ({"invited_suppliers": ["nobody-here"]}, "invited_suppliers", "unknown_supplier"),
        ({"product_id": str(uuid.uuid4())}, "product_id", "unknown_product"),
        ({"category_id": 987_654_321}, "category_id", "unknown_category"),
    ],
)
def test_business_rules_answer_422_with_the_field_and_reason(
    people: People, overrides: dict[str, Any], field: str, reason: str
) -> None:
    response = client_as(people, "owner").post(
        "/api/v1/rfqs", body(**overrides), content_type="application/json"
    )

    assert response.status_code == 422, response.content
    got = response.json()
    assert got["code"] == "validation_failed"
    assert got["details"]["errors"] == {field: reason}
    assert not RFQ.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"quantity": 0},
        {"incoterm": "FOO"},
        {"unit": "barrel"},
        {"visibility": "secret"},
        {"status": "awarded"},
        {"target_unit_price": "-1"},
        {"buyer": "someone-else"},
        {"reference": "RFQ-MINE"},
    ],
)
def test_schema_errors_answer_422_invalid_input(people: People, overrides: dict[str, Any]) -> None:
    response = client_as(people, "owner").post(
        "/api/v1/rfqs", body(**overrides), content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert not RFQ.objects.exists()


def test_an_idempotency_key_replays_the_first_answer(people: People) -> None:
    client = client_as(people, "owner")
    headers = {"Idempotency-Key": "rfq-2026-12-07-a"}
    sent = body()
    first = client.post("/api/v1/rfqs", sent, content_type="application/json", headers=headers)

    again = client.post("/api/v1/rfqs", sent, content_type="application/json", headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert RFQ.objects.count() == 1
    other = client.post(
        "/api/v1/rfqs", {**sent, "title": "Other"}, content_type="application/json", headers=headers
    )
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")


def test_the_daily_limit_answers_429(people: People) -> None:
    from tradebridge.rfq.models import RFQSettings

    RFQSettings.objects.update_or_create(id=1, defaults={"rfqs_per_company_per_day": 1})
    client = client_as(people, "owner")
    assert client.post("/api/v1/rfqs", body(), content_type="application/json").status_code == 201

    response = client.post("/api/v1/rfqs", body(), content_type="application/json")

    assert response.status_code == 429
    assert response.json()["code"] == "rfq_limit_reached"
    assert RFQ.objects.count() == 1


# --- reads -------------------------------------------------------------------------------


def test_list_is_the_buyers_own_paginated(people: People) -> None:
    mine = [_rfq(people) for _ in range(3)]
    QuoteFactory.create(rfq=mine[0])
    QuoteFactory.create(rfq=mine[0], status=QuoteStatus.WITHDRAWN)
    RFQFactory.create()

    response = client_as(people, "viewer").get("/api/v1/rfqs?page_size=2")

    got = response.json()
    assert response.status_code == 200
    assert (got["count"], len(got["results"])) == (3, 2)
    page2 = client_as(people, "viewer").get("/api/v1/rfqs?page_size=2&page=2").json()
    ids = [item["id"] for item in got["results"] + page2["results"]]
    assert set(ids) == {str(rfq.pk) for rfq in mine}
    counts = {item["id"]: item["quote_count"] for item in got["results"] + page2["results"]}
    assert counts[str(mine[0].pk)] == 1


def test_list_does_not_grow_queries_with_rfqs(people: People) -> None:
    client = client_as(people, "owner")

    def queries_for_a_list_of(count: int) -> int:
        RFQ.objects.all().delete()
        for _ in range(count):
            rfq = _rfq(people)
            RFQInvitationFactory.create(rfq=rfq, supplier=people.supplier_a.company)
            QuoteFactory.create(rfq=rfq)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/rfqs").json()["count"] == count
        return len(captured)

    queries_for_a_list_of(1)  # warms the process-wide caches up
    assert queries_for_a_list_of(2) == queries_for_a_list_of(6)


def test_a_supplier_lists_nothing_as_a_buyer(people: People) -> None:
    _rfq(people)

    got = client_as(people, "owner").get("/api/v1/rfqs").json()
    assert got["count"] == 1
    supplier = Client()
    supplier.force_login(people.supplier_a.user)
    assert supplier.get("/api/v1/rfqs").json()["count"] == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("viewer", 200),
        ("sales", 200),
        ("other_buyer", 404),
        ("supplier_b", 404),  # not invited on an invited-only RFQ
        ("suspended_supplier", 404),
        ("anonymous", 401),
    ],
)
def test_read_matrix_on_an_invited_rfq(people: People, who: str, status: int) -> None:
    rfq = _rfq(people, visibility=RFQVisibility.INVITED)
    RFQInvitationFactory.create(rfq=rfq, supplier=people.supplier_a.company)
    RFQInvitationFactory.create(rfq=rfq, supplier=people.suspended_supplier.company)

    response = client_as(people, who).get(f"/api/v1/rfqs/{rfq.pk}")

    assert response.status_code == status
    if status == 404:
        assert response.json()["code"] == "not_found"


def test_an_invited_supplier_reads_the_request_and_nothing_about_others(people: People) -> None:
    rfq = _rfq(people, visibility=RFQVisibility.INVITED, quote_cap=5)
    RFQInvitationFactory.create(rfq=rfq, supplier=people.supplier_a.company)
    RFQInvitationFactory.create(rfq=rfq, supplier=people.supplier_b.company)
    QuoteFactory.create(rfq=rfq, supplier=people.supplier_b.company)

    response = client_as(people, "supplier_a_sales").get(f"/api/v1/rfqs/{rfq.pk}")

    got = response.json()
    assert response.status_code == 200
    assert got["url"] == f"http://testserver/supplier/rfqs/{rfq.pk}/"
    assert got["quote_count"] is None
    assert got["buyer"] == {"slug": "lyon-sports", "name": "Lyon Sports SARL", "country": "FR"}
    for hidden in ("invitations", "quote_cap", "show_quote_count", "cancelled_at"):
        assert hidden not in got
    assert "ningbo-sport" not in response.content.decode()


def test_the_count_is_shown_to_suppliers_only_when_the_buyer_chose(people: People) -> None:
    rfq = _rfq(people, show_quote_count=True)
    QuoteFactory.create(rfq=rfq, supplier=people.supplier_b.company)

    got = client_as(people, "supplier_a").get(f"/api/v1/rfqs/{rfq.pk}").json()

    assert got["quote_count"] == 1


# --- edits and status changes ------------------------------------------------------------


def test_patch_a_draft(people: People) -> None:
    rfq = _rfq(people, status=RFQStatus.DRAFT)

    response = client_as(people, "purchaser").patch(
        f"/api/v1/rfqs/{rfq.pk}",
        {"quantity": 800, "target_unit_price": "4.1", "specs": {"Colour": "white"}},
        content_type="application/json",
    )

    got = response.json()
    assert response.status_code == 200, response.content
    assert (got["quantity"], got["specs"]) == (800, {"Colour": "white"})
    assert got["target_unit_price"] == {"amount": "4.10", "currency": "EUR"}
    assert got["title"] == rfq.title


def test_patch_of_an_open_rfqs_terms_is_409(people: People) -> None:
    rfq = _rfq(people)
    before = _snapshot(rfq)

    response = client_as(people, "owner").patch(
        f"/api/v1/rfqs/{rfq.pk}", {"quantity": 1}, content_type="application/json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "rfq_field_locked"
    assert _snapshot(rfq) == before


@pytest.mark.parametrize(
    ("verb", "status"),
    [
        ("close", RFQStatus.DRAFT),
        ("close", RFQStatus.CANCELLED),
        ("cancel", RFQStatus.AWARDED),
        ("open", RFQStatus.OPEN),
        ("open", RFQStatus.CANCELLED),
        ("open", RFQStatus.AWARDED),
    ],
)
def test_illegal_transitions_answer_409_and_change_nothing(
    people: People, verb: str, status: RFQStatus
) -> None:
    rfq = _rfq(people, status=status)
    before = _snapshot(rfq)

    response = client_as(people, "owner").post(
        f"/api/v1/rfqs/{rfq.pk}/{verb}", content_type="application/json"
    )

    assert response.status_code == 409
    got = response.json()
    assert got["code"] == "invalid_transition"
    assert got["details"]["current"] == status.value
    assert _snapshot(rfq) == before


def test_open_close_reopen_cancel(people: People) -> None:
    rfq = _rfq(people, status=RFQStatus.DRAFT)
    client = client_as(people, "purchaser")

    opened = client.post(f"/api/v1/rfqs/{rfq.pk}/open", content_type="application/json")
    assert opened.json()["status"] == "open"
    closed = client.post(f"/api/v1/rfqs/{rfq.pk}/close").json()
    assert (closed["status"], closed["closed_reason"]) == ("closed", "by_buyer")
    no_deadline = client.post(f"/api/v1/rfqs/{rfq.pk}/open", content_type="application/json")
    assert no_deadline.status_code == 422
    assert no_deadline.json()["details"]["errors"] == {"quote_deadline": "required"}
    later = (timezone.now() + timedelta(days=3)).isoformat()
    reopened = client.post(
        f"/api/v1/rfqs/{rfq.pk}/open", {"quote_deadline": later}, content_type="application/json"
    ).json()
    assert (reopened["status"], reopened["closed_reason"]) == ("open", None)
    assert client.post(f"/api/v1/rfqs/{rfq.pk}/cancel").json()["status"] == "cancelled"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("sales", 403),
        ("viewer", 403),
        ("other_buyer", 404),
        ("supplier_a", 404),
        ("anonymous", 401),
    ],
)
def test_status_changes_matrix(people: People, who: str, status: int) -> None:
    rfq = _rfq(people)
    before = _snapshot(rfq)

    for verb in ("close", "cancel"):
        response = client_as(people, who).post(f"/api/v1/rfqs/{rfq.pk}/{verb}")
        assert response.status_code == status
    patch = client_as(people, who).patch(
        f"/api/v1/rfqs/{rfq.pk}", {"show_quote_count": True}, content_type="application/json"
    )
    assert patch.status_code == status
    assert _snapshot(rfq) == before


# --- attachments -------------------------------------------------------------------------


def _upload(client: Client, rfq: RFQ, data: bytes, name: str = "spec.pdf") -> Any:
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(f"/api/v1/rfqs/{rfq.pk}/attachments", {"file": upload})


def test_attach_then_download_through_the_signed_link(people: People) -> None:
    rfq = _rfq(people)
    client = client_as(people, "purchaser")

    created = _upload(client, rfq, PDF_BYTES)

    assert created.status_code == 201, created.content
    got = created.json()
    assert (got["filename"], got["content_type"], got["size"]) == (
        "spec.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    download = client.get(got["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert download["Content-Disposition"] == 'attachment; filename="spec.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Cache-Control"] == "private, no-store"


def test_an_executable_renamed_pdf_is_422(people: People) -> None:
    rfq = _rfq(people)

    response = _upload(client_as(people, "owner"), rfq, EXE_BYTES, "invoice.pdf")

    assert response.status_code == 422
    assert response.json()["code"] == "unsupported_file_type"
    assert not RFQAttachment.objects.exists()


def test_an_11_mb_file_is_413(people: People) -> None:
    rfq = _rfq(people)

    response = _upload(client_as(people, "owner"), rfq, PDF_BYTES + b"0" * (11 * 1024 * 1024))

    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert not RFQAttachment.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("sales", 403), ("other_buyer", 404), ("supplier_a", 404), ("anonymous", 401)],
)
def test_attach_matrix(people: People, who: str, status: int) -> None:
    rfq = _rfq(people)

    assert _upload(client_as(people, who), rfq, PDF_BYTES).status_code == status
    assert not RFQAttachment.objects.exists()


def test_suppliers_who_may_see_the_rfq_list_and_download_its_files(people: People) -> None:
    rfq = _rfq(people, visibility=RFQVisibility.INVITED)
    RFQInvitationFactory.create(rfq=rfq, supplier=people.supplier_a.company)
    RFQAttachmentFactory.create(rfq=rfq)
    supplier = client_as(people, "supplier_a")

    [item] = supplier.get(f"/api/v1/rfqs/{rfq.pk}/attachments").json()

    assert supplier.get(item["download_url"]).status_code == 200
    assert (
        client_as(people, "supplier_b").get(f"/api/v1/rfqs/{rfq.pk}/attachments").status_code == 404
    )


def test_a_link_is_bound_to_the_member_it_was_made_for(people: People) -> None:
    rfq = _rfq(people)
    RFQAttachmentFactory.create(rfq=rfq)
    [item] = client_as(people, "viewer").get(f"/api/v1/rfqs/{rfq.pk}/attachments").json()

    for who in ("owner", "other_buyer", "supplier_a", "anonymous"):
        response = client_as(people, who).get(item["download_url"])
        assert response.status_code in (401, 404)
        if response.status_code == 404:
            assert response.json()["code"] == "download_link_invalid"


def test_a_link_stops_working_once_the_rfq_is_no_longer_visible(people: People) -> None:
    rfq = _rfq(people)
    RFQAttachmentFactory.create(rfq=rfq)
    supplier = client_as(people, "supplier_a")
    [item] = supplier.get(f"/api/v1/rfqs/{rfq.pk}/attachments").json()
    RFQ.objects.filter(pk=rfq.pk).update(status=RFQStatus.CANCELLED)

    response = supplier.get(item["download_url"])

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_operator_reads_any_rfq_whole(people: People) -> None:
    rfq = _rfq(people, status=RFQStatus.DRAFT, visibility=RFQVisibility.INVITED)
    RFQInvitationFactory.create(rfq=rfq, supplier=people.supplier_a.company)
    client = Client()
    client.force_login(people.operator)

    got = client.get(f"/api/v1/rfqs/{rfq.pk}").json()

    assert got["id"] == str(rfq.pk)
    assert [i["supplier"]["slug"] for i in got["invitations"]] == ["xiamen-balls"]


def test_patch_null_keeps_a_required_field_and_clears_an_optional_one(people: People) -> None:
    rfq = _rfq(people, status=RFQStatus.DRAFT)

    response = client_as(people, "owner").patch(
        f"/api/v1/rfqs/{rfq.pk}",
        {"title": None, "incoterm": None, "quote_deadline": None},
        content_type="application/json",
    )

    got = response.json()
    assert response.status_code == 200, response.content
    assert (got["title"], got["incoterm"]) == (rfq.title, None)
