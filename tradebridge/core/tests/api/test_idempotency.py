import json
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.models import NIL_UUID, AuditEvent, IdempotencyRecord, IdempotencyState
from tradebridge.core.tests.api import idempotency_urls

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tradebridge.core.tests.api.idempotency_urls"),
]

COMPANY_A, USER_A = uuid.uuid4(), uuid.uuid4()
COMPANY_B, USER_B = uuid.uuid4(), uuid.uuid4()


def post(path, body, *, key=None, company=COMPANY_A, user=USER_A, client=None):
    headers = {"X-Company": str(company), "X-User": str(user)}
    if key is not None:
        headers["Idempotency-Key"] = key
    return (client or Client()).post(
        f"/api{path}", data=json.dumps(body), content_type="application/json", headers=headers
    )


ORDER = {"reference": "PO-1", "quantity": 5}


def test_without_a_key_every_request_runs():
    post("/orders", ORDER)
    post("/orders", ORDER)

    assert AuditEvent.objects.count() == 2
    assert IdempotencyRecord.objects.exists() is False


@pytest.mark.parametrize("path", ["/orders", "/orders-status"])
def test_retry_with_the_same_key_replays_the_first_response_without_running_again(path):
    # given
    first = post(path, ORDER, key="k-1")

    # when
    retry = post(path, ORDER, key="k-1")

    # then
    assert first.status_code == 201
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Content-Type"] == first["Content-Type"]
    assert retry["Idempotent-Replayed"] == "true"
    assert first.has_header("Idempotent-Replayed") is False
    assert AuditEvent.objects.count() == 1


def test_the_first_response_is_stored_completed_in_the_callers_scope():
    first = post("/orders", ORDER, key="k-1")

    record = IdempotencyRecord.objects.get()
    assert record.state == IdempotencyState.COMPLETED
    assert record.response_status == 201
    assert bytes(record.response_body) == first.content
    assert (record.company_id, record.user_id, record.method) == (COMPANY_A, USER_A, "POST")
    assert record.route == "api/orders"


def test_json_key_order_and_spacing_do_not_change_the_fingerprint():
    post("/orders", {"reference": "PO-1", "quantity": 5}, key="k-1")

    retry = Client().post(
        "/api/orders",
        data='{ "quantity": 5,  "reference": "PO-1" }',
        content_type="application/json",
        headers={"X-Company": str(COMPANY_A), "X-User": str(USER_A), "Idempotency-Key": "k-1"},
    )

    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.count() == 1


def test_same_key_with_a_different_body_is_rejected_and_nothing_runs():
    post("/orders", ORDER, key="k-1")

    response = post("/orders", {"reference": "PO-1", "quantity": 6}, key="k-1")

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert AuditEvent.objects.count() == 1


def test_same_key_on_another_object_of_the_same_route_is_rejected():
    post("/orders/PO-1/cancel", {}, key="k-1")

    response = post("/orders/PO-2/cancel", {}, key="k-1")

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("_case", "company", "user"),
    [
        ("another company", COMPANY_B, USER_B),
        ("another user of the same company", COMPANY_A, USER_B),
        ("the same user acting for another company", COMPANY_B, USER_A),
    ],
)
def test_another_tenant_reusing_a_key_gets_its_own_execution(_case, company, user):
    # given company A's request, and its key seen by someone else (X15)
    first = post("/orders", ORDER, key="shared-key")

    # when
    other = post("/orders", ORDER, key="shared-key", company=company, user=user)

    # then
    assert other.status_code == 201
    assert other.has_header("Idempotent-Replayed") is False
    assert other.json()["id"] != first.json()["id"]
    assert AuditEvent.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 2


def test_same_key_on_another_route_is_a_separate_request():
    post("/orders", ORDER, key="k-1")

    other = post("/orders-status", ORDER, key="k-1")

    assert other.status_code == 201
    assert other.has_header("Idempotent-Replayed") is False
    assert AuditEvent.objects.count() == 2


def test_a_domain_error_response_is_stored_and_replayed():
    first = post("/orders/PO-9/cancel", {}, key="k-1")

    retry = post("/orders/PO-9/cancel", {}, key="k-1")

    assert first.status_code == 404
    assert first.json() == {
        "code": "not_found",
        "message": "Not found.",
        "details": {"entity": "order", "entity_id": "PO-9"},
    }
    assert retry.status_code == 404
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.filter(action="order.cancelled").count() == 1


def test_an_unhandled_error_is_stored_as_a_500_and_replayed(caplog):
    first = post("/crash", ORDER, key="k-1")

    retry = post("/crash", ORDER, key="k-1")

    expected = {"code": "internal_error", "message": "Internal server error.", "details": {}}
    assert first.status_code == 500
    assert first.json() == expected
    assert retry.status_code == 500
    assert retry.json() == expected
    assert retry["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.count() == 1
    assert "Unhandled error in an idempotent request" in caplog.text


def test_an_unhandled_error_without_a_key_propagates():
    with pytest.raises(RuntimeError, match="boom"):
        post("/crash", ORDER)


def test_invalid_input_is_answered_before_the_key_is_claimed():
    response = post("/orders", {"reference": "PO-1"}, key="k-1")
    fixed = post("/orders", ORDER, key="k-1")

    assert response.status_code == 422
    assert IdempotencyRecord.objects.get().fingerprint  # claimed by the valid request only
    assert fixed.status_code == 201
    assert fixed.has_header("Idempotent-Replayed") is False


def test_an_unauthenticated_request_claims_nothing():
    response = Client().post(
        "/api/orders", data=ORDER, content_type="application/json", headers={"Idempotency-Key": "k"}
    )

    assert response.status_code == 401
    assert IdempotencyRecord.objects.exists() is False


@pytest.mark.parametrize(("_case", "key"), [("too long", "k" * 256), ("empty", "")])
def test_a_key_outside_1_to_255_characters_is_a_bad_request(_case, key):
    response = post("/orders", ORDER, key=key)

    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_invalid"
    assert AuditEvent.objects.exists() is False
    assert IdempotencyRecord.objects.exists() is False


def test_a_key_of_255_characters_is_accepted():
    response = post("/orders", ORDER, key="k" * 255)

    assert response.status_code == 201


def test_anonymous_requests_share_the_nil_scope():
    client = Client()
    first = client.post(
        "/api/public", data=ORDER, content_type="application/json", headers={"Idempotency-Key": "a"}
    )
    retry = client.post(
        "/api/public", data=ORDER, content_type="application/json", headers={"Idempotency-Key": "a"}
    )

    record = IdempotencyRecord.objects.get()
    assert (record.company_id, record.user_id) == (NIL_UUID, NIL_UUID)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()


def test_a_record_still_in_progress_answers_409():
    post("/orders", ORDER, key="k-1")
    IdempotencyRecord.objects.update(state=IdempotencyState.IN_PROGRESS, response_status=None)

    response = post("/orders", ORDER, key="k-1")

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_request_in_progress"
    assert AuditEvent.objects.count() == 1


def test_an_expired_key_runs_again(settings):
    # given a response stored longer ago than the TTL
    settings.IDEMPOTENCY_KEY_TTL_HOURS = 48
    post("/orders", ORDER, key="k-1")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=48, seconds=1))

    # when
    again = post("/orders", ORDER, key="k-1")

    # then
    assert again.status_code == 201
    assert again.has_header("Idempotent-Replayed") is False
    assert AuditEvent.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 1


def test_a_key_just_inside_the_ttl_still_replays():
    post("/orders", ORDER, key="k-1")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=47, minutes=59))

    again = post("/orders", ORDER, key="k-1")

    assert again["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_concurrent_duplicate_gets_409_while_the_first_runs():
    # given a first request held inside its view
    idempotency_urls.slow_request_entered.clear()
    idempotency_urls.slow_request_release.clear()
    responses = {}

    def first_request():
        try:
            responses["first"] = post("/slow", ORDER, key="race")
        finally:
            connection.close()  # the thread's own connection, or the test database stays in use

    thread = threading.Thread(target=first_request)
    thread.start()
    assert idempotency_urls.slow_request_entered.wait(timeout=10)

    # when the duplicate arrives meanwhile
    duplicate = post("/slow", ORDER, key="race")
    idempotency_urls.slow_request_release.set()
    thread.join(timeout=10)
    retry = post("/slow", ORDER, key="race")

    # then
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "idempotency_request_in_progress"
    assert responses["first"].status_code == 201
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == responses["first"].json()
    assert AuditEvent.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_duplicates_run_the_operation_exactly_once():
    # given eight clients sending the same request with the same key at the same moment
    barrier = threading.Barrier(8)
    statuses = []

    def send():
        barrier.wait(timeout=10)
        try:
            response = post("/orders", ORDER, key="burst")
        finally:
            connection.close()  # the thread's own connection, or the test database stays in use
        replayed = response.get("Idempotent-Replayed") == "true"
        statuses.append((response.status_code, replayed))

    threads = [threading.Thread(target=send) for _ in range(8)]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    # then one ran; the others were told it is in progress or got its replay
    assert len(statuses) == 8
    assert statuses.count((201, False)) == 1
    assert all(
        status in {(201, True), (409, False)} for status in statuses if status != (201, False)
    )
    assert AuditEvent.objects.count() == 1
    assert IdempotencyRecord.objects.get().state == IdempotencyState.COMPLETED


def test_multipart_retries_match_despite_a_new_boundary():
    from django.core.files.uploadedfile import SimpleUploadedFile

    headers = {"X-Company": str(COMPANY_A), "X-User": str(USER_A), "Idempotency-Key": "m"}

    def send(content):
        upload = SimpleUploadedFile("po.csv", content)
        return Client().post(
            "/api/orders-upload", data={"reference": "PO-1", "file": upload}, headers=headers
        )

    first = send(b"sku,qty\nA,1\n")
    retry = send(b"sku,qty\nA,1\n")
    changed = send(b"sku,qty\nA,2\n")

    assert first.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert changed.status_code == 422
    assert changed.json()["code"] == "idempotency_key_reused"
    assert AuditEvent.objects.count() == 1


def _echo(client, *, data, content_type, key="e"):
    return client.post(
        "/api/echo", data=data, content_type=content_type, headers={"Idempotency-Key": key}
    )


@pytest.mark.parametrize(
    ("_case", "content_type", "first_body", "same_body", "other_body"),
    [
        (
            "form fields in any order",
            "application/x-www-form-urlencoded",
            "a=1&b=2",
            "b=2&a=1",
            "a=1&b=3",
        ),
        ("plain text, byte for byte", "text/plain", "hello", "hello", "hello!"),
        ("malformed JSON, byte for byte", "application/json", "{oops", "{oops", "{oops}"),
    ],
)
def test_non_json_bodies_are_fingerprinted_too(
    _case, content_type, first_body, same_body, other_body
):
    client = Client()
    first = _echo(client, data=first_body, content_type=content_type)

    same = _echo(client, data=same_body, content_type=content_type)
    other = _echo(client, data=other_body, content_type=content_type)

    assert first.status_code == 200
    assert same["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert AuditEvent.objects.count() == 1


def test_the_signed_in_user_scopes_an_operation_without_api_auth(django_user_model):
    alice = django_user_model.objects.create_user(email="alice@example.com", password="x" * 12)
    bob = django_user_model.objects.create_user(email="bob@example.com", password="x" * 12)
    as_alice, as_bob = Client(), Client()
    as_alice.force_login(alice)
    as_bob.force_login(bob)

    _echo(as_alice, data="{}", content_type="application/json")
    bobs = _echo(as_bob, data="{}", content_type="application/json")

    assert bobs.has_header("Idempotent-Replayed") is False
    assert set(IdempotencyRecord.objects.values_list("user_id", flat=True)) == {alice.pk, bob.pk}
    assert AuditEvent.objects.count() == 2


def test_a_streaming_response_is_not_stored_and_frees_the_key():
    client = Client()
    headers = {"Idempotency-Key": "s"}

    first = client.post("/api/export", headers=headers)
    second = client.post("/api/export", headers=headers)

    assert b"".join(first.streaming_content) == b"a,b\n1,2\n"  # type: ignore[attr-defined]
    assert second.has_header("Idempotent-Replayed") is False
    assert AuditEvent.objects.count() == 2
    assert IdempotencyRecord.objects.exists() is False


def test_async_operations_are_refused_at_import():
    async def view(request):
        return None

    with pytest.raises(TypeError, match="sync operations only"):
        idempotent(view)
