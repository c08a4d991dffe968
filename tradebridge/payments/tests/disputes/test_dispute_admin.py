"""The operator's dispute screen: escalated first, the decide page with the case, a decision
that moves the money, and members kept out."""

import pytest
from django.test import Client

from tradebridge.payments.enums import AccountKind, DisputeStatus
from tradebridge.payments.services.disputes import dispute_escalate
from tradebridge.payments.tests.disputes.conftest import (
    assert_ledger_balanced,
    balance,
    day,
    open_dispute,
    paid_case,
)

pytestmark = pytest.mark.django_db


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_puts_escalated_disputes_first(operator):
    waiting_case, escalated_case = paid_case(), paid_case()
    open_dispute(waiting_case)
    escalated = open_dispute(escalated_case)
    dispute_escalate(actor=escalated_case.purchaser, dispute_id=escalated.pk, now=day(3))

    response = admin_client(operator).get("/admin/payments/dispute/")

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(escalated_case.hold.order_reference) < page.index(
        waiting_case.hold.order_reference
    )


def test_the_decide_page_shows_the_case_and_decides(case, dispute, operator):
    url = f"/admin/payments/dispute/{dispute.pk}/decide/"
    page = admin_client(operator).get(url)
    assert page.status_code == 200
    assert "Half the mats are torn." in page.content.decode()
    assert '<td id="dispute-held">1000.00 EUR</td>' in page.content.decode()

    response = admin_client(operator).post(
        url,
        {"resolution": "partial_refund", "refund_amount": "250,00", "note": "25 torn mats."},
    )

    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.status, dispute.refund_amount) == (DisputeStatus.RESOLVED, 250)
    assert balance(AccountKind.BUYER_REFUNDS, company_id=case.buyer.pk) == 25000
    assert_ledger_balanced()


def test_a_refund_above_what_is_held_is_refused(case, dispute, operator):
    response = admin_client(operator).post(
        f"/admin/payments/dispute/{dispute.pk}/decide/",
        {"resolution": "partial_refund", "refund_amount": "1000.01", "note": "x"},
    )

    assert response.status_code == 200
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER


def test_members_cannot_open_the_screen(case, dispute):
    response = admin_client(case.purchaser.user).get(
        f"/admin/payments/dispute/{dispute.pk}/decide/"
    )

    assert response.status_code == 302  # to the admin's sign-in
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.AWAITING_SUPPLIER
