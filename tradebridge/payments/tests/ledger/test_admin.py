"""The back office's ledger screens: accounts, transactions with their postings and escrow
holds with their instalments are read-only; commission rates and the payment settings are
edited there."""

from decimal import Decimal

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.catalog.tests.factories import CategoryFactory
from tradebridge.payments.models import CommissionRate, LedgerAccount, PaymentSettings
from tradebridge.payments.selectors import payment_settings
from tradebridge.payments.services.escrow import escrow_release
from tradebridge.payments.tests.factories import instalments, open_hold, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client() -> Client:
    client = Client()
    client.force_login(OperatorFactory.create())
    return client


@pytest.fixture
def released():
    hold = open_hold("1000.00", deposit_percent="100")
    (full,) = instalments(hold)
    payment = pay(full)
    release = escrow_release(order_id=hold.order_id, key="release", reason="receipt")
    return hold, payment.transaction, release


def test_the_ledger_is_shown_read_only(operator_client, released):
    hold, payment, release = released
    accounts = operator_client.get("/admin/payments/ledgeraccount/")
    assert accounts.status_code == 200
    assert "970.00 EUR" in accounts.text  # the supplier's payable
    detail = operator_client.get(f"/admin/payments/ledgertransaction/{release.pk}/change/")
    assert detail.status_code == 200
    assert "-1000.00 EUR" in detail.text
    assert "30.00 EUR" in detail.text  # the commission posting
    assert operator_client.get(f"/admin/payments/escrowhold/{hold.pk}/change/").status_code == 200
    holds = operator_client.get("/admin/payments/escrowhold/")
    assert hold.order_reference in holds.text
    for path in ("ledgeraccount", "ledgertransaction", "escrowhold"):
        assert operator_client.get(f"/admin/payments/{path}/add/").status_code == 403
    response = operator_client.post(f"/admin/payments/ledgertransaction/{payment.pk}/delete/")
    assert response.status_code == 403
    assert LedgerAccount.objects.filter(balance_minor=97000).count() == 1


def test_the_operator_sets_a_commission_rate_for_a_category(operator_client):
    category = CategoryFactory.create()
    response = operator_client.post(
        "/admin/payments/commissionrate/add/", {"category": str(category.pk), "percent": "2.50"}
    )
    assert response.status_code == 302
    rate = CommissionRate.objects.get()
    assert (rate.category_id, rate.percent) == (category.pk, Decimal("2.50"))


def test_the_operator_edits_the_payment_settings(operator_client):
    payment_settings()
    fields = {
        "deposit_deadline_days": "5",
        "supplier_confirmation_hours": "24",
        "protection_days": "45",
        "dispute_response_days": "4",
        "auto_escalation_days": "8",
        "shipping_grace_days": "3",
        "default_commission_percent": "2.75",
    }
    response = operator_client.post("/admin/payments/paymentsettings/1/change/", fields)
    assert response.status_code == 302
    row = PaymentSettings.objects.get()
    assert (row.protection_days, row.default_commission_percent) == (45, Decimal("2.75"))
    assert operator_client.get("/admin/payments/paymentsettings/add/").status_code == 403
    assert operator_client.post("/admin/payments/paymentsettings/1/delete/").status_code == 403


def test_only_operators_see_the_ledger(client):
    assert client.get("/admin/payments/ledgeraccount/").status_code == 302
