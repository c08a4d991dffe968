"""Reports of RFQs: a supplier reports what it can see, once; the operator hides the RFQ
(cancelling it, optionally suspending the buyer) or dismisses the report; nobody else may."""

import pytest

from tradebridge.accounts.tests.factories import UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent
from tradebridge.rfq.enums import RFQReportStatus, RFQStatus, RFQVisibility
from tradebridge.rfq.models import RFQReport
from tradebridge.rfq.services.reports import rfq_report, rfq_report_dismiss, rfq_report_hide
from tradebridge.rfq.tests.factories import RFQFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplier():
    return MembershipFactory.create(company=SupplierFactory.create(), role=Role.OWNER)


@pytest.fixture
def operator():
    return UserFactory.create(is_staff=True)


def test_a_supplier_reports_an_rfq(supplier):
    rfq = RFQFactory.create()
    report = rfq_report(actor=supplier, rfq_id=rfq.pk, reason="  Not a real request. ")
    assert (report.reason, report.status) == ("Not a real request.", RFQReportStatus.OPEN)
    assert AuditEvent.objects.filter(action="rfq.reported", object_id=str(rfq.pk)).exists()


def test_twice_is_a_conflict(supplier):
    rfq = RFQFactory.create()
    rfq_report(actor=supplier, rfq_id=rfq.pk, reason="Spam.")
    with pytest.raises(Conflict):
        rfq_report(actor=supplier, rfq_id=rfq.pk, reason="Spam again.")
    assert RFQReport.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_an_empty_or_long_reason_is_refused(supplier, reason):
    rfq = RFQFactory.create()
    with pytest.raises(ValidationFailed):
        rfq_report(actor=supplier, rfq_id=rfq.pk, reason=reason)
    assert RFQReport.objects.count() == 0


def test_an_rfq_the_supplier_cannot_see_is_not_found(supplier):
    rfq = RFQFactory.create(visibility=RFQVisibility.INVITED)
    with pytest.raises(NotFound):
        rfq_report(actor=supplier, rfq_id=rfq.pk, reason="Spam.")


def test_a_viewer_may_not_report(supplier):
    viewer = MembershipFactory.create(company=supplier.company, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        rfq_report(actor=viewer, rfq_id=RFQFactory.create().pk, reason="Spam.")


def test_hiding_cancels_the_rfq_and_closes_every_report(supplier, operator):
    rfq = RFQFactory.create()
    other = MembershipFactory.create(company=SupplierFactory.create(), role=Role.SALES)
    first = rfq_report(actor=supplier, rfq_id=rfq.pk, reason="Spam.")
    rfq_report(actor=other, rfq_id=rfq.pk, reason="Scam.")
    report = rfq_report_hide(operator=operator, report_id=first.pk, note="Spam campaign.")
    rfq.refresh_from_db()
    assert rfq.status == RFQStatus.CANCELLED
    assert report.status == RFQReportStatus.HIDDEN
    assert set(RFQReport.objects.values_list("status", flat=True)) == {RFQReportStatus.HIDDEN}
    assert rfq.buyer.is_active


def test_hiding_may_suspend_the_buyer(supplier, operator):
    rfq = RFQFactory.create()
    report = rfq_report(actor=supplier, rfq_id=rfq.pk, reason="Scam.")
    rfq_report_hide(operator=operator, report_id=report.pk, note="Scam.", suspend_buyer=True)
    rfq.buyer.refresh_from_db()
    assert not rfq.buyer.is_active


def test_a_decided_report_is_a_conflict(supplier, operator):
    report = rfq_report(actor=supplier, rfq_id=RFQFactory.create().pk, reason="Spam.")
    rfq_report_dismiss(operator=operator, report_id=report.pk)
    with pytest.raises(Conflict):
        rfq_report_hide(operator=operator, report_id=report.pk, note="Too late.")
    assert RFQReport.objects.get().status == RFQReportStatus.DISMISSED


def test_only_operators_decide(supplier):
    report = rfq_report(actor=supplier, rfq_id=RFQFactory.create().pk, reason="Spam.")
    with pytest.raises(PermissionDenied):
        rfq_report_hide(operator=supplier.user, report_id=report.pk, note="No.")
    with pytest.raises(PermissionDenied):
        rfq_report_dismiss(operator=supplier.user, report_id=report.pk)
    assert RFQReport.objects.get().status == RFQReportStatus.OPEN


def test_hiding_needs_a_note(supplier, operator):
    report = rfq_report(actor=supplier, rfq_id=RFQFactory.create().pk, reason="Spam.")
    with pytest.raises(ValidationFailed):
        rfq_report_hide(operator=operator, report_id=report.pk, note=" ")
    assert RFQReport.objects.get().status == RFQReportStatus.OPEN
