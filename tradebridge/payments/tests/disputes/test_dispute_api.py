"""The disputes API: every endpoint's authorization (X13: another company's dispute is 404
and nothing changes; each side only its own verbs; decide for operators; anonymous 401), a
whole dispute through the API, idempotent replays."""

import io

import pytest
from django.test import Client
from PIL import Image

from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.payments.enums import DisputeStatus
from tradebridge.payments.models import DisputeEvent, DisputeEvidence, LedgerTransaction
from tradebridge.payments.tests.disputes.conftest import assert_ledger_balanced, paid_case

pytestmark = pytest.mark.django_db

OVER = {"counter_refund": {"amount": "1000.01", "currency": "EUR"}}
COUNTER = {"counter_refund": {"amount": "150.00", "currency": "EUR"}, "note": "15 torn"}
DECIDE = {"resolution": "partial_refund", "refund_amount": {"amount": "250", "currency": "EUR"}}
BODIES = {
    "accept": {},
    "counter": COUNTER,
    "contest": {"note": "Intact"},
    "accept-counter": None,
    "escalate": None,
    "withdraw": None,
    "decide": DECIDE,
}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="PNG")
    return buffer.getvalue()


def post(client, dispute, action, body=None, **headers):
    url = f"/api/v1/disputes/{dispute.pk}/{action}"
    if action == "evidence":
        upload = io.BytesIO(png())
        upload.name = "photo.png"
        return client.post(url, {"file": upload, "note": "corner"}, headers=headers)
    return client.post(url, body or {}, content_type="application/json", headers=headers)


def state(dispute):
    dispute.refresh_from_db()
    return (
        dispute.status,
        dispute.updated_at,
        DisputeEvent.objects.filter(dispute=dispute).count(),
        DisputeEvidence.objects.filter(dispute=dispute).count(),
        LedgerTransaction.objects.filter(key__startswith="dispute:").count(),
    )


ACTIONS = [*BODIES, "evidence"]


@pytest.mark.parametrize("action", ACTIONS)
def test_another_company_gets_404_and_nothing_changes(dispute, action):
    stranger = MembershipFactory.create(company=paid_case().buyer, role=Role.OWNER)
    before = state(dispute)

    response = post(client_for(stranger.user), dispute, action, BODIES.get(action))

    expected = 403 if action == "decide" else 404
    assert response.status_code == expected
    assert state(dispute) == before


def test_another_company_cannot_read(dispute):
    stranger = MembershipFactory.create(company=paid_case().supplier, role=Role.OWNER)

    response = client_for(stranger.user).get(f"/api/v1/disputes/{dispute.pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("action", [*ACTIONS, "read"])
def test_anonymous_gets_401(dispute, action):
    before = state(dispute)
    if action == "read":
        response = Client().get(f"/api/v1/disputes/{dispute.pk}")
    else:
        response = post(Client(), dispute, action, BODIES.get(action))

    assert response.status_code == 401
    assert state(dispute) == before


@pytest.mark.parametrize(
    ("side", "action"),
    [
        ("sales", "escalate"),
        ("sales", "withdraw"),
        ("sales", "accept-counter"),
        ("sales", "decide"),
        ("purchaser", "accept"),
        ("purchaser", "counter"),
        ("purchaser", "contest"),
        ("purchaser", "decide"),
    ],
)
def test_each_side_only_its_verbs(case, dispute, side, action):
    before = state(dispute)

    response = post(client_for(getattr(case, side).user), dispute, action, BODIES[action])

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert state(dispute) == before


def test_both_parties_and_operators_read(case, dispute, operator):
    for user in (case.purchaser.user, case.sales.user, operator):
        response = client_for(user).get(f"/api/v1/disputes/{dispute.pk}")
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "awaiting_supplier"
        assert body["requested_refund"] == {"amount": "400.00", "currency": "EUR"}
        assert [event["kind"] for event in body["timeline"]] == ["opened"]


def test_a_dispute_through_the_api(case, dispute, operator):
    buyer, supplier = client_for(case.purchaser.user), client_for(case.sales.user)

    evidence = post(buyer, dispute, "evidence")
    assert evidence.status_code == 201
    assert evidence.json()["evidence"][0]["side"] == "buyer"
    countered = post(supplier, dispute, "counter", COUNTER)
    assert countered.status_code == 200
    assert countered.json()["counter_refund"] == {"amount": "150.00", "currency": "EUR"}
    assert post(buyer, dispute, "escalate").json()["status"] == "escalated"

    decided = post(client_for(operator), dispute, "decide", DECIDE)

    assert decided.status_code == 200
    body = decided.json()
    assert (body["status"], body["resolution"]) == ("resolved", "partial_refund")
    assert body["refund_amount"] == {"amount": "250.00", "currency": "EUR"}
    assert_ledger_balanced()


def test_a_replay_with_the_same_key_answers_the_same(case, dispute):
    supplier = client_for(case.sales.user)

    first = post(supplier, dispute, "counter", COUNTER, **{"Idempotency-Key": "k-1"})
    again = post(supplier, dispute, "counter", COUNTER, **{"Idempotency-Key": "k-1"})

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert DisputeEvent.objects.filter(dispute=dispute, kind="countered").count() == 1


@pytest.mark.parametrize(
    ("action", "body", "code"),
    [
        ("counter", OVER, "refund_exceeds_held"),
        ("counter", {"counter_refund": {"amount": "10", "currency": "EUR"}, "x": 1}, None),
        ("decide", {"resolution": "everything"}, None),
    ],
)
def test_bad_bodies_are_422(case, dispute, operator, action, body, code):
    user = operator if action == "decide" else case.sales.user
    before = state(dispute)

    response = post(client_for(user), dispute, action, body)

    assert response.status_code == 422
    if code is not None:
        assert response.json()["code"] == code
    assert state(dispute) == before


def test_the_clock_conflicts_are_409(case, dispute):
    response = post(client_for(case.purchaser.user), dispute, "escalate")

    assert response.status_code == 409
    assert response.json()["code"] == "dispute_escalation_early"
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER
