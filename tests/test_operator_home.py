"""The operator's back office: where an operator lands, what waits for them, the rates' age."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.admin import rates_age
from tradebridge.accounts.tests.factories import DEFAULT_PASSWORD, OperatorFactory, UserFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import CompanySuspension
from tradebridge.companies.services import company_suspend, verification_document_upload
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.companies.tests.files import PDF
from tradebridge.core.models import FxRate
from tradebridge.payments.enums import TransferSource
from tradebridge.payments.services.bank_transfers import transfer_record
from tradebridge.payments.tests.bank.conftest import statement_line
from tradebridge.rfq.models import RFQReport
from tradebridge.rfq.tests.factories import RFQFactory

pytestmark = pytest.mark.django_db


def _queue_rows(html: str) -> list[tuple[str, str]]:
    """(label, count) of each row of the queue table, in order."""
    section = html.split('id="operator-home"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<a href="([^"]+)">([^<]+)</a></th>\s*<td[^>]*>(?:<strong>)?(\d+)', section)
    return [(label, count) for _url, label, count in rows]


def test_an_operator_signing_in_lands_on_the_back_office():
    operator = OperatorFactory.create(email="ops@tradebridge.example.com")

    response = Client().post(
        reverse("account_login"), {"login": operator.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_trader_signing_in_lands_on_the_dashboard():
    user = UserFactory.create(email="mei@example.com")

    response = Client().post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )

    assert response["Location"] == "/dashboard/"


def test_the_home_counts_what_waits_and_links_to_it():
    company = CompanyFactory.create(display_name="Alpha Trading")
    owner = MembershipFactory.create(company=company, role=Role.OWNER)
    for name in ("a.pdf", "b.pdf"):
        verification_document_upload(
            actor=owner, kind="business_licence", file=io.BytesIO(PDF), filename=name
        )
    ProductFactory.create(status=ProductStatus.PENDING_REVIEW)
    ProductFactory.create(status=ProductStatus.PUBLISHED)
    CompanyFactory.create(is_active=False)
    client = Client()
    client.force_login(OperatorFactory.create())

    html = client.get("/admin/").content.decode()

    assert '<div id="site-name"><a href="/admin/">Tradebridge operations</a></div>' in html
    assert _queue_rows(html) == [
        ("Verification documents to review", "2"),
        ("Changes of kind to review", "0"),
        ("Products pending review", "1"),
        ("Suspended companies", "1"),
        ("Reported messages to review", "0"),
        ("Reported RFQs to review", "0"),
        ("Bank transfers held for review", "0"),
        ("Suppliers owed a payout", "0"),
    ]
    assert 'href="/admin/catalog/product/?status__exact=pending_review"' in html
    assert 'href="/admin/companies/verificationdocument/?status__exact=pending"' in html
    assert 'href="/admin/companies/company/?is_active__exact=0"' in html
    assert '<a href="/admin/accounts/" class="section">People</a>' in html


def test_the_home_warns_when_the_newest_rate_is_stale():
    FxRate.objects.create(
        date=timezone.localdate() - timedelta(days=14), currency="USD", rate=Decimal("1.1")
    )
    client = Client()
    client.force_login(OperatorFactory.create())

    html = client.get("/admin/").content.decode()

    assert "10 business days ago" in html
    assert "Set ECB_RATES_URL to fetch them daily" in html


def test_fresh_rates_raise_no_warning():
    FxRate.objects.create(date=timezone.localdate(), currency="USD", rate=Decimal("1.1"))
    client = Client()
    client.force_login(OperatorFactory.create())

    html = client.get("/admin/").content.decode()

    assert rates_age().stale is False
    assert "ECB_RATES_URL" not in html


def test_without_any_rate_the_home_says_so():
    client = Client()
    client.force_login(OperatorFactory.create())

    html = client.get("/admin/").content.decode()

    assert "There are no exchange rates" in html


def test_admin_lists_show_names_not_ids():
    company = CompanyFactory.create(display_name="Alpha Trading")
    owner = MembershipFactory.create(
        company=company, role=Role.OWNER, user=UserFactory.create(email="mei@example.com")
    )
    operator = OperatorFactory.create(email="ops@tradebridge.example.com")
    company_suspend(operator=operator, company_id=company.id, reason="Fraud.")
    client = Client()
    client.force_login(operator)

    audit = client.get("/admin/core/auditevent/").content.decode()

    assert '<td class="field-company">Alpha Trading</td>' in audit
    assert '<td class="field-actor">ops@tradebridge.example.com</td>' in audit
    assert str(owner) == "mei@example.com at Alpha Trading (Owner)"
    assert str(CompanySuspension.objects.get()) == "Alpha Trading: Suspended"


def test_the_home_counts_open_rfq_reports_and_links_to_them():
    rfq = RFQFactory.create()
    reporter = CompanyFactory.create()
    RFQReport.objects.create(rfq=rfq, reporter_company=reporter, reason="Spam")
    RFQReport.objects.create(
        rfq=rfq,
        reporter_company=CompanyFactory.create(),
        reason="Duplicate",
        status="dismissed",
        decided_by=OperatorFactory.create(),
        decided_at=timezone.now(),
    )
    client = Client()
    client.force_login(OperatorFactory.create())

    html = client.get("/admin/").content.decode()

    assert ("Reported RFQs to review", "1") in _queue_rows(html)
    assert 'href="/admin/rfq/rfqreport/?status__exact=open"' in html


def test_the_home_counts_held_transfers_and_payouts_due_and_links_to_them():
    transfer_record(line=statement_line("no reference", "12.00"), source=TransferSource.CSV)
    client = Client()
    client.force_login(OperatorFactory.create())

    html = client.get("/admin/").content.decode()

    assert ("Bank transfers held for review", "1") in _queue_rows(html)
    assert ("Suppliers owed a payout", "0") in _queue_rows(html)
    assert 'href="/admin/payments/incomingtransfer/?held=yes"' in html
    assert 'href="/admin/payments/payoutbatch/?"' in html
