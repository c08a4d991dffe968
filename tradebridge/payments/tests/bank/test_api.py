"""The bank transfer API: the operator's transfers, statements and payouts (bodies, and that
everyone else gets 401 or 404 with nothing changed), and an order's payment instructions."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradebridge.accounts.models import User
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.models import AuditEvent
from tradebridge.payments.enums import TransferSource
from tradebridge.payments.models import IncomingTransfer, LedgerTransaction, PayoutBatch
from tradebridge.payments.services.bank_transfers import transfer_record
from tradebridge.payments.services.escrow import escrow_release
from tradebridge.payments.services.payouts import payouts_run
from tradebridge.payments.tests.bank.conftest import Escrow, open_escrow, statement_line

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent.parent / "statements" / "samples"
NOT_FOUND = {"code": "not_found", "message": "Not found.", "details": {}}


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _held(amount: str = "300.00") -> IncomingTransfer:
    return transfer_record(
        line=statement_line("no reference", amount, source_ref="E-1"), source=TransferSource.CSV
    )


def test_the_operator_lists_held_transfers_first(escrow: Escrow, operator: User) -> None:
    transfer_record(
        line=statement_line(escrow.deposit.reference, "300.00"), source=TransferSource.CSV
    )
    held = _held("42.00")

    body = _client(operator).get("/api/v1/operator/transfers").json()
    only_held = _client(operator).get("/api/v1/operator/transfers?status=unmatched").json()

    assert body["count"] == 2
    assert [item["status"] for item in body["results"]] == ["unmatched", "matched"]
    assert body["results"][0] == {
        "id": str(held.pk),
        "source": "csv",
        "source_ref": "E-1",
        "amount": {"amount": "42.00", "currency": "EUR"},
        "applied": {"amount": "0.00", "currency": "EUR"},
        "held": {"amount": "42.00", "currency": "EUR"},
        "status": "unmatched",
        "reference_text": "no reference",
        "payer_name": "Nordlicht Sportartikel GmbH",
        "value_date": "2026-03-02",
        "instalment": None,
        "note": "no payment reference in the text",
        "matched_at": None,
        "created_at": body["results"][0]["created_at"],
    }
    assert body["results"][1]["instalment"] == {
        "id": str(escrow.deposit.pk),
        "reference": escrow.deposit.reference,
        "kind": "deposit",
        "status": "paid",
        "order_id": str(escrow.hold.order_id),
        "order_reference": escrow.hold.order_reference,
    }
    assert [item["id"] for item in only_held["results"]] == [str(held.pk)]


def test_the_operator_matches_a_held_transfer(escrow: Escrow, operator: User) -> None:
    held = _held()

    response = _client(operator).post(
        f"/api/v1/operator/transfers/{held.pk}/match",
        {"instalment_id": str(escrow.deposit.pk)},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="match-1",
    )
    again = _client(operator).post(
        f"/api/v1/operator/transfers/{held.pk}/match",
        {"instalment_id": str(escrow.deposit.pk)},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="match-1",
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "matched"
    assert response.json()["held"] == {"amount": "0.00", "currency": "EUR"}
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    conflict = _client(operator).post(
        f"/api/v1/operator/transfers/{held.pk}/match",
        {"instalment_id": str(escrow.balance.pk)},
        content_type="application/json",
    )
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "transfer_not_held"


def test_the_operator_returns_a_held_transfer(operator: User) -> None:
    held = _held()

    response = _client(operator).post(
        f"/api/v1/operator/transfers/{held.pk}/return",
        {"note": "unknown payer"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "refunded"


def test_the_operator_uploads_a_statement(operator: User) -> None:
    upload = SimpleUploadedFile(
        "day.xml", (SAMPLES / "camt053_v02_day.xml").read_bytes(), content_type="text/xml"
    )

    response = _client(operator).post("/api/v1/operator/statements", {"file": upload})

    assert response.status_code == 201, response.content
    assert response.json() == {
        "filename": "day.xml",
        "format": "camt053",
        "new": 4,
        "duplicates": 0,
        "matched": 0,
        "partially_matched": 0,
        "unmatched": 4,
        "skipped": 2,
        "errors": [],
    }


def test_an_unreadable_statement_is_a_422(operator: User) -> None:
    upload = SimpleUploadedFile("evil.xml", b'<!DOCTYPE x [<!ENTITY a "b">]><x/>')

    response = _client(operator).post("/api/v1/operator/statements", {"file": upload})

    assert response.status_code == 422
    assert response.json()["code"] == "statement_unreadable"
    assert response.json()["details"]["reason"] == "dtd"


def _released(escrow: Escrow) -> None:
    transfer_record(
        line=statement_line(escrow.deposit.reference, "1000.00"), source=TransferSource.CSV
    )
    escrow_release(
        order_id=escrow.hold.order_id, key=f"release:{escrow.hold.order_id}", reason="received"
    )


def test_the_operator_runs_lists_and_pays_payouts(operator: User) -> None:
    escrow = open_escrow("1000.00", deposit_percent="100")
    _released(escrow)
    client = _client(operator)

    run = client.post("/api/v1/operator/payouts/run", {}, content_type="application/json")
    (batch,) = run.json()
    listed = client.get("/api/v1/operator/payouts").json()
    paid = client.post(f"/api/v1/operator/payouts/{batch['id']}/mark-paid")
    report = client.get(f"/api/v1/operator/payouts/{batch['id']}/report.csv")

    assert run.status_code == 201, run.content
    assert (batch["currency"], batch["count"], batch["total"], batch["status"]) == (
        "EUR",
        1,
        {"amount": "970.00", "currency": "EUR"},
        "pending",
    )
    (payout,) = batch["payouts"]
    assert (payout["supplier_id"], payout["amount"], payout["orders"]) == (
        str(escrow.supplier.pk),
        {"amount": "970.00", "currency": "EUR"},
        [escrow.hold.order_reference],
    )
    assert listed["count"] == 1
    assert listed["results"][0]["id"] == batch["id"]
    assert paid.status_code == 200
    assert paid.json()["status"] == "paid"
    assert paid.json()["payouts"][0]["status"] == "paid"
    assert report.status_code == 200
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        report.content.decode()
        .splitlines()[1]
        .startswith(f"{escrow.supplier.display_name},{escrow.supplier.legal_name},970.00,EUR,")
    )


# Everyone else --------------------------------------------------------------------------------


def _operator_calls(
    escrow: Escrow, held: IncomingTransfer, batch: PayoutBatch
) -> list[Callable[[Client], Any]]:
    upload = (SAMPLES / "statement_en.csv").read_bytes()
    return [
        lambda c: c.get("/api/v1/operator/transfers"),
        lambda c: c.post(
            f"/api/v1/operator/transfers/{held.pk}/match",
            {"instalment_id": str(escrow.deposit.pk)},
            content_type="application/json",
        ),
        lambda c: c.post(
            f"/api/v1/operator/transfers/{held.pk}/return", {}, content_type="application/json"
        ),
        lambda c: c.post(
            "/api/v1/operator/statements",
            {"file": SimpleUploadedFile("s.csv", upload)},
        ),
        lambda c: c.get("/api/v1/operator/payouts"),
        lambda c: c.post("/api/v1/operator/payouts/run", {}, content_type="application/json"),
        lambda c: c.post(f"/api/v1/operator/payouts/{batch.pk}/mark-paid"),
        lambda c: c.get(f"/api/v1/operator/payouts/{batch.pk}/report.csv"),
    ]


@pytest.mark.parametrize("who", ["anonymous", "member", "company_owner"])
def test_everyone_but_operators_is_refused_and_nothing_changes(
    escrow: Escrow, operator: User, who: str
) -> None:
    held = _held()
    other = open_escrow("1000.00", deposit_percent="100")
    _released(other)
    (batch,) = payouts_run(operator=operator)
    _released(open_escrow("1000.00", deposit_percent="100"))  # owed, not yet batched
    user = {
        "anonymous": None,
        "member": MembershipFactory.create(role=Role.VIEWER).user,
        "company_owner": MembershipFactory.create(company=escrow.supplier, role=Role.OWNER).user,
    }[who]
    before = (
        IncomingTransfer.objects.count(),
        LedgerTransaction.objects.count(),
        PayoutBatch.objects.count(),
        AuditEvent.objects.count(),
    )

    for call in _operator_calls(escrow, held, batch):
        response = call(_client(user))
        if user is None:
            assert response.status_code == 401, response.content
        else:
            assert response.status_code == 404, response.content
            assert response.json() == NOT_FOUND

    assert (
        IncomingTransfer.objects.count(),
        LedgerTransaction.objects.count(),
        PayoutBatch.objects.count(),
        AuditEvent.objects.count(),
    ) == before
    held.refresh_from_db()
    batch.refresh_from_db()
    assert (held.status, batch.status) == ("unmatched", "pending")


# Payment instructions -------------------------------------------------------------------------


def test_the_buyer_reads_how_to_pay(escrow: Escrow, settings: Any) -> None:
    settings.PAYMENTS_BANK_IBAN = "DE02120300000000202051"
    member = MembershipFactory.create(company=escrow.buyer, role=Role.VIEWER)
    transfer_record(
        line=statement_line(escrow.deposit.reference, "100.00"), source=TransferSource.CSV
    )

    response = _client(member.user).get(
        f"/api/v1/orders/{escrow.hold.order_id}/payment-instructions"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["bank"]["iban"] == "DE02120300000000202051"
    assert body["total"] == {"amount": "1000.00", "currency": "EUR"}
    assert [
        (item["kind"], item["reference"], item["due"]["amount"], item["status"])
        for item in body["instalments"]
    ] == [
        ("deposit", escrow.deposit.reference, "200.00", "partially_paid"),
        ("balance", escrow.balance.reference, "700.00", "pending"),
    ]


def test_the_supplier_reads_them_too_and_others_get_404(escrow: Escrow) -> None:
    supplier = MembershipFactory.create(company=escrow.supplier, role=Role.SALES)
    stranger = MembershipFactory.create(role=Role.OWNER)
    url = f"/api/v1/orders/{escrow.hold.order_id}/payment-instructions"

    assert _client(supplier.user).get(url).status_code == 200
    response = _client(stranger.user).get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert _client(None).get(url).status_code == 401


def test_the_transfer_list_costs_the_same_queries_for_one_or_many(operator: User) -> None:
    client = _client(operator)
    escrow = open_escrow()
    transfer_record(
        line=statement_line(escrow.deposit.reference, "10.00"), source=TransferSource.CSV
    )
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/operator/transfers")
    for _ in range(4):
        other = open_escrow()
        transfer_record(
            line=statement_line(other.deposit.reference, "10.00"), source=TransferSource.CSV
        )

    with CaptureQueriesContext(connection) as many:
        body = client.get("/api/v1/operator/transfers").json()

    assert body["count"] == 5
    assert len(many.captured_queries) == len(one.captured_queries)
