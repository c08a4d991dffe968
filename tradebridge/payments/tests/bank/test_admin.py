"""The back office's bank screens: transfers (held first), match and return pages, the
statement upload, payout batches (run, mark paid, report), and that only operators get in."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tradebridge.accounts.models import User
from tradebridge.core.models import AuditEvent
from tradebridge.payments.enums import PayoutBatchStatus, TransferSource, TransferStatus
from tradebridge.payments.models import IncomingTransfer, LedgerTransaction, PayoutBatch
from tradebridge.payments.services.bank_transfers import transfer_record
from tradebridge.payments.services.escrow import escrow_release
from tradebridge.payments.services.payouts import payouts_run
from tradebridge.payments.tests.bank.conftest import Escrow, open_escrow, statement_line

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent.parent / "statements" / "samples"
TRANSFERS = "/admin/payments/incomingtransfer/"
BATCHES = "/admin/payments/payoutbatch/"


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _held(amount: str = "300.00") -> IncomingTransfer:
    return transfer_record(
        line=statement_line("payment ACME order", amount), source=TransferSource.CSV
    )


def _released() -> Escrow:
    escrow = open_escrow("1000.00", deposit_percent="100")
    transfer_record(
        line=statement_line(escrow.deposit.reference, "1000.00"), source=TransferSource.CSV
    )
    escrow_release(
        order_id=escrow.hold.order_id, key=f"release:{escrow.hold.order_id}", reason="received"
    )
    return escrow


def test_the_transfer_list_shows_held_transfers_first_with_their_actions(
    escrow: Escrow, operator: User
) -> None:
    transfer_record(
        line=statement_line(escrow.deposit.reference, "300.00"), source=TransferSource.CSV
    )
    held = _held("42.00")

    response = _client(operator).get(TRANSFERS)

    assert response.status_code == 200
    transfers = list(response.context["cl"].result_list)
    assert [transfer.status for transfer in transfers] == ["unmatched", "matched"]
    html = response.content.decode()
    assert f"{TRANSFERS}{held.pk}/match/" in html
    assert f"{TRANSFERS}upload-statement/" in html
    held_only = _client(operator).get(f"{TRANSFERS}?held=yes")
    assert [t.pk for t in held_only.context["cl"].result_list] == [held.pk]


def test_the_match_page_finds_instalments_and_applies_the_transfer(
    escrow: Escrow, operator: User
) -> None:
    held = _held()
    client = _client(operator)

    page = client.get(f"{TRANSFERS}{held.pk}/match/")
    by_reference = client.get(f"{TRANSFERS}{held.pk}/match/?q={escrow.balance.reference}")
    response = client.post(
        f"{TRANSFERS}{held.pk}/match/", {"instalment_id": str(escrow.deposit.pk)}
    )

    assert page.status_code == 200
    assert [i.pk for i in page.context["instalments"]] == [escrow.deposit.pk]  # 300.00
    assert [i.pk for i in by_reference.context["instalments"]] == [escrow.balance.pk]
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.status, held.matched_by) == (TransferStatus.MATCHED, operator)


def test_a_refused_match_is_reported_on_the_page(escrow: Escrow, operator: User) -> None:
    held = _held(amount="10.00")
    usd = open_escrow("10.00", "USD", "100")

    response = _client(operator).post(
        f"{TRANSFERS}{held.pk}/match/", {"instalment_id": str(usd.deposit.pk)}, follow=True
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Amounts in different currencies cannot be combined."
    ]
    held.refresh_from_db()
    assert held.status == TransferStatus.UNMATCHED


def test_the_return_page_books_the_return(operator: User) -> None:
    held = _held()

    page = _client(operator).get(f"{TRANSFERS}{held.pk}/return/")
    response = _client(operator).post(f"{TRANSFERS}{held.pk}/return/", {"note": "unknown payer"})

    assert page.status_code == 200
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == TransferStatus.REFUNDED


def test_the_upload_page_imports_and_summarises(operator: User) -> None:
    upload = SimpleUploadedFile("day.xml", (SAMPLES / "camt053_v02_day.xml").read_bytes())

    response = _client(operator).post(f"{TRANSFERS}upload-statement/", {"file": upload})

    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.new, summary.unmatched, summary.skipped) == (4, 4, 2)
    assert "Imported day.xml" in response.content.decode()


def test_the_upload_page_reports_an_unreadable_file(operator: User) -> None:
    upload = SimpleUploadedFile("x.xml", b"<Document><Stmt>")

    response = _client(operator).post(f"{TRANSFERS}upload-statement/", {"file": upload})

    assert response.status_code == 200
    assert response.context["summary"] is None
    assert [str(m) for m in response.context["messages"]] == [
        "The XML file is malformed at line 1."
    ]


def test_payouts_are_run_marked_paid_and_reported(operator: User) -> None:
    escrow = _released()
    client = _client(operator)

    run = client.post(f"{BATCHES}run/")
    batch = PayoutBatch.objects.get()
    listing = client.get(BATCHES)
    report = client.get(f"{BATCHES}{batch.pk}/report.csv")
    paid = client.post(
        BATCHES, {"action": "mark_paid", "_selected_action": [str(batch.pk)]}, follow=True
    )

    assert run.status_code == 302
    assert listing.status_code == 200
    assert f"{BATCHES}run/" in listing.content.decode()
    assert report.status_code == 200
    assert escrow.hold.order_reference in report.content.decode()
    assert paid.status_code == 200
    batch.refresh_from_db()
    assert batch.status == PayoutBatchStatus.PAID
    detail = client.get(f"{BATCHES}{batch.pk}/change/")
    assert detail.status_code == 200


def test_refunds_are_paid_out_from_the_batches_page(operator: User) -> None:
    response = _client(operator).post(f"{BATCHES}refunds/", follow=True)

    assert [str(m) for m in response.context["messages"]] == ["No refunds are owed to buyers."]


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_no_one_else_gets_in_and_nothing_changes(
    escrow: Escrow, operator: User, member: User, who: str
) -> None:
    held = _held()
    _released()
    (batch,) = payouts_run(operator=operator)
    _released()
    client = _client(member if who == "member" else None)
    before = (
        LedgerTransaction.objects.count(),
        PayoutBatch.objects.count(),
        AuditEvent.objects.count(),
    )
    upload = SimpleUploadedFile("s.csv", (SAMPLES / "statement_en.csv").read_bytes())

    responses = [
        client.get(TRANSFERS),
        client.get(f"{TRANSFERS}{held.pk}/match/"),
        client.post(f"{TRANSFERS}{held.pk}/match/", {"instalment_id": str(escrow.deposit.pk)}),
        client.post(f"{TRANSFERS}{held.pk}/return/", {"note": "x"}),
        client.post(f"{TRANSFERS}upload-statement/", {"file": upload}),
        client.get(BATCHES),
        client.post(f"{BATCHES}run/"),
        client.post(f"{BATCHES}refunds/"),
        client.get(f"{BATCHES}{batch.pk}/report.csv"),
        client.post(BATCHES, {"action": "mark_paid", "_selected_action": [str(batch.pk)]}),
    ]

    assert [response.status_code for response in responses] == [302] * len(responses)
    assert all("/admin/login/" in response["Location"] for response in responses)
    assert (
        LedgerTransaction.objects.count(),
        PayoutBatch.objects.count(),
        AuditEvent.objects.count(),
    ) == before
    held.refresh_from_db()
    batch.refresh_from_db()
    assert (held.status, batch.status) == (TransferStatus.UNMATCHED, PayoutBatchStatus.PENDING)
