"""The back office's RFQ reports: the operator hides a reported RFQ (cancelling it, and
suspending the buyer if asked) or dismisses the report; a report is never edited by hand."""

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.rfq.enums import RFQReportStatus, RFQStatus
from tradebridge.rfq.models import RFQReport
from tradebridge.rfq.services.reports import rfq_report
from tradebridge.rfq.tests.factories import RFQFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/rfq/rfqreport/"


@pytest.fixture
def report() -> RFQReport:
    supplier = MembershipFactory.create(company=SupplierFactory.create(), role=Role.OWNER)
    rfq = RFQFactory.create(title="Cheap watches, pay by gift card")
    return rfq_report(actor=supplier, rfq_id=rfq.pk, reason="A scam.")


def _operator() -> Client:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_the_operator_hides_the_rfq_and_suspends_the_buyer(report):
    client = _operator()
    assert "A scam." in client.get(CHANGELIST).content.decode()
    response = client.post(
        CHANGELIST, {"action": "hide_and_suspend", "_selected_action": [str(report.id)]}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    report.rfq.refresh_from_db()
    report.rfq.buyer.refresh_from_db()
    assert report.status == RFQReportStatus.HIDDEN
    assert report.rfq.status == RFQStatus.CANCELLED
    assert not report.rfq.buyer.is_active


def test_the_operator_hides_without_suspending(report):
    _operator().post(CHANGELIST, {"action": "hide", "_selected_action": [str(report.id)]})
    report.rfq.refresh_from_db()
    report.rfq.buyer.refresh_from_db()
    assert report.rfq.status == RFQStatus.CANCELLED
    assert report.rfq.buyer.is_active


def test_the_operator_dismisses_a_report(report):
    _operator().post(CHANGELIST, {"action": "dismiss", "_selected_action": [str(report.id)]})
    report.refresh_from_db()
    report.rfq.refresh_from_db()
    assert report.status == RFQReportStatus.DISMISSED
    assert report.rfq.status == RFQStatus.OPEN


def test_reports_are_read_only(report):
    client = _operator()
    assert client.get(f"{CHANGELIST}{report.id}/change/").status_code == 200
    assert client.get(f"{CHANGELIST}add/").status_code == 403
